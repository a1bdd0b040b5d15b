import { useUser } from '../auth.tsx'
import { PageHeading } from '../components/PageHeading.tsx'
import { ChangePasswordForm } from '../account/ChangePasswordForm.tsx'
import { TokensSection } from '../account/TokensSection.tsx'

export function AccountPage() {
  const user = useUser()
  return (
    <div className="page--medium">
      <PageHeading title="Your account" />
      <p className="lead">
        Signed in as <strong>{user.name}</strong> ({user.email}).
      </p>
      <ChangePasswordForm />
      <TokensSection />
    </div>
  )
}
