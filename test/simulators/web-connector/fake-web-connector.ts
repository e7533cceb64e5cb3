// A stand-in for Intuit's QuickBooks Web Connector: a SOAP client built by the `soap` package from the vendor's
// WSDL (../shared/oracles/qbwc/QBWebConnectorSvc.wsdl, read in place) with the endpoint pointed at our server.
// It runs whole sessions the way QBWC does (Programmer's Guide ch. 2): serverVersion, clientVersion,
// authenticate, opening QuickBooks (connectionError when that fails), sendRequestXML -> QuickBooks ->
// receiveResponseXML until 100 or negative, getLastError on the error and NoOp paths, closeConnection.
// QuickBooks itself is pluggable (QuickBooksStandIn); the QuickBooks Desktop simulator fits it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as soap from 'soap';

const here = path.dirname(fileURLToPath(import.meta.url));
export const QBWC_ORACLE_DIR = path.resolve(here, '../../../../shared/oracles/qbwc');
export const QBWC_WSDL = path.join(QBWC_ORACLE_DIR, 'QBWebConnectorSvc.wsdl');
export const isCI = process.env.CI === 'true';

/** Whether the vendor WSDL is here; tests skip with a message when not, and fail on CI. */
export function wsdlOracleAvailable(): boolean {
  const present = fs.existsSync(QBWC_WSDL);
  if (!present && isCI) throw new Error(`The QBWC WSDL oracle is missing at ${QBWC_WSDL} (required on CI).`);
  if (!present) console.warn(`Skipping: the QBWC WSDL oracle is not at ${QBWC_WSDL}.`);
  return present;
}

/** QuickBooks' request processor failing a whole message or the connection, as an HRESULT. */
export class QuickBooksFailure extends Error {
  constructor(
    readonly hresult: string,
    message: string,
  ) {
    super(message);
  }
}

/** QuickBooks applied the message but its answer never got back: the session dies without another call. */
export class ConnectionLost extends Error {
  constructor() {
    super('The answer from QuickBooks never reached the Web Connector.');
  }
}

/** What the Web Connector needs from QuickBooks. The QuickBooks Desktop simulator implements the first two. */
export interface QuickBooksStandIn {
  /** strHCPResponse: the HostQuery/CompanyQuery/PreferencesQuery answers, sent on the first sendRequestXML. */
  hostResponse(): string;
  /** Processes one qbXML request message; throws QuickBooksFailure when QuickBooks fails it as a whole. */
  handle(requestXml: string): string;
  /** Opening the company file (OpenConnection/BeginSession); throws QuickBooksFailure when it cannot. */
  open?(companyFile: string): void;
  /** EndSession/CloseConnection: QuickBooks forgets the session (its iterators die with it). */
  close?(): void;
}

export interface FakeWebConnectorOptions {
  /** Our endpoint, e.g. http://127.0.0.1:PORT/qbwc. */
  endpoint: string;
  userName: string;
  password: string;
  quickbooks: QuickBooksStandIn;
  clientVersion?: string;
  /** What QBWC waits after "NoOp" (5 s in the real one). */
  noOpDelayMs?: number;
  /** Gives up after this many sendRequestXML calls (a runaway loop guard). */
  maxRequests?: number;
}

export interface SessionCall {
  operation: string;
  input: Record<string, unknown>;
  result: unknown;
}

export interface SessionRun {
  /** Everything called, in order. */
  calls: SessionCall[];
  clientVersionResult: string;
  /** The four authenticate strings. */
  auth: string[];
  ticket: string;
  /** qbXML messages QuickBooks processed. */
  requests: string[];
  percents: number[];
  lastError: string | null;
  closeResult: string | null;
  /** Set when the session was stopped on purpose in the middle (breakAfterRequests). */
  broken: boolean;
}

type SoapClient = soap.Client & Record<string, (args: unknown) => Promise<[unknown, string]>>;

export class FakeWebConnector {
  private client: SoapClient | null = null;

  constructor(readonly options: FakeWebConnectorOptions) {}

  private async soapClient(): Promise<SoapClient> {
    this.client ??= (await soap.createClientAsync(QBWC_WSDL, {
      endpoint: this.options.endpoint,
    })) as SoapClient;
    return this.client;
  }

  /** One SOAP call; returns the value of `<opResult>`. */
  async call(operation: string, input: Record<string, unknown>, calls?: SessionCall[]): Promise<unknown> {
    const client = await this.soapClient();
    const method = client[`${operation}Async`];
    if (!method) throw new Error(`The WSDL has no operation ${operation}`);
    const [response] = await method.call(client, input);
    const result = (response as Record<string, unknown> | null)?.[`${operation}Result`];
    calls?.push({ operation, input, result });
    return result;
  }

  /**
   * Runs one session like QBWC's "Update Selected". `breakAfterRequests` stops it without a word after that
   * many messages reached QuickBooks (the answer to the last one is never delivered), like a crash or a
   * network cut, as does a QuickBooks stand-in that throws ConnectionLost. QuickBooks failing a whole message
   * (QuickBooksFailure) reaches receiveResponseXML as an HRESULT.
   */
  async runSession(options: { breakAfterRequests?: number } = {}): Promise<SessionRun> {
    try {
      return await this.session(options);
    } finally {
      this.options.quickbooks.close?.();
    }
  }

  private async session(options: { breakAfterRequests?: number }): Promise<SessionRun> {
    const calls: SessionCall[] = [];
    const run: SessionRun = {
      calls,
      clientVersionResult: '',
      auth: [],
      ticket: '',
      requests: [],
      percents: [],
      lastError: null,
      closeResult: null,
      broken: false,
    };
    await this.call('serverVersion', {}, calls);
    run.clientVersionResult = String(
      (await this.call('clientVersion', { strVersion: this.options.clientVersion ?? '2.3.0.215' }, calls)) ??
        '',
    );
    if (run.clientVersionResult.startsWith('E:') || run.clientVersionResult.startsWith('O:')) return run;

    const auth = (await this.call(
      'authenticate',
      { strUserName: this.options.userName, strPassword: this.options.password },
      calls,
    )) as { string?: unknown } | null;
    const strings = auth?.string;
    run.auth = (Array.isArray(strings) ? strings : [strings]).map((s) => (typeof s === 'string' ? s : ''));
    const [ticket = '', status = ''] = run.auth;
    run.ticket = ticket;
    if (['none', 'nvu', 'busy'].includes(status.toLowerCase())) {
      run.closeResult = String((await this.call('closeConnection', { ticket }, calls)) ?? '');
      return run;
    }

    // OpenConnection + BeginSession on the company file authenticate named ("" = the open one).
    let companyFile = status;
    for (let attempt = 0; ; attempt += 1) {
      try {
        this.options.quickbooks.open?.(companyFile);
        break;
      } catch (error) {
        if (!(error instanceof QuickBooksFailure)) throw error;
        const answer = String(
          (await this.call(
            'connectionError',
            { ticket, hresult: error.hresult, message: error.message },
            calls,
          )) ?? '',
        );
        if (answer.toLowerCase() === 'done' || attempt >= 5) {
          run.lastError = String((await this.call('getLastError', { ticket }, calls)) ?? '');
          run.closeResult = String((await this.call('closeConnection', { ticket }, calls)) ?? '');
          return run;
        }
        companyFile = answer;
      }
    }

    let first = true;
    const max = this.options.maxRequests ?? 10_000;
    for (let n = 0; n < max; n += 1) {
      const xml = String(
        (await this.call(
          'sendRequestXML',
          {
            ticket,
            strHCPResponse: first ? this.options.quickbooks.hostResponse() : '',
            strCompanyFileName:
              companyFile || 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company.qbw',
            qbXMLCountry: 'US',
            qbXMLMajorVers: 13,
            qbXMLMinorVers: 0,
          },
          calls,
        )) ?? '',
      );
      first = false;
      if (xml === '') {
        const last = String((await this.call('getLastError', { ticket }, calls)) ?? '');
        if (last === 'NoOp') {
          await new Promise((resolve) => setTimeout(resolve, this.options.noOpDelayMs ?? 0));
          continue;
        }
        run.lastError = last;
        break;
      }
      run.requests.push(xml);
      let response = '';
      let hresult = '';
      let message = '';
      try {
        response = this.options.quickbooks.handle(xml);
      } catch (error) {
        if (error instanceof ConnectionLost) {
          run.broken = true;
          return run;
        }
        if (!(error instanceof QuickBooksFailure)) throw error;
        hresult = error.hresult;
        message = error.message;
      }
      if (options.breakAfterRequests !== undefined && run.requests.length >= options.breakAfterRequests) {
        run.broken = true;
        return run;
      }
      const percent = Number(
        await this.call('receiveResponseXML', { ticket, response, hresult, message }, calls),
      );
      run.percents.push(percent);
      if (percent < 0) {
        run.lastError = String((await this.call('getLastError', { ticket }, calls)) ?? '');
        break;
      }
      if (percent >= 100) break;
    }
    run.closeResult = String((await this.call('closeConnection', { ticket }, calls)) ?? '');
    return run;
  }
}
