// The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const SESSION_COOKIE = 'uplift_session'

export class SessionCookie {
  constructor(private readonly alwaysSecure: boolean) {}

  set(res: ServerResponse, req: IncomingMessage, secret: string, expiresAt: string): void {
    const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000))
    res.setHeader('set-cookie', `${SESSION_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${this.secure(req) ? '; Secure' : ''}`)
  }

  clear(res: ServerResponse, req: IncomingMessage): void {
    res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${this.secure(req) ? '; Secure' : ''}`)
  }

  private secure(req: IncomingMessage): boolean {
    return this.alwaysSecure || (req.socket as { encrypted?: boolean }).encrypted === true
      || req.headers['x-forwarded-proto'] === 'https'
  }
}
