// What a Web Connector session's problems mean to a bookkeeper. QuickBooks' HRESULTs (connectionError,
// receiveResponseXML) are classified by the qbXML layer's table (qbxml/errors.ts), the one place that knows
// them; this file adds only the service's own situations (wrong password, busy, our own failure).
import { classifyHresult, normalizeHresult } from '../qbxml/errors.js';
import { redactText } from '../../../sync/redact.js';
import type { SessionProblem } from './sessions-repo.js';

export type HresultProblem = SessionProblem & {
  /** Worth one more try in the same session (connectionError answers the company file instead of "done"). */
  retry: boolean;
};

export function describeHresult(hresult: string, message: string): HresultProblem {
  const code = normalizeHresult(hresult) || 'unknown';
  const { kind, userMessage } = classifyHresult(code, message);
  return { code, message: redactText(message.trim()), fix: userMessage, retry: kind === 'transient' };
}

export function describeServiceProblem(kind: 'nvu' | 'busy' | 'internal', error?: unknown): SessionProblem {
  switch (kind) {
    case 'nvu':
      return {
        code: 'nvu',
        message: 'The Web Connector signed in with a user name or password Ledgerbridge does not know.',
        fix: 'On the Web Connector page in Ledgerbridge, set the password again; then in the Web Connector, type the same password in the Password column of this application and press Enter (answer Yes to save it).',
      };
    case 'busy':
      return {
        code: 'busy',
        message: 'A second Web Connector session started while one was still running for this connection.',
        fix: 'Nothing to do if it happens once: the Web Connector tries again at its next scheduled run. If it keeps happening, the same .qwc file was added on two computers; remove it from one of them.',
      };
    case 'internal':
      return {
        code: 'internal',
        // Redacted before it is cut, so no half of a secret survives the cut.
        message: error instanceof Error ? redactText(error.message).slice(0, 500) : 'Unexpected failure',
        fix: 'Ledgerbridge could not continue this Web Connector session. Nothing sent is lost; the next run checks what reached QuickBooks before sending again. If it repeats, report it with the integration log.',
      };
  }
}
