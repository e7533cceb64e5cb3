export { NetSuiteConnector } from './connector.js';
