// HTTP face of the Web Connector service, mounted at /qbwc by the headless server and by the Electron shell's
// listener: POST = one SOAP call, GET ?wsdl = the contract, GET /qbwc/support = the AppSupport page the Web
// Connector checks when a .qwc file is added. Bad input is answered at once with a SOAP fault or an HTTP error
// that says what was wrong, never with a stack trace.
import type http from 'node:http';
import type { TLSSocket } from 'node:tls';
import { requestTargetOr400 } from '../../../http/request-target.js';
import { describeError } from '../../../sync/redact.js';
import { QBWC_PATH, QBWC_SUPPORT_PATH } from './qwc.js';
import { UnknownTicketError, type WebConnectorService } from './service.js';
import { SoapInputError, parseSoapRequest, soapFault, soapResponse } from './soap.js';
import { buildWsdl } from './wsdl.js';

/** QuickBooks answers (whole list imports) are large; anything bigger than this is refused with 413. */
export const DEFAULT_MAX_SOAP_BYTES = 10 * 1024 * 1024;

export interface WebConnectorHttpOptions {
  service: WebConnectorService;
  maxBodyBytes?: number;
}

export type WebConnectorHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

class BodyTooLarge extends Error {}

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

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!done) reject(error);
    });
  });
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

  async function handlePost(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.setHeader('Connection', 'close');
        sendFault(
          res,
          413,
          'Client',
          `The request is larger than ${Math.round(limit / 1024 / 1024)} MB. Ask QuickBooks for less at a time.`,
        );
        // Stop reading the rest of an oversized upload.
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
