// A scripted QuickBooks Desktop engine for the Web Connector service's tests: it has `pending` numbered items
// to send, `perMessage` at a time, each as one request of a qbXML message, and counts what QuickBooks
// answered. It lets the SOAP service be tested on its own; the whole-session tests use the real engine.
import type {
  QbdConversation,
  QbdExchange,
  QbdHostInfo,
  QbdSessionSummary,
} from '../../../main/connectors/quickbooks-desktop/exchange.js';
import {
  QuickBooksFailure,
  type QuickBooksStandIn,
} from '../../simulators/web-connector/fake-web-connector.js';

export class FakeExchange implements QbdExchange {
  pending: number[] = [];
  /** Items QuickBooks confirmed (by number); a duplicate here means an item was applied twice. */
  applied: number[] = [];
  hosts: (QbdHostInfo | null)[] = [];
  begun: string[] = [];
  closed: string[] = [];
  connectionErrors: string[] = [];
  /** receiveResponse answers this (once) instead of a percentage. */
  failNext: { percent: number; lastError: string } | null = null;
  /** nextRequest answers "" this many times while work remains (the NoOp path). */
  idleTurns = 0;

  constructor(
    items: number,
    private readonly perMessage = 10,
  ) {
    this.pending = Array.from({ length: items }, (_, i) => i + 1);
  }

  hasWork(): boolean {
    return this.pending.length > 0;
  }

  begin(_connectionId: string, sessionId: string): QbdConversation {
    this.begun.push(sessionId);
    let inFlight: number[] = [];
    let lastError = '';
    const summary: QbdSessionSummary = {
      messages: 0,
      requests: 0,
      documentsSent: 0,
      documentsFailed: 0,
      listRecords: 0,
      paymentsImported: 0,
      problems: [],
    };
    return {
      nextRequest: (host) => {
        this.hosts.push(host);
        if (this.idleTurns > 0) {
          this.idleTurns -= 1;
          return '';
        }
        inFlight = this.pending.slice(0, this.perMessage);
        if (inFlight.length === 0) return '';
        summary.messages += 1;
        summary.requests += inFlight.length;
        const requests = inFlight
          .map(
            (n) =>
              `<VendorQueryRq requestID="${n}"><FullName>Vendor &amp; Sons ${n}</FullName></VendorQueryRq>`,
          )
          .join('');
        return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">${requests}</QBXMLMsgsRq></QBXML>`;
      },
      receiveResponse: (answer) => {
        if (this.failNext) {
          const { percent, lastError: message } = this.failNext;
          this.failNext = null;
          lastError = message;
          return percent;
        }
        if (answer.hresult) {
          lastError = `QuickBooks failed the message (${answer.hresult}).`;
          return -1;
        }
        const ids = [...answer.response.matchAll(/requestID="(\d+)"/g)].map((m) => Number(m[1]));
        for (const id of ids) {
          this.applied.push(id);
          this.pending = this.pending.filter((n) => n !== id);
        }
        summary.documentsSent += ids.length;
        inFlight = [];
        const total = this.applied.length + this.pending.length;
        return this.pending.length === 0 ? 100 : Math.floor((this.applied.length / total) * 100);
      },
      connectionError: (hresult) => {
        this.connectionErrors.push(hresult);
      },
      lastError: () => lastError,
      close: () => {
        this.closed.push(sessionId);
        return summary;
      },
    };
  }
}

/** Answers every request of a message with statusCode 0, echoing requestIDs, as QuickBooks does. */
export class EchoQuickBooks implements QuickBooksStandIn {
  received: string[] = [];
  openFailures: { hresult: string; message: string }[] = [];
  opened: string[] = [];
  failMessages: { hresult: string; message: string }[] = [];

  hostResponse(): string {
    return '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><HostRet><ProductName>QuickBooks Enterprise Solutions 24.0</ProductName><SupportedQBXMLVersion>13.0</SupportedQBXMLVersion></HostRet></HostQueryRs></QBXMLMsgsRs></QBXML>';
  }

  open(companyFile: string): void {
    this.opened.push(companyFile);
    const failure = this.openFailures.shift();
    if (failure) throw new QuickBooksFailure(failure.hresult, failure.message);
  }

  handle(requestXml: string): string {
    this.received.push(requestXml);
    const failure = this.failMessages.shift();
    if (failure) throw new QuickBooksFailure(failure.hresult, failure.message);
    const answers = [...requestXml.matchAll(/<VendorQueryRq requestID="(\d+)">/g)]
      .map(
        (m) =>
          `<VendorQueryRs requestID="${m[1]}" statusCode="0" statusSeverity="Info" statusMessage="Status OK"/>`,
      )
      .join('');
    return `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>${answers}</QBXMLMsgsRs></QBXML>`;
  }
}
