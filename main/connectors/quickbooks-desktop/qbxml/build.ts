// The engine imports the message builder as qbxml/build.js; the builders live in builders.ts.
export {
  buildMessage,
  buildRequest,
  chooseVersion,
  parseVersion,
  MAX_QBXML_VERSION,
  MIN_QBXML_VERSION,
} from './builders.js';
