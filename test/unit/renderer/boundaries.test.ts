// The renderer's feature boundaries are enforced by ESLint (eslint.config.js): a feature reaches another only
// through its index, and shared code reaches no feature. These tests lint small files placed (in memory) where
// the rule applies, so a config change that silently drops a zone fails here.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The no-restricted-imports messages for `code` linted as the file at `file` (relative to the repository). */
async function forbidden(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('feature boundaries', () => {
  it("refuses a feature importing another feature's internal file", async () => {
    const messages = await forbidden(
      'renderer/src/features/jobs/Probe.tsx',
      "import { DocumentView } from '../documents/view/DocumentView';\nexport const x = DocumentView;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/only through its index/);
  });

  it('refuses it from a file deeper in the feature too', async () => {
    const messages = await forbidden(
      'renderer/src/features/documents/view/Probe.tsx',
      "import { JobRow } from '../../jobs/JobRow';\nexport const x = JobRow;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('allows another feature through its index, and any file of its own feature', async () => {
    expect(
      await forbidden(
        'renderer/src/features/documents/view/Probe.tsx',
        [
          "import { JobsPage } from '../../jobs';",
          "import { CaptureReview } from '../../capture/index';",
          "import { DocumentEditor } from '../editor/DocumentEditor';",
          "import { actionsFor } from './model';",
          "import { useQuery } from '../../../lib/useQuery';",
          'export const x = [JobsPage, CaptureReview, DocumentEditor, actionsFor, useQuery];',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it("refuses the app shell reaching into a feature's files", async () => {
    const messages = await forbidden(
      'renderer/src/App.tsx',
      "import { JobRow } from './features/jobs/JobRow';\nexport const x = JobRow;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('refuses shared code importing a feature at all', async () => {
    const messages = await forbidden(
      'renderer/src/components/Probe.tsx',
      "import { JobsPage } from '../features/jobs';\nexport const x = JobsPage;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/Shared renderer code does not import features/);
  });

  it('keeps the rule that the renderer never imports main/ inside features', async () => {
    const messages = await forbidden(
      'renderer/src/features/jobs/Probe.tsx',
      "import { App } from '../../../../main/app';\nexport const x = App;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/The renderer talks only to the API/);
  });
});
