/**
 * What the plan page says when the server stops taking this person's changes: what happened, in a heading and
 * a sentence, and what to do about what was not saved.
 */
import type { Role } from '../../shared/roles.ts'
import type { Lockout } from '../collab/session.ts'

export interface LockoutWording {
  heading: string
  explanation: string
  /** What to do with what was not saved (said only when there is some). */
  advice: string
}

/**
 * `role` is the role the server last announced (a person made a trustee is told so just before the live plan
 * closes to them); `typing` whether they were typing in the plan when it stopped taking their text.
 */
export function lockoutWording(lockout: Lockout, role: Role | null, typing: boolean): LockoutWording {
  const when = typing ? 'while you were typing' : 'while you had the plan open'
  const keepIt = 'Copy it and keep it somewhere safe, such as an email to the plan’s owner.'
  const beforeLeaving = 'Copy it now: once you leave this page, it cannot be shown again.'
  const trustee = role === 'trustee'
  if (lockout.cause === 'deleted') {
    return lockout.live
      ? { heading: 'This plan has been deleted', explanation: `It was deleted ${typing ? 'while you were typing' : 'while you had it open'}.`, advice: beforeLeaving }
      : { heading: 'This plan was deleted while you were offline', explanation: 'The changes you made were not saved.', advice: beforeLeaving }
  }
  if (lockout.cause === 'refused') {
    return {
      heading: 'Your changes were not saved',
      explanation: 'The server did not accept them: you can read this plan but not edit it.',
      advice: `${keepIt} Ask the plan’s owner if you need to edit it.`,
    }
  }
  if (!lockout.live) {
    const now = lockout.cause === 'role'
      ? 'You can now read it but not edit it'
      : trustee ? 'You are now a trustee, so you see only the snapshots published to trustees' : 'You no longer have access to it'
    return {
      heading: 'Your access to this plan changed while you were offline.',
      explanation: `${now}, so the changes you made were not saved.`,
      advice: lockout.cause === 'role' ? keepIt : beforeLeaving,
    }
  }
  if (lockout.cause === 'role') {
    return {
      heading: 'You can no longer edit this plan',
      explanation: `Your role was changed to viewer ${when}. You can still read the plan and see other people’s changes.`,
      advice: `${keepIt} Ask the plan’s owner if you need to edit it again.`,
    }
  }
  if (trustee) {
    return {
      heading: 'You can no longer see the live plan',
      explanation: `You were made a trustee of this plan ${when}: trustees see only the snapshots published to them.`,
      advice: beforeLeaving,
    }
  }
  return { heading: 'You no longer have access to this plan', explanation: `Your access was removed ${when}.`, advice: beforeLeaving }
}

/** The note above a plan that can no longer be edited. */
export function readOnlyNote(lockout: Lockout | null): string {
  if (lockout?.cause === 'deleted') return 'This is the plan as it was when it was deleted. It is no longer updated.'
  if (lockout?.cause === 'removed') return 'This is the plan as it was when your access changed. It is no longer updated.'
  return 'You can read this plan but not edit it.'
}
