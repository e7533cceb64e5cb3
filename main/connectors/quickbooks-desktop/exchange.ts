// The boundary between the Web Connector's SOAP service (qbwc/, which speaks the eight callbacks, keeps tickets
// and records sessions) and the QuickBooks Desktop sync engine (which decides what qbXML to send and applies the
// answers). The service never looks inside qbXML; the engine never sees SOAP, tickets or passwords.

/** What the Web Connector tells us about QuickBooks on the first sendRequestXML of a session. */
export interface QbdHostInfo {
  /** strHCPResponse: QuickBooks' HostQuery/CompanyQuery/PreferencesQuery answer, sent only on the first call. */
  hcpResponse: string;
  /** The company file QuickBooks has open. */
  companyFileName: string;
  qbXMLCountry: string;
  qbXMLMajorVers: number;
  qbXMLMinorVers: number;
}

/** What a session did, kept by the service for qbd.sessions and shown on the Web Connector page. */
export interface QbdSessionSummary {
  /** qbXML messages sent (round trips). */
  messages: number;
  /** qbXML requests inside those messages. */
  requests: number;
  documentsSent: number;
  documentsFailed: number;
  /** List records imported or updated (accounts, items, vendors, ...). */
  listRecords: number;
  paymentsImported: number;
  /** Each distinct problem seen, with the plain-language fix. */
  problems: { code: string; message: string }[];
}

/** A session that did nothing yet. */
export function emptySummary(): QbdSessionSummary {
  return {
    messages: 0,
    requests: 0,
    documentsSent: 0,
    documentsFailed: 0,
    listRecords: 0,
    paymentsImported: 0,
    problems: [],
  };
}

/** One Web Connector session's conversation, from the engine's side. */
export interface QbdConversation {
  /** The next qbXML message; "" when there is nothing more to ask (the service then answers 100). */
  nextRequest(host: QbdHostInfo | null): string;
  /**
   * Applies QuickBooks' answer to the last message. hresult/message are set when QuickBooks failed the whole
   * message. Returns percent done: 0–99 while work remains, 100 when done, negative on an error that ends the
   * session (the service then answers getLastError with lastError()).
   */
  receiveResponse(answer: { response: string; hresult: string; message: string }): number;
  /** The Web Connector could not reach QuickBooks (connectionError); nothing sent in this message is lost. */
  connectionError(hresult: string, message: string): void;
  /** What getLastError shows the user (plain language with the fix). */
  lastError(): string;
  /** The session ended (closeConnection, ticket expiry or a new session); returns what it did. */
  close(): QbdSessionSummary;
}

/** The engine as the SOAP service uses it. */
export interface QbdExchange {
  /** Whether the connection has anything to do now (authenticate answers "none" when not). */
  hasWork(connectionId: string): boolean;
  /** Starts a session for an authenticated Web Connector. */
  begin(connectionId: string, sessionId: string): QbdConversation;
}
