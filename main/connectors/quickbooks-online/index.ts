export { QuickBooksOnlineConnector } from './connector.js';
