// Scenario 1: one plan, a staff room: 50 editors each typing 5 keystrokes a second.
import { EDITING_METRICS, runEditing } from './editing.ts'
import { profileDir } from './profile.ts'
import type { Scenario } from './types.ts'

export const staffRoom: Scenario = {
  id: 1,
  title: 'Staff room: one plan, many editors',
  description: 'One plan; every editor types at a steady rate (editors spread over the client workers).',
  servers: 'all',
  repeatable: true,
  metrics: EDITING_METRICS,
  run: (server, context) => runEditing(server, {
    plans: 1,
    editorsPerPlan: context.config.staffRoom.editors,
    perSecond: context.config.staffRoom.perSecond,
    spread: 'across',
    profileDir: profileDir(server, 'staff-room', context),
  }, context),
}
