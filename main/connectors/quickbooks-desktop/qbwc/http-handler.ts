// HTTP face of the Web Connector service, mounted at /qbwc by the headless server and by the Electron shell's
// listener: POST = one SOAP call, GET ?wsdl = the contract, GET /qbwc/support = the AppSupport page the Web
// Connector checks when a .qwc file is added. Bad input is answered at once with a SOAP fault or an HTTP error
// that says what was wrong, never with a stack trace.
//
// Both listeners share these rules, checked before a body is parsed: no Origin header (the Web Connector is not
// a browser; a web page that posts here is), Content-Type text/xml, a SOAPAction naming one of the service's
// operations (the one the body then calls), and at most 64 KB — except receiveResponseXML on a live ticket,
// which carries QuickBooks' answers and may reach the full limit. The ticket is read from the first 64 KB, so a
// large body without a live ticket is refused before it is read in full, let alone parsed.
import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import { requestTargetOr400 } from '../../../http/request-target.js';
import { describeError } from '../../../sync/redact.js';
import { QBWC_PATH, QBWC_SUPPORT_PATH } from './qwc.js';
import { UnknownTicketError, type WebConnectorService } from './service.js';
import { QBWC_NAMESPACE, SoapInputError, parseSoapRequest, soapFault, soapResponse } from './soap.js';
import { buildWsdl } from './wsdl.js';

/** QuickBooks answers (whole list imports) are large; anything bigger than this is refused with 413. */
export const DEFAULT_MAX_SOAP_BYTES = 10 * 1024 * 1024;
/** Every call but receiveResponseXML carries a ticket and a few short strings: 64 KB is far more than enough. */
export const MAX_SMALL_SOAP_BYTES = 64 * 1024;

/** The service's operations, as SOAPAction names them ("http://developer.intuit.com/<operation>"). */
const OPERATIONS = new Set([
  'serverVersion',
  'getServerVersion',
  'clientVersion',
  'authenticate',
  'sendRequestXML',
  'receiveResponseXML',
  'connectionError',
  'getLastError',
  'closeConnection',
]);
const LARGE_OPERATION = 'receiveResponseXML';

export interface WebConnectorHttpOptions {
  service: WebConnectorService;
  maxBodyBytes?: number;
}

export type WebConnectorHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A request turned away before its body was read in full: the answer to send instead. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
    /** A SOAP result to answer with instead of a fault (an ended session's receiveResponseXML gets -1). */
    readonly result?: { operation: string; value: number },
  ) {
    super(text);
  }
}

function send(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendFault(
  res: http.ServerResponse,
  status: number,
  who: 'Client' | 'Server',
  message: string,
): void {
  send(res, status, 'text/xml; charset=utf-8', soapFault(who, message));
}

/**
 * Reads the body up to `limit` bytes. When it grows past that and `extend` is given, `extend` sees the bytes so
 * far and returns a larger limit or throws a Refusal; without it, or past the larger limit, a 413 Refusal.
 */
function readBody(
  req: http.IncomingMessage,
  limit: number,
  tooLarge: () => Refusal,
  extend?: (prefix: Buffer) => number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let current = limit;
    let extended = extend === undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: unknown) => {
      done = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      chunks.push(chunk);
      if (size <= current) return;
      if (extended || !extend) return fail(tooLarge());
      extended = true;
      try {
        current = extend(Buffer.concat(chunks));
      } catch (error) {
        return fail(error);
      }
      if (size > current) fail(tooLarge());
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!done) fail(error);
    });
  });
}

/** The operation a SOAPAction header names; null when it names none of ours (or is missing). */
export function soapActionOperation(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  // SOAP 1.1 quotes the value ("http://developer.intuit.com/authenticate"); some clients do not.
  const value = header.trim().replace(/^"(.*)"$/, '$1');
  if (!value.startsWith(QBWC_NAMESPACE)) return null;
  const operation = value.slice(QBWC_NAMESPACE.length);
  return OPERATIONS.has(operation) ? operation : null;
}

/** Whether a Content-Type header is text/xml (parameters such as charset allowed). */
export function isTextXml(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'text/xml';
}

/**
 * The ticket of a receiveResponseXML call, read from the start of its body without parsing it: the WSDL puts
 * `ticket` first, before the response. Tickets are base64url, so anything else found there is no ticket of ours.
 */
export function earlyTicket(prefix: Buffer): string | null {
  const text = prefix.toString('latin1');
  const match = /<(?:[\w.-]+:)?ticket(?:\s[^>]*)?>([^<]{0,200})<\/(?:[\w.-]+:)?ticket\s*>/.exec(text);
  const ticket = match?.[1]?.trim();
  return ticket && /^[\w-]+$/.test(ticket) ? ticket : null;
}

function requestBase(req: http.IncomingMessage): string {
  const tls = (req.socket as Partial<TLSSocket>).encrypted === true;
  return `${tls ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
}

const int = (value: string | undefined): number => {
  const n = Number.parseInt((value ?? '').trim(), 10);
  return Number.isInteger(n) ? n : 0;
};

/** Runs one SOAP call against the service; the result is what goes into `<opResult>`. */
async function dispatch(
  service: WebConnectorService,
  operation: string,
  p: Record<string, string>,
): Promise<{ operation: string; result: string | number | readonly string[] }> {
  switch (operation) {
    // The guide documents this callback as getServerVersion(ticket); QBWC 2.x calls serverVersion.
    case 'serverVersion':
    case 'getServerVersion':
      return { operation, result: service.serverVersion() };
    case 'clientVersion':
      return { operation, result: service.clientVersion(p['strVersion'] ?? '') };
    case 'authenticate':
      return {
        operation,
        result: await service.authenticate(p['strUserName'] ?? '', p['strPassword'] ?? ''),
      };
    case 'sendRequestXML':
      return {
        operation,
        result: service.sendRequestXML({
          ticket: p['ticket'] ?? '',
          strHCPResponse: p['strHCPResponse'] ?? '',
          strCompanyFileName: p['strCompanyFileName'] ?? '',
          qbXMLCountry: p['qbXMLCountry'] ?? '',
          qbXMLMajorVers: int(p['qbXMLMajorVers']),
          qbXMLMinorVers: int(p['qbXMLMinorVers']),
        }),
      };
    case 'receiveResponseXML':
      return {
        operation,
        result: service.receiveResponseXML({
          ticket: p['ticket'] ?? '',
          response: p['response'] ?? '',
          hresult: p['hresult'] ?? '',
          message: p['message'] ?? '',
        }),
      };
    case 'connectionError':
      return {
        operation,
        result: service.connectionError({
          ticket: p['ticket'] ?? '',
          hresult: p['hresult'] ?? '',
          message: p['message'] ?? '',
        }),
      };
    case 'getLastError':
      return { operation, result: service.getLastError(p['ticket'] ?? '') };
    case 'closeConnection':
      return { operation, result: service.closeConnection(p['ticket'] ?? '') };
    default:
      throw new SoapInputError(`There is no operation '${operation.slice(0, 60)}' in this service.`);
  }
}

const SUPPORT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ledgerbridge - QuickBooks Web Connector</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2937}</style>
</head><body>
<h1>Ledgerbridge and the QuickBooks Web Connector</h1>
<p>This address is the QuickBooks Web Connector endpoint of Ledgerbridge. The Web Connector calls it on its schedule
to send approved purchase orders, bills and receipts to QuickBooks Desktop.</p>
<ol>
<li>In Ledgerbridge, open the Web Connector page, choose the QuickBooks Desktop connection and set a password.</li>
<li>Download the .qwc file there and open it in the QuickBooks Web Connector (File &gt; Add an application).</li>
<li>In QuickBooks, answer the authorization prompt with <em>Yes, always; allow access even if QuickBooks is not running</em>.</li>
<li>In the Web Connector, type the same password in the Password column, then click Update Selected.</li>
</ol>
<p>Each session and the fix for any error it met are listed on the Web Connector page in Ledgerbridge.</p>
</body></html>`;

export function createWebConnectorHttpHandler(options: WebConnectorHttpOptions): WebConnectorHandler {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_SOAP_BYTES;

  const tooLarge = (bytes: number) => () =>
    new Refusal(
      413,
      bytes >= 1024 * 1024
        ? `The request is larger than ${Math.round(bytes / 1024 / 1024)} MB. Ask QuickBooks for less at a time.`
        : `The request is larger than ${Math.round(bytes / 1024)} KB. Only QuickBooks' answers in a running Web Connector session may be larger.`,
    );

  /**
   * receiveResponseXML past 64 KB: allowed up to the full limit only for a live session's ticket, which `admit`
   * records so the parsed call can be held to it.
   */
  function extendForLiveTicket(prefix: Buffer, admit: (ticket: string) => void): number {
    const ticket = earlyTicket(prefix);
    if (ticket === null) throw tooLarge(MAX_SMALL_SOAP_BYTES)();
    const state = options.service.ticketState(ticket);
    if (state === 'live') {
      admit(ticket);
      return limit;
    }
    // The same answers the service gives for these tickets, without reading the rest of the body.
    if (state === 'ended') throw new Refusal(200, '', { operation: LARGE_OPERATION, value: -1 });
    throw new Refusal(400, new UnknownTicketError().message);
  }

  async function handlePost(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isTextXml(req.headers['content-type'])) {
      return sendFault(
        res,
        415,
        'Client',
        'The Web Connector endpoint accepts SOAP 1.1 calls only (Content-Type: text/xml).',
      );
    }
    const action = soapActionOperation(req.headers.soapaction);
    if (action === null) {
      return sendFault(
        res,
        400,
        'Client',
        `The SOAPAction header must name one of this service's operations (${QBWC_NAMESPACE}<operation>).`,
      );
    }
    const small = Math.min(MAX_SMALL_SOAP_BYTES, limit);
    const large = action === LARGE_OPERATION && limit > small;
    const declared = Number(req.headers['content-length']);
    let admitted: string | null = null;
    let body: string;
    try {
      if (Number.isFinite(declared) && declared > (large ? limit : small)) {
        throw tooLarge(large ? limit : small)();
      }
      body = await readBody(
        req,
        small,
        tooLarge(large ? limit : small),
        large ? (prefix) => extendForLiveTicket(prefix, (ticket) => (admitted = ticket)) : undefined,
      );
    } catch (error) {
      if (error instanceof Refusal) {
        res.setHeader('Connection', 'close');
        if (error.result) {
          send(res, 200, 'text/xml; charset=utf-8', soapResponse(error.result.operation, error.result.value));
        } else {
          sendFault(res, error.status, 'Client', error.text);
        }
        // Stop reading the rest of a refused upload.
        req.resume();
        return;
      }
      throw error;
    }
    let call;
    try {
      call = parseSoapRequest(body);
    } catch (error) {
      if (error instanceof SoapInputError) return sendFault(res, 400, 'Client', error.message);
      throw error;
    }
    if (call.operation !== action) {
      return sendFault(
        res,
        400,
        'Client',
        `The SOAPAction header names ${action} but the body calls ${call.operation.slice(0, 60)}.`,
      );
    }
    if (admitted !== null && call.params['ticket'] !== admitted) {
      // Let in by the ticket read early: the call must be made with that same ticket.
      return sendFault(res, 400, 'Client', 'The call carries a ticket other than the one it started with.');
    }
    try {
      const { operation, result } = await dispatch(options.service, call.operation, call.params);
      send(res, 200, 'text/xml; charset=utf-8', soapResponse(operation, result));
    } catch (error) {
      if (error instanceof SoapInputError || error instanceof UnknownTicketError) {
        return sendFault(res, 400, 'Client', error.message);
      }
      throw error;
    }
  }

  return (req, res) => {
    void (async () => {
      try {
        const url = requestTargetOr400(req, res);
        if (!url) return;
        // Browsers send Origin on cross-site requests (and on every POST); the Web Connector never does.
        if (req.headers.origin !== undefined) {
          return send(
            res,
            403,
            'text/plain; charset=utf-8',
            'Web pages may not call the Web Connector endpoint. Only the QuickBooks Web Connector talks to it.',
          );
        }
        if (url.pathname === QBWC_SUPPORT_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
          return send(res, 200, 'text/html; charset=utf-8', SUPPORT_PAGE);
        }
        if (url.pathname !== QBWC_PATH) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
        if (req.method === 'POST') return await handlePost(req, res);
        if (req.method === 'GET' || req.method === 'HEAD') {
          if ([...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) {
            return send(res, 200, 'text/xml; charset=utf-8', buildWsdl(`${requestBase(req)}${QBWC_PATH}`));
          }
          return send(
            res,
            200,
            'text/plain; charset=utf-8',
            'Ledgerbridge QuickBooks Web Connector endpoint. The Web Connector posts SOAP here; GET ?wsdl for the contract.',
          );
        }
        res.setHeader('Allow', 'GET, HEAD, POST');
        return send(res, 405, 'text/plain; charset=utf-8', 'Use POST (SOAP) or GET ?wsdl.');
      } catch (error) {
        console.error(`[qbwc] ${describeError(error)}`);
        sendFault(
          res,
          500,
          'Server',
          'Ledgerbridge could not answer this call. The next Web Connector run tries again.',
        );
      }
    })();
  };
}
