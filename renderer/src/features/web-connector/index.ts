// The Web Connector feature's only public door: the page that sets up QuickBooks Desktop's Web Connector.
export { WebConnectorPage } from './WebConnectorPage';
