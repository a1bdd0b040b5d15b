// Plans, members and invitations: thin routes over PlanService, which checks every role.
import {
  CreateInvitationBody, CreatePlanBody, UpdateMemberBody, UpdatePlanBody,
} from '../../../shared/api.ts'
import { TEMPLATES } from '../../../shared/templates/index.ts'
import type { PlanService } from '../../plans/planService.ts'
import { sendEmpty, sendJson } from '../io.ts'
import type { Router } from '../router.ts'

export function planRoutes(router: Router, plans: PlanService): void {
  router.add('GET', '/api/templates', async ({ res, principal }) => {
    await principal()
    sendJson(res, 200, { templates: TEMPLATES.map(({ id, name, description }) => ({ id, name, description })) })
  })

  router.add('GET', '/api/plans', async ({ res, principal }) => {
    sendJson(res, 200, { plans: await plans.list(await principal()) })
  })

  router.add('POST', '/api/plans', async ({ res, principal, body }) => {
    const caller = await principal()
    sendJson(res, 201, { plan: await plans.create(caller, await body(CreatePlanBody)) })
  })

  router.add('GET', '/api/plans/:planId', async ({ res, principal, params }) => {
    sendJson(res, 200, { plan: await plans.get(await principal(), params.planId) })
  })

  router.add('PATCH', '/api/plans/:planId', async ({ res, principal, params, body }) => {
    const caller = await principal()
    sendJson(res, 200, { plan: await plans.update(caller, params.planId, await body(UpdatePlanBody)) })
  })

  router.add('DELETE', '/api/plans/:planId', async ({ res, principal, params }) => {
    await plans.remove(await principal(), params.planId)
    sendEmpty(res)
  })

  router.add('GET', '/api/plans/:planId/members', async ({ res, principal, params }) => {
    sendJson(res, 200, { members: await plans.members(await principal(), params.planId) })
  })

  router.add('PATCH', '/api/plans/:planId/members/:userId', async ({ res, principal, params, body }) => {
    const caller = await principal()
    const member = await plans.updateMember(caller, params.planId, params.userId, await body(UpdateMemberBody))
    sendJson(res, 200, { member })
  })

  router.add('DELETE', '/api/plans/:planId/members/:userId', async ({ res, principal, params }) => {
    await plans.removeMember(await principal(), params.planId, params.userId)
    sendEmpty(res)
  })

  router.add('GET', '/api/plans/:planId/invitations', async ({ res, principal, params }) => {
    sendJson(res, 200, { invitations: await plans.invitations(await principal(), params.planId) })
  })

  router.add('POST', '/api/plans/:planId/invitations', async ({ res, principal, params, body }) => {
    const caller = await principal()
    sendJson(res, 201, { invitation: await plans.invite(caller, params.planId, await body(CreateInvitationBody)) })
  })

  router.add('DELETE', '/api/plans/:planId/invitations/:invitationId', async ({ res, principal, params }) => {
    await plans.revokeInvitation(await principal(), params.planId, params.invitationId)
    sendEmpty(res)
  })

  router.add('GET', '/api/invitations/:token', async ({ res, principal, params }) => {
    sendJson(res, 200, { invitation: await plans.previewInvitation(await principal(), params.token) })
  })

  router.add('POST', '/api/invitations/:token/accept', async ({ res, principal, params }) => {
    sendJson(res, 200, await plans.acceptInvitation(await principal(), params.token))
  })
}
