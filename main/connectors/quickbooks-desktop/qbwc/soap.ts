// SOAP 1.1 document/literal, just enough for the Web Connector's eight callbacks: read the operation and its
// string parameters out of an envelope, write a response or a fault. Hand-rolled on purpose (the Web Connector
// speaks one fixed WSDL), with the parser locked down: no DOCTYPE, no entity expansion, a size limit enforced
// before parsing (http-handler.ts), and no stack trace or input echoed into a fault.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const QBWC_NAMESPACE = 'http://developer.intuit.com/';
/** Markup (tags, declarations) allowed in one call; real calls have under 20. */
const MAX_ELEMENTS = 1_000;
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export class SoapInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoapInputError';
  }
}

export interface SoapCall {
  /** Local name of the Body's first element, e.g. "authenticate". */
  operation: string;
  /** Its child elements by local name, text decoded (the qbXML inside a string parameter comes back as XML). */
  params: Record<string, string>;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Entities are decoded by decodeText below: only the five XML ones and character references, so a DTD can
  // never define anything (a DOCTYPE is refused before parsing anyway).
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
});

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    const known = XML_ENTITIES[name];
    if (known === undefined) throw new SoapInputError(`The request uses an undefined entity &${name};.`);
    return known;
  });
}

function safeCodePoint(code: number, whole: string): string {
  if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) {
    throw new SoapInputError(`The request has an invalid character reference ${whole}.`);
  }
  return String.fromCodePoint(code);
}

function localName(node: OrderedNode): string | null {
  for (const key of Object.keys(node)) {
    if (key === '#text' || key === '#cdata' || key === ':@' || key.startsWith('?')) continue;
    return key;
  }
  return null;
}

function childrenOf(node: OrderedNode, name: string): OrderedNode[] {
  const value = node[name];
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

function textOf(children: OrderedNode[]): string {
  let out = '';
  for (const child of children) {
    if (typeof child['#text'] === 'string') out += decodeText(child['#text']);
    else if (Array.isArray(child['#cdata'])) {
      // CDATA content is literal: no entity decoding.
      for (const part of child['#cdata'] as OrderedNode[]) {
        if (typeof part['#text'] === 'string') out += part['#text'];
      }
    } else if (localName(child) !== null) {
      throw new SoapInputError('A parameter holds XML elements where text was expected.');
    }
  }
  return out;
}

function firstElement(nodes: OrderedNode[], wanted?: string): OrderedNode | null {
  for (const node of nodes) {
    const name = localName(node);
    if (name !== null && (wanted === undefined || name === wanted)) return node;
  }
  return null;
}

/** Counts '<' outside CDATA sections, stopping once past the limit. Linear in the body's length. */
function countMarkup(body: string): number {
  let count = 0;
  let i = body.indexOf('<');
  while (i !== -1 && count <= MAX_ELEMENTS) {
    if (body.startsWith('<![CDATA[', i)) {
      const end = body.indexOf(']]>', i + 9);
      if (end === -1) return count; // unterminated: the validator reports it
      i = body.indexOf('<', end + 3);
      continue;
    }
    count += 1;
    i = body.indexOf('<', i + 1);
  }
  return count;
}

/** Parses a SOAP 1.1 request envelope. Throws SoapInputError for anything that is not one. */
export function parseSoapRequest(body: string): SoapCall {
  if (body.trim() === '')
    throw new SoapInputError('The request body is empty; a SOAP envelope was expected.');
  if (/<!DOCTYPE/i.test(body) || /<!ENTITY/i.test(body)) {
    throw new SoapInputError('Document type declarations are not accepted.');
  }
  // A Web Connector call has a dozen elements; the qbXML inside travels as escaped text. Thousands of elements
  // are an attack on the parser's time, refused before it starts.
  if (countMarkup(body) > MAX_ELEMENTS) {
    throw new SoapInputError('The request has far more elements than any Web Connector call.');
  }
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new SoapInputError('The request is not well-formed XML.');
  let tree: OrderedNode[];
  try {
    tree = parser.parse(body) as OrderedNode[];
  } catch {
    throw new SoapInputError('The request is not well-formed XML.');
  }
  const envelope = firstElement(tree);
  if (!envelope || localName(envelope) !== 'Envelope') {
    throw new SoapInputError('The request is not a SOAP envelope.');
  }
  const body_ = firstElement(childrenOf(envelope, 'Envelope'), 'Body');
  if (!body_) throw new SoapInputError('The SOAP envelope has no Body.');
  const call = firstElement(childrenOf(body_, 'Body'));
  const operation = call ? localName(call) : null;
  if (!call || operation === null) throw new SoapInputError('The SOAP Body names no operation.');
  const params: Record<string, string> = {};
  for (const child of childrenOf(call, operation)) {
    const name = localName(child);
    if (name === null) continue;
    params[name] = textOf(childrenOf(child, name));
  }
  return { operation, params };
}

/** Escapes text for an XML element: & < > and " plus CR (kept as a reference so parsers do not fold it). */
export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot carry at all: dropping them beats an envelope the Web Connector rejects (QBWC1042).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/\r/g, '&#13;')
  );
}

function envelope(inner: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP_ENV}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body>${inner}</soap:Body></soap:Envelope>`
  );
}

/** `<opResponse><opResult>value</opResult></opResponse>`; an array becomes ArrayOfString (authenticate). */
export function soapResponse(operation: string, result: string | number | readonly string[]): string {
  let value: string;
  if (typeof result === 'number') value = String(Math.trunc(result));
  else if (typeof result === 'string') value = escapeXml(result);
  // Empty strings stay as <string></string>: the Web Connector needs all four authenticate elements.
  else value = result.map((s) => `<string>${escapeXml(s)}</string>`).join('');
  const tag = `${operation}Result`;
  return envelope(
    `<${operation}Response xmlns="${QBWC_NAMESPACE}"><${tag}>${value}</${tag}></${operation}Response>`,
  );
}

/** A SOAP 1.1 fault; `who` is soap:Client for bad input, soap:Server for our own failures. */
export function soapFault(who: 'Client' | 'Server', message: string): string {
  return envelope(
    `<soap:Fault><faultcode>soap:${who}</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault>`,
  );
}
