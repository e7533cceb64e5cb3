// The one place the engine touches the qbXML layer (qbxml/, written alongside): building a message, reading an
// answer, and classifying QuickBooks' status codes and HRESULTs. Kept behind this small interface so the engine
// can be driven with another implementation in unit tests.
import { buildMessage, buildRequest } from './qbxml/builders.js';
import { classifyHresult, classifyStatus } from './qbxml/errors.js';
import { parseResponse } from './qbxml/parse.js';
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
  parseResponse(xml: string): QbxmlResponse[];
  classifyStatus(code: number, message: string): Classified;
  classifyHresult(hresult: string, message: string): Classified;
}

/**
 * buildMessage's envelope around requests written one by one: the engine writes each document's request alone
 * (to fail only that document on a value QuickBooks cannot take) and keeps the text instead of writing it twice.
 * The envelope must stay buildMessage's; the tests compare the two.
 */
export function assemble(parts: string[], options: BuildOptions): string {
  if (parts.length === 0) throw new Error('A qbXML message needs at least one request');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${options.version}"?>\n` +
    `<QBXML>\n<QBXMLMsgsRq onError="${options.onError}">\n${parts.join('\n')}\n</QBXMLMsgsRq>\n</QBXML>\n`
  );
}

export const qbxmlWire: QbxmlWire = {
  assemble,
  buildMessage,
  buildRequest,
  parseResponse,
  classifyStatus,
  classifyHresult,
};
