// A plan's progress overview: the same figures the editor shows beside the document, worked out on the server.
import type { PlanService } from '../../plans/planService.ts'
import { sendJson } from '../io.ts'
import type { Router } from '../router.ts'

export function progressRoutes(router: Router, plans: PlanService): void {
  router.add('GET', '/api/plans/:planId/overview', async ({ res, principal, params }) => {
    sendJson(res, 200, { overview: await plans.overview(await principal(), params.planId) })
  })
}
