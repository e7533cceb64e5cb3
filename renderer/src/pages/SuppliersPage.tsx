export function SuppliersPage() {
  return <div className="page">Coming soon</div>;
}
export function SupplierForm(_props: { id?: string }) {
  return <div className="page">Coming soon</div>;
}
