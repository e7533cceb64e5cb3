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
