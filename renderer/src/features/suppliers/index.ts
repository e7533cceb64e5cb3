// The suppliers feature's only public door: the list (with supplier sync) and the supplier form.
export { SupplierForm } from './SupplierForm';
export { SuppliersPage } from './SuppliersPage';
