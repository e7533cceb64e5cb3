// The Payments feature's only public door: bringing payments back from the accounting systems.
export { PaymentsPage } from './PaymentsPage';
