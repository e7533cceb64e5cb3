// The Web Connector feature's public door: the page that sets up QuickBooks Desktop's Web Connector, and the .qwc
// file's download, which a QuickBooks Desktop connection's card offers too.
export { WebConnectorPage } from './WebConnectorPage';
export { downloadQwc } from './qwc-file';
