// Who in main/ may import whom (eslint.config.js, `zones`; eslint/import-zones.js). These tests lint small files
// placed (in memory) where each zone applies, so a config change that silently drops a zone fails here; each
// zone is tried at more than one folder depth, since the rule resolves the import against the file.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The import-zones messages for `code` linted as the file at `file` (relative to the repository). */
async function refused(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'ledgerbridge/import-zones')
    .map((m) => m.message);
}

/** `line` followed by a use of what it imports, so no other rule complains. */
const probe = (line: string) => `${line}\nexport const x = 1;\n`;

describe('a connector imports no other connector', () => {
  it.each([
    [
      'main/connectors/quickbooks-desktop/probe.ts',
      "import { servicetradeConnector } from '../servicetrade/connector.js';",
    ],
    [
      'main/connectors/quickbooks-desktop/units/probe.ts',
      "import type { ServiceTradeSettings } from '../../servicetrade/schemas.js';",
    ],
    [
      'main/connectors/servicetrade/probe.ts',
      "import { QBD_LABEL } from '../quickbooks-desktop/connector.js';",
    ],
    ['main/connectors/xero/probe.ts', "import { qboSettingsOf } from '../quickbooks-online/settings.js';"],
  ])('refuses it in %s', async (file, line) => {
    const messages = await refused(file, probe(line));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/A connector never imports another system's folder/);
  });

  it('allows its own folder, the shared files beside the connectors and http/', async () => {
    expect(
      await refused(
        'main/connectors/quickbooks-desktop/units/probe.ts',
        [
          "import { QBD_LABEL } from '../connector.js';",
          "import type { QbdUnit } from '../unit.js';",
          "import { ConnectorError } from '../../contract.js';",
          "import { outcomeOf } from '../../reference-outcomes.js';",
          "import { retryAfterMs } from '../../http/throttle.js';",
          'export const x = [QBD_LABEL, ConnectorError, outcomeOf, retryAfterMs];',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('main/accounting reaches systems only through the registry', () => {
  it.each([
    ['main/accounting/probe.ts', "import { handlers } from '../api/handlers.js';"],
    [
      'main/accounting/probe.ts',
      "import { ServiceTradeSettings } from '../connectors/servicetrade/schemas.js';",
    ],
    ['main/accounting/probe.ts', "import type { QbdUnit } from '../connectors/quickbooks-desktop/unit.js';"],
    ['main/accounting/probe.ts', "import { SyncWorker } from '../sync/worker.js';"],
    ['main/accounting/probe.ts', "import { app } from 'electron';"],
    ['main/accounting/deeper/probe.ts', "import { useQuery } from '../../../renderer/src/lib/useQuery.js';"],
  ])('refuses it in %s: %s', async (file, line) => {
    const messages = await refused(file, probe(line));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/main\/accounting\/ sits below the API and above the connectors/);
  });

  it('allows the registry, the contract, the ledger, db and domain', async () => {
    expect(
      await refused(
        'main/accounting/probe.ts',
        [
          "import { isSession } from '../connectors/contract.js';",
          "import type { ConnectorRegistry } from '../connectors/registry.js';",
          "import { JobLedger } from '../sync/jobs.js';",
          "import { getConnection } from '../db/repos/connections.js';",
          "import { AppError } from '../domain/errors.js';",
          'export const x = [isSession, JobLedger, getConnection, AppError];',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('connectors use no sync internals but the ledger', () => {
  it.each([
    ['main/connectors/quickbooks-desktop/probe.ts', "import { findLink } from '../../sync/references.js';"],
    [
      'main/connectors/quickbooks-desktop/units/probe.ts',
      "import { loadConnection } from '../../../sync/connections.js';",
    ],
    ['main/connectors/xero/probe.ts', "import { classifyError } from '../../sync/classify.js';"],
    [
      'main/connectors/netsuite/probe.ts',
      "import { RollingWindowLimiter } from '../../sync/rate-limiter.js';",
    ],
  ])('refuses it in %s: %s', async (file, line) => {
    const messages = await refused(file, probe(line));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/A connector uses no sync internals but the ledger/);
  });

  it("refuses the outbox's writers, even through a type-only line beside them", async () => {
    for (const [file, line] of [
      ['main/connectors/servicetrade/probe.ts', "import { enqueueJobCosting } from '../../sync/outbox.js';"],
      [
        'main/connectors/quickbooks-desktop/units/probe.ts',
        "import { resumeWaiting, type OutboxJobRow } from '../../../sync/outbox.js';",
      ],
    ] as const) {
      const messages = await refused(file, probe(line));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/Only main\/sync writes the outbox/);
    }
  });

  it("allows the ledger, the outbox's types and the repositories", async () => {
    expect(
      await refused(
        'main/connectors/quickbooks-desktop/units/probe.ts',
        [
          "import { JobLedger, attemptDetail } from '../../../sync/jobs.js';",
          "import type { OutboxJobRow } from '../../../sync/outbox.js';",
          "import { type JobKind } from '../../../sync/outbox.js';",
          "import { getDocumentSync } from '../../../sync/document-sync.js';",
          "import { recordDeliveries } from '../../../sync/file-deliveries.js';",
          "import { MAX_ATTEMPTS } from '../../../sync/backoff.js';",
          "import { redactText } from '../../../sync/redact.js';",
          "import { EventsAfterCommit } from '../../../sync/events-after-commit.js';",
          "import type { IntegrationLog } from '../../../sync/log.js';",
          "import { findLink } from '../../../db/repos/external-links.js';",
          'export const x = [JobLedger, attemptDetail, getDocumentSync, recordDeliveries, MAX_ATTEMPTS, redactText, EventsAfterCommit, findLink];',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('only main/sync writes outbox_jobs, and main/api does not read it', () => {
  /** The no-restricted-syntax messages for `code` linted as `file`. */
  async function syntax(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it.each([
    [
      'main/connectors/quickbooks-desktop/probe.ts',
      "export const sql = `UPDATE outbox_jobs SET status = 'done' WHERE id = ?`;",
    ],
    ['main/job-costing/probe.ts', "export const sql = 'INSERT INTO outbox_jobs (kind) VALUES (?)';"],
    ['main/api/probe.ts', 'export const sql = `delete from outbox_jobs where id = ${1}`;'],
    ['main/accounting/probe.ts', "export const sql = 'INSERT OR IGNORE INTO outbox_jobs (kind) VALUES (?)';"],
  ])('refuses SQL that changes outbox_jobs in %s', async (file, code) => {
    const messages = await syntax(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Only main\/sync writes outbox_jobs/);
  });

  it('refuses even reading it in main/api, which asks the ledger', async () => {
    for (const file of ['main/api/probe.ts', 'main/api/deeper/probe.ts']) {
      const messages = await syntax(file, "export const sql = 'SELECT count(*) FROM outbox_jobs';");
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/main\/api does not even read it: ask the ledger/);
    }
    expect(
      await syntax(
        'main/api/probe.ts',
        'export const sql = `SELECT 1 FROM documents d JOIN outbox_jobs j ON 1`;',
      ),
    ).toHaveLength(1);
  });

  it('allows reading it elsewhere, and writing it inside main/sync', async () => {
    expect(
      await syntax('main/accounting/probe.ts', "export const sql = 'SELECT count(*) FROM outbox_jobs';"),
    ).toEqual([]);
    expect(
      await syntax('main/sync/probe.ts', "export const sql = `UPDATE outbox_jobs SET status = 'done'`;"),
    ).toEqual([]);
  });
});

describe('main/api reaches connectors only through the registry', () => {
  it.each([
    ['main/api/probe.ts', "import { buildQwc } from '../connectors/quickbooks-desktop/qbwc/qwc.js';"],
    ['main/api/probe.ts', "import type { QbdEngine } from '../connectors/quickbooks-desktop/engine.js';"],
    ['main/api/probe.ts', "import { qboSettingsOf } from '../connectors/quickbooks-online/settings.js';"],
    ['main/api/probe.ts', "import { lazyConnector } from '../connectors/lazy.js';"],
    ['main/api/deeper/probe.ts', "import { XeroConnector } from '../../connectors/xero/index.js';"],
  ])('refuses it in %s: %s', async (file, line) => {
    const messages = await refused(file, probe(line));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/main\/api reaches connectors only through main\/connectors\/registry\.ts/);
  });

  it('allows the registry and the contract', async () => {
    expect(
      await refused(
        'main/api/probe.ts',
        [
          "import { ConnectorError, type SessionSetup } from '../connectors/contract.js';",
          "import { ConnectorRegistry, isSession } from '../connectors/registry.js';",
          'export const x: unknown[] = [ConnectorError, ConnectorRegistry, isSession] satisfies unknown[];',
          'export type Y = SessionSetup;',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});
