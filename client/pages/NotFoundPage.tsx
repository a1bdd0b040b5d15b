import { PageHeading } from '../components/PageHeading.tsx'
import { Link } from '../router.tsx'

export function NotFoundPage() {
  return (
    <div className="page--narrow">
      <PageHeading title="Page not found" />
      <p>There is no page at this address. Check the address, or go to <Link href="/">your plans</Link>.</p>
    </div>
  )
}
