// QuickBooks Online's answers when something goes wrong, turned into what a bookkeeper can act on. Every error
// code in ../shared/reference/qbo.md §2.8 has a plain-language message that says how to fix it; the technical
// detail (HTTP status, Intuit's code, Message and Detail, intuit_tid) goes to the integration log.
import { z } from 'zod';
import { ConnectorError } from '../contract.js';

export const FaultBody = z.object({
  Fault: z.object({
    Error: z
      .array(
        z.object({
          Message: z.string().optional(),
          Detail: z.string().optional(),
          code: z.string().optional(),
          element: z.string().optional(),
        }),
      )
      .default([]),
    type: z.string().optional(),
  }),
});
export type QboFaultError = { Message?: string; Detail?: string; code?: string; element?: string };

export interface FaultInfo {
  status: number;
  type: string;
  errors: QboFaultError[];
  intuitTid?: string | null;
  retryAfterMs?: number;
}

const THROTTLE = /ThrottleExceeded|003001|\b3001\b/;

export function isThrottle(info: FaultInfo): boolean {
  return (
    info.status === 429 ||
    info.errors.some((e) => THROTTLE.test(`${e.code ?? ''} ${e.Message ?? ''}`)) ||
    info.type === 'SERVICE'
  );
}

export function isClosedPeriod(info: FaultInfo): boolean {
  return info.errors.some((e) =>
    /Account Period Closed|account period has closed/i.test(`${e.Message} ${e.Detail}`),
  );
}

export function isStale(info: FaultInfo): boolean {
  return (
    !isClosedPeriod(info) &&
    info.errors.some((e) => e.code === '5010' || /Stale Object/i.test(e.Message ?? ''))
  );
}

export function isNotFound(info: FaultInfo): boolean {
  return info.errors.some((e) => e.code === '610');
}

export function describeFault(info: FaultInfo): string {
  const errors = info.errors
    .map((e) =>
      [e.code, e.Message, e.Detail, e.element ? `element ${e.element}` : null].filter(Boolean).join(' — '),
    )
    .join('; ');
  return [`HTTP ${info.status}`, info.type, errors, info.intuitTid ? `intuit_tid ${info.intuitTid}` : null]
    .filter(Boolean)
    .join(' · ');
}

/** The message for one QuickBooks error: what happened and what to do. `what` names the record ("bill INV-7"). */
export function messageFor(info: FaultInfo, what: string): { kind: ConnectorError['kind']; message: string } {
  const first = info.errors[0] ?? {};
  const code = first.code ?? '';
  const text = `${first.Message ?? ''} ${first.Detail ?? ''}`;
  if (isThrottle(info)) {
    return {
      kind: 'transient',
      message:
        'QuickBooks Online asked us to slow down (too many requests). Ledgerbridge retries on its own.',
    };
  }
  if (isClosedPeriod(info)) {
    return {
      kind: 'needs_user',
      message: `QuickBooks refused ${what}: its date is in a closed period. Change the closing date in QuickBooks (Settings → Account and settings → Advanced → Accounting), or revise the document to a date after it, then send again.`,
    };
  }
  if (info.status === 401 || code === '3200' || /AuthenticationFailed/.test(text)) {
    return {
      kind: 'auth',
      message:
        'QuickBooks Online no longer accepts this connection. Choose Reconnect in Connections; nothing waiting to be sent is lost.',
    };
  }
  if (code === '3100' || code === '120' || /ApplicationAuthorizationFailed|AuthorizationFailure/.test(text)) {
    return {
      kind: 'auth',
      message:
        'The QuickBooks user who connected Ledgerbridge no longer has access to this company (or the app was disconnected). Reconnect with a user who is an admin of the company.',
    };
  }
  if (code === '6190') {
    return {
      kind: 'needs_user',
      message:
        "QuickBooks says this company's subscription has ended or is suspended. Renew it in QuickBooks, then send again.",
    };
  }
  switch (code) {
    case '610':
      return {
        kind: 'needs_user',
        message: `QuickBooks refused ${what}: something it refers to (vendor, item, account, class, location or customer) was deleted or made inactive in QuickBooks. Make it active again there, or choose another one and import the lists again. (${first.Detail ?? ''})`,
      };
    case '2010':
      return {
        kind: 'needs_user',
        message: `QuickBooks did not accept a field of ${what} (${first.element || first.Detail || 'unknown field'}). This is a Ledgerbridge problem: report it with the integration log entry.`,
      };
    case '2020':
      return {
        kind: 'needs_user',
        message: `QuickBooks refused ${what}: a required value is missing (${first.Detail ?? first.element ?? ''}). Fill it in on the document or in the connection's settings (default accounts), then send again.`,
      };
    case '2050':
      return {
        kind: 'needs_user',
        message: `QuickBooks refused ${what}: a text is too long or holds a character QuickBooks does not allow (${first.Detail ?? ''}). Shorten it and send again.`,
      };
    case '5010':
      return {
        kind: 'transient',
        message: `${what} was changed in QuickBooks while we were updating it. Ledgerbridge reads it again and retries.`,
      };
    case '6140':
      return {
        kind: 'needs_user',
        message: `QuickBooks already has a bill with this number from this vendor. Check the supplier invoice number; if it is a different invoice, give it a distinct number (for example add a suffix) and send again.`,
      };
    case '6240':
      if (/tax (code|rate)/i.test(text)) {
        return {
          kind: 'needs_user',
          message: `QuickBooks already has a tax code or tax rate with the name of ${what}. Map our tax rate to that tax code in the connection settings, or rename our tax rate.`,
        };
      }
      return {
        kind: 'needs_user',
        message: `QuickBooks already has a customer, vendor or employee with this name (names must be unique across all three). Pair the supplier by hand in Suppliers, or rename it, then send again.`,
      };
    case '6070':
      return {
        kind: 'needs_user',
        message: `QuickBooks refused a line of ${what}: its amount is not quantity × unit price. Report this with the integration log entry.`,
      };
    case '6000':
      if (/purchase orders? (are|is) not available|Feature Not Supported/i.test(text)) {
        return {
          kind: 'needs_user',
          message:
            'Purchase orders are not available in this QuickBooks company (they need QuickBooks Online Plus or Advanced, with Purchase orders turned on in Settings → Expenses). Upgrade, or stop sending purchase orders in the connection settings.',
        };
      }
      if (/VAT|GST|HST|tax rate/i.test(text)) {
        return {
          kind: 'needs_user',
          message: `QuickBooks needs a tax code on every line of ${what}. Map each of our tax rates to a QuickBooks tax code (and set a default tax code) in the connection settings, then send again.`,
        };
      }
      if (/multi-?currency/i.test(text)) {
        return {
          kind: 'needs_user',
          message: `QuickBooks refused ${what}: it is in a foreign currency and multicurrency is off in this company. Turn on multicurrency in QuickBooks (Settings → Advanced → Currency), or send it in the home currency.`,
        };
      }
      if (/currency/i.test(text) && /vendor/i.test(text)) {
        return {
          kind: 'needs_user',
          message: `QuickBooks refused ${what}: a vendor's transactions must be in the vendor's own currency, which cannot be changed there. Pair the supplier with a QuickBooks vendor in the document's currency (Suppliers), or send the document in the vendor's currency. (${first.Detail ?? first.Message ?? ''})`,
        };
      }
      return {
        kind: 'needs_user',
        message: `QuickBooks refused ${what}: ${first.Detail ?? first.Message ?? 'business validation error'}. Correct it and send again.`,
      };
  }
  if (info.status >= 500 || info.status === 503 || info.type === 'SystemFault') {
    return {
      kind: 'transient',
      message: 'QuickBooks Online had a problem on its side. Ledgerbridge retries on its own.',
    };
  }
  return {
    kind: 'needs_user',
    message: `QuickBooks refused ${what}: ${first.Message ?? `HTTP ${info.status}`}${first.Detail ? ` (${first.Detail})` : ''}.`,
  };
}

export function faultError(info: FaultInfo, what: string): ConnectorError {
  const { kind, message } = messageFor(info, what);
  return new ConnectorError(kind, message, {
    detail: describeFault(info),
    ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}),
  });
}
