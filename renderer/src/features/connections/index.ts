// The connections feature's only public door: the Connections page, and the ServiceTrade sign-in the Jobs page
// offers when it is not connected.
export { ConnectionsPage } from './ConnectionsPage';
export { ConnectServiceTrade } from './servicetrade';
