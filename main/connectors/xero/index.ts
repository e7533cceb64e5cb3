export { XeroConnector } from './connector.js';
