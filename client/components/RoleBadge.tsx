import { ROLE_LABELS, type Role } from '../../shared/roles.ts'

export function RoleBadge({ role, prefix = 'Your role: ' }: { role: Role; prefix?: string }) {
  return (
    <span className={`badge badge--${role}`}>
      {prefix && <span className="visually-hidden">{prefix}</span>}
      {ROLE_LABELS[role]}
    </span>
  )
}
