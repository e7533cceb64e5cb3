export function DocumentEditor(_props: { id?: string }) {
  return <div className="page">Coming soon</div>;
}
