export function ConnectionsPage(_props: { id?: string }) {
  return <div className="page">Coming soon</div>;
}
