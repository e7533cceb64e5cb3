// The one place the engine touches the qbXML layer (qbxml/, written alongside): building a message, reading an
// answer, and classifying QuickBooks' status codes and HRESULTs. Kept behind this small interface so the engine
// can be driven with another implementation in unit tests.
import { buildMessage, buildRequest, envelope } from './qbxml/builders.js';
import { classifyHresult, classifyStatus } from './qbxml/errors.js';
import { readResponse } from './qbxml/parse.js';
import type { BuildOptions, QbxmlRequest, QbxmlResponse } from './qbxml/types.js';

export interface Classified {
  kind: 'transient' | 'needs_user' | 'auth' | 'mapping';
  userMessage: string;
}

export interface QbxmlWire {
  buildMessage(requests: QbxmlRequest[], options: BuildOptions): string;
  /** One request alone, to find a value QuickBooks cannot take before the message is assembled. */
  buildRequest(request: QbxmlRequest, version: string): string;
  /** The message around requests already written by buildRequest (as buildMessage writes it). */
  assemble(parts: string[], options: BuildOptions): string;
  /** Every response; a record that cannot be read is in its response's `unreadable`, not thrown. */
  parseResponse(xml: string): QbxmlResponse[];
  classifyStatus(code: number, message: string): Classified;
  classifyHresult(hresult: string, message: string): Classified;
}

export const qbxmlWire: QbxmlWire = {
  assemble: envelope,
  buildMessage,
  buildRequest,
  parseResponse: readResponse,
  classifyStatus,
  classifyHresult,
};
