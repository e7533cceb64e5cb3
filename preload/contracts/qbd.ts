// QuickBooks Desktop's own methods: the Web Connector password, the .qwc file, recent sessions.
import { z } from 'zod';
import { Id, Timestamp, type MethodShape } from '../schemas.js';

export const QbdSessionOutcome = z.enum([
  'running',
  'done',
  'failed',
  'expired',
  'nothing_to_do',
  'busy',
  'replaced',
  'refused',
  'interrupted',
]);

export const QbdSessionProblem = z.object({
  /** The HRESULT, qbXML status code or our own code ("nvu", "busy"). */
  code: z.string(),
  /** What QuickBooks or the Web Connector said. */
  message: z.string(),
  /** What to do about it, in plain language. */
  fix: z.string(),
});

export const QbdSession = z.object({
  id: Id,
  connectionId: Id,
  outcome: QbdSessionOutcome,
  startedAt: Timestamp,
  lastSeenAt: Timestamp,
  endedAt: Timestamp.nullable(),
  companyFile: z.string().nullable(),
  summary: z
    .object({
      messages: z.number().int(),
      requests: z.number().int(),
      documentsSent: z.number().int(),
      documentsFailed: z.number().int(),
      listRecords: z.number().int(),
      paymentsImported: z.number().int(),
    })
    .nullable(),
  problems: z.array(QbdSessionProblem),
});

export const qbdContract = {
  /**
   * Stores the password the user types into the Web Connector (keychain only; never returned), and ends any
   * wait that wrong passwords put on the connection's user name.
   */
  'qbd.setPassword': {
    input: z.object({
      connectionId: Id,
      password: z
        .string()
        .min(8, 'must be at least 8 characters')
        .max(200, 'must be at most 200 characters')
        .refine((s) => s.trim() === s, 'must not start or end with a space'),
    }),
    output: z.object({ passwordSet: z.literal(true) }),
  },
  /**
   * Whether a Web Connector password is stored, where the Web Connector reaches this app, and the wrong
   * passwords in a row for the connection's user name (null when the last sign-in was right or none failed).
   */
  'qbd.status': {
    input: z.object({ connectionId: Id }),
    output: z.object({
      passwordSet: z.boolean(),
      endpointUrl: z.string().nullable(),
      refusedSignIns: z
        .object({
          count: z.number().int().min(1),
          since: Timestamp,
          /** No sign-in is checked before this time; null when the next one is checked at once. */
          retryAfter: Timestamp.nullable(),
        })
        .nullable(),
    }),
  },
  /** The .qwc file to open in the QuickBooks Web Connector. */
  'qbd.qwc': {
    input: z.object({ connectionId: Id }),
    output: z.object({ fileName: z.string(), xml: z.string() }),
  },
  /**
   * The bookkeeper says QuickBooks allows Ledgerbridge access again (its user's permissions, or Integrated
   * Applications): the documents QuickBooks refused go at the next Web Connector run. Until then, or until a run
   * shows access works, the runs leave them waiting. How many were queued, and a sentence saying so.
   */
  'qbd.retryAccess': {
    input: z.object({ connectionId: Id }),
    output: z.object({ queued: z.number().int().min(0), message: z.string() }),
  },
  /** Recent Web Connector sessions, newest first, with the fix for each problem seen. */
  'qbd.sessions': {
    input: z.object({ connectionId: Id, limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ sessions: z.array(QbdSession) }),
  },
} as const satisfies Record<string, MethodShape>;
