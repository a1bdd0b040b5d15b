// Scenario 2: many schools: 500 plans with 4 editors each, 1 keystroke a second each.
import { EDITING_METRICS, runEditing } from './editing.ts'
import { profileDir } from './profile.ts'
import type { Scenario } from './types.ts'

export const manySchools: Scenario = {
  id: 2,
  title: 'Many schools: many small plans',
  description: 'Many plans at once, a few editors in each (each plan\'s editors in one client worker).',
  servers: 'all',
  repeatable: true,
  metrics: EDITING_METRICS,
  run: (server, context) => runEditing(server, {
    plans: context.config.manySchools.plans,
    editorsPerPlan: context.config.manySchools.editorsPerPlan,
    perSecond: context.config.manySchools.perSecond,
    spread: 'within',
    profileDir: profileDir(server, 'many-schools', context),
  }, context),
}
