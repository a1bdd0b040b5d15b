/**
 * Accounts, sessions and personal tokens. A principal is found from a session cookie or a bearer token;
 * everything else asks it who is calling.
 */
import type { ChangePasswordBody, PersonalToken, RegisterBody, SignInBody, User } from '../../shared/api.ts'
import { colourFor } from '../../shared/presence.ts'
import { Failure } from '../failure.ts'
import type { MetadataStore, SessionRecord, UserRecord } from '../storage/metadata.ts'
import { hashPassword, verifyPassword } from './passwords.ts'
import { hashSecret, newId, newSecret } from './secrets.ts'
import { SignInThrottle } from './throttle.ts'
import type { z } from 'zod'

export interface Principal {
  user: UserRecord
  /** The session in use; null when the caller used a personal token. */
  sessionId: string | null
  sessionExpiresAt: string | null
  /** The personal token in use; null when the caller used a session. */
  tokenId: string | null
}

export interface AuthEvents {
  /** Sessions ended (sign-out, password change, expiry): their sockets must close. */
  sessionsEnded(sessionIds: string[]): void
  /** Personal tokens deleted: the sockets opened with them must close. */
  tokensRevoked(tokenIds: string[]): void
}

export const TOKEN_PREFIX = 'upl_'

export function publicUser(user: UserRecord): User {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, colour: colourFor(user.id) }
}

export class AuthService {
  private readonly emailThrottle = new SignInThrottle(5)
  // One address may be a whole school behind one router: it gets a larger allowance than one email.
  private readonly addressThrottle = new SignInThrottle(30)
  /** A hash to verify against when the email is unknown, so both paths take the same time. */
  private decoyHash: Promise<string> | null = null

  constructor(
    private readonly meta: MetadataStore,
    private readonly options: { sessionDays: number; scryptLog2N: number },
    private readonly events: AuthEvents,
  ) {}

  async register(body: RegisterBody): Promise<{ user: UserRecord; session: string; expiresAt: string }> {
    // The field's message is the whole of it (a form shows it by the field and in its summary, once).
    const problem = 'An account with this email already exists. Sign in instead, or use another email.'
    const taken = () => new Failure('conflict', problem, { email: problem })
    if (await this.meta.findUserByEmail(body.email)) throw taken()
    const passwordHash = await hashPassword(body.password, this.options.scryptLog2N)
    // Checked again after the slow hash, with nothing slow between the checks and the creation: two
    // registrations arriving together must not both pass (the same email twice, or two first accounts).
    if (await this.meta.findUserByEmail(body.email)) throw taken()
    const now = new Date().toISOString()
    const user: UserRecord = {
      id: newId(),
      email: body.email,
      name: body.name,
      passwordHash,
      // The first account on a fresh install administers it.
      isAdmin: (await this.meta.countUsers()) === 0,
      createdAt: now,
      passwordChangedAt: now,
    }
    await this.meta.createUser(user)
    return { user, ...(await this.startSession(user.id)) }
  }

  async signIn(body: SignInBody, address: string): Promise<{ user: UserRecord; session: string; expiresAt: string }> {
    const wait = Math.max(this.emailThrottle.wait([body.email]), this.addressThrottle.wait([address]))
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      throw new Failure('tooMany', `Too many attempts to sign in. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again.`, undefined, seconds)
    }
    const user = await this.meta.findUserByEmail(body.email)
    const valid = user
      ? await verifyPassword(body.password, user.passwordHash)
      : await verifyPassword(body.password, await this.decoy()).then(() => false)
    if (!user || !valid) {
      this.emailThrottle.fail([body.email])
      this.addressThrottle.fail([address])
      // The same words whether or not the email has an account.
      throw new Failure('unauthenticated', 'The email or password is not right. Check them and try again.')
    }
    this.emailThrottle.succeed([body.email])
    return { user, ...(await this.startSession(user.id)) }
  }

  async signOut(sessionId: string): Promise<void> {
    await this.meta.deleteSession(sessionId)
    this.events.sessionsEnded([sessionId])
  }

  async changePassword(principal: Principal, body: z.infer<typeof ChangePasswordBody>): Promise<void> {
    if (!(await verifyPassword(body.currentPassword, principal.user.passwordHash))) {
      const problem = 'Your current password is not right.'
      throw new Failure('invalid', problem, { currentPassword: problem })
    }
    // (The same password again would change nothing but sign everyone else out: most likely a slip.)
    if (await verifyPassword(body.newPassword, principal.user.passwordHash)) {
      const problem = 'Your new password is the same as your current one. Choose a different one.'
      throw new Failure('invalid', problem, { newPassword: problem })
    }
    await this.meta.updateUser(principal.user.id, {
      passwordHash: await hashPassword(body.newPassword, this.options.scryptLog2N),
      passwordChangedAt: new Date().toISOString(),
    })
    // Everywhere else this person was signed in is signed out.
    const ended = await this.meta.deleteSessionsOfUser(principal.user.id, principal.sessionId ?? undefined)
    this.events.sessionsEnded(ended)
  }

  async fromSession(secret: string | undefined): Promise<Principal | null> {
    if (!secret) return null
    const session = await this.meta.findSessionByHash(hashSecret(secret))
    if (!session) return null
    if (Date.parse(session.expiresAt) <= Date.now()) {
      await this.meta.deleteSession(session.id)
      this.events.sessionsEnded([session.id])
      return null
    }
    const user = await this.meta.getUser(session.userId)
    return user ? { user, sessionId: session.id, sessionExpiresAt: session.expiresAt, tokenId: null } : null
  }

  async fromToken(secret: string | undefined): Promise<Principal | null> {
    if (!secret || !secret.startsWith(TOKEN_PREFIX)) return null
    const token = await this.meta.findTokenByHash(hashSecret(secret))
    if (!token) return null
    const user = await this.meta.getUser(token.userId)
    return user ? { user, sessionId: null, sessionExpiresAt: null, tokenId: token.id } : null
  }

  /** Ends expired sessions and closes their sockets. */
  async sweepExpiredSessions(now = new Date()): Promise<void> {
    const ended = await this.meta.deleteExpiredSessions(now)
    if (ended.length > 0) this.events.sessionsEnded(ended)
  }

  async createToken(principal: Principal, name: string): Promise<PersonalToken> {
    const secret = newSecret(TOKEN_PREFIX)
    const record = { id: newId(), userId: principal.user.id, name, tokenHash: hashSecret(secret), createdAt: new Date().toISOString(), lastUsedAt: null }
    await this.meta.createToken(record)
    return { id: record.id, name, createdAt: record.createdAt, lastUsedAt: null, token: secret }
  }

  async listTokens(principal: Principal): Promise<PersonalToken[]> {
    return (await this.meta.listTokens(principal.user.id)).map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt }))
  }

  async deleteToken(principal: Principal, id: string): Promise<void> {
    if (!(await this.meta.deleteToken(principal.user.id, id))) throw new Failure('notFound', 'That token does not exist. It may have been revoked already.')
    this.events.tokensRevoked([id])
  }

  private async startSession(userId: string): Promise<{ session: string; expiresAt: string }> {
    const secret = newSecret()
    const now = Date.now()
    const record: SessionRecord = {
      id: newId(),
      tokenHash: hashSecret(secret),
      userId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.sessionDays * 86_400_000).toISOString(),
    }
    await this.meta.createSession(record)
    return { session: secret, expiresAt: record.expiresAt }
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= hashPassword('not a real password', this.options.scryptLog2N)
    return this.decoyHash
  }
}
