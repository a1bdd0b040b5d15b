export function TrusteeView() {
  return (
    <section className="empty-state empty-state--large" aria-labelledby="snapshots-heading">
      <h2 id="snapshots-heading">Snapshots for trustees</h2>
      <p>Snapshots published to trustees will appear here. None have been published yet.</p>
    </section>
  )
}
