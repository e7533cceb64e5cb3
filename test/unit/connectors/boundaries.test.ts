// Connectors sit below the API, accounting, capture and the worker (eslint.config.js, "Connector boundaries").
// These tests lint small files placed (in memory) inside main/connectors, so a config change that drops the zone
// fails here.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function forbidden(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('connector boundaries', () => {
  it.each([
    "import { handlers } from '../../api/handlers.js';",
    "import { capable } from '../../accounting/capability.js';",
    "import { SyncWorker } from '../../sync/worker.js';",
    "import { proposal } from '../../capture/proposals.js';",
  ])('refuses %s in a connector', async (line) => {
    const messages = await forbidden('main/connectors/xero/probe.ts', `${line}\nexport const x = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Connectors sit below/);
  });

  it('allows the contract, the ledger and the shared http helpers', async () => {
    expect(
      await forbidden(
        'main/connectors/xero/probe.ts',
        [
          "import { ConnectorError } from '../contract.js';",
          "import { JobLedger } from '../../sync/jobs.js';",
          "import { retryAfterMs } from '../http/throttle.js';",
          'export const x = [ConnectorError, JobLedger, retryAfterMs];',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('still refuses electron in a connector', async () => {
    const messages = await forbidden(
      'main/connectors/probe.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    );
    expect(messages).toHaveLength(1);
  });
});
