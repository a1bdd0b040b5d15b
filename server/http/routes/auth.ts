// Sign-up, sign-in, sign-out, the current person, password changes and personal tokens.
import { ChangePasswordBody, CreateTokenBody, RegisterBody, SignInBody } from '../../../shared/api.ts'
import { type AuthService, publicUser } from '../../auth/authService.ts'
import { Failure } from '../../failure.ts'
import { sendEmpty, sendJson } from '../io.ts'
import type { Router } from '../router.ts'
import type { SessionCookie } from '../session.ts'

export function authRoutes(router: Router, auth: AuthService, cookie: SessionCookie): void {
  router.add('POST', '/api/auth/register', async ({ req, res, body }) => {
    const input = await body(RegisterBody)
    const { user, session, expiresAt } = await auth.register(input)
    cookie.set(res, req, session, expiresAt)
    sendJson(res, 201, { user: publicUser(user) })
  })

  router.add('POST', '/api/auth/signin', async ({ req, res, body }) => {
    const input = await body(SignInBody)
    const { user, session, expiresAt } = await auth.signIn(input, req.socket.remoteAddress ?? 'unknown')
    cookie.set(res, req, session, expiresAt)
    sendJson(res, 200, { user: publicUser(user) })
  })

  router.add('POST', '/api/auth/signout', async ({ req, res, principal }) => {
    const caller = await principal().catch(() => null)
    if (caller?.sessionId) await auth.signOut(caller.sessionId)
    cookie.clear(res, req)
    sendEmpty(res)
  })

  router.add('GET', '/api/auth/me', async ({ res, principal }) => {
    sendJson(res, 200, { user: publicUser((await principal()).user) })
  })

  router.add('POST', '/api/auth/password', async ({ res, principal, body }) => {
    const caller = await principal()
    await auth.changePassword(caller, await body(ChangePasswordBody))
    sendEmpty(res)
  })

  router.add('GET', '/api/tokens', async ({ res, principal }) => {
    sendJson(res, 200, { tokens: await auth.listTokens(await principal()) })
  })

  router.add('POST', '/api/tokens', async ({ res, principal, body }) => {
    const caller = await principal()
    if (!caller.sessionId) throw new Failure('forbidden', 'Create personal tokens while signed in, not with another token.')
    const { name } = await body(CreateTokenBody)
    sendJson(res, 201, { token: await auth.createToken(caller, name) })
  })

  router.add('DELETE', '/api/tokens/:tokenId', async ({ res, principal, params }) => {
    await auth.deleteToken(await principal(), params.tokenId)
    sendEmpty(res)
  })
}
