// The Jobs feature's only public door: ServiceTrade jobs and invoices, and sending them to QuickBooks Desktop.
export { JobsPage } from './JobsPage';
