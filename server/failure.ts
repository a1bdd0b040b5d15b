/**
 * A failure a person can act on, raised by services and turned into an HTTP status by the HTTP layer.
 * `message` is shown to the person: it says what happened and what to do.
 */
export type FailureKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'tooMany' | 'unavailable'

export class Failure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly fields?: Record<string, string>,
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
  }
}

export const notFound = (what = 'plan') =>
  new Failure('notFound', `That ${what} does not exist, or it has not been shared with you.`)
