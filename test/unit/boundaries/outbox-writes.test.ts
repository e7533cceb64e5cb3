// Only main/sync writes outbox_jobs (issue 15): outbox.ts queues, the ledger (jobs.ts) settles; and main/api does
// not even read it (it asks the ledger: sync/job-reads.ts), nor the Web Connector's sessions (it asks the session
// system's setup). ESLint refuses a SQL literal that breaks the outbox rules (no-restricted-syntax in
// eslint.config.js); this scan reads every source file of main/ as text, so SQL assembled in a way the selector
// misses (or a disabled rule) fails too.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const WRITES = /\b(INSERT\s+(OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?outbox_jobs\b/i;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|sql)$/.test(entry.name) ? [full] : [];
  });
}

describe('outbox_jobs writes (and main/api reads)', () => {
  const files = sources(path.join(root, 'main')).map((file) =>
    path.relative(root, file).split(path.sep).join('/'),
  );

  it('finds the writers where they belong (the scan sees them)', () => {
    const writers = files.filter((file) => WRITES.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(writers).toContain('main/sync/jobs.ts');
    expect(writers).toContain('main/sync/outbox.ts');
  });

  it('happen only in main/sync/ (and the migrations that made the table)', () => {
    const outside = files
      .filter((file) => !file.startsWith('main/sync/') && !file.startsWith('main/db/migrations/'))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
          .filter(({ text }) => WRITES.test(text)),
      );
    expect(outside).toEqual([]);
  });

  it('are not even read in main/api: the API asks the ledger', () => {
    const api = files.filter((file) => file.startsWith('main/api/'));
    expect(api.length).toBeGreaterThan(10);
    const mentions = api.flatMap((file) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
        .filter(({ text }) => /\boutbox_jobs\b/i.test(text)),
    );
    expect(mentions).toEqual([]);
  });

  it('nor the Web Connector sessions: the API asks the session system (SessionSetup.runningSessions)', () => {
    const mentions = files
      .filter((file) => file.startsWith('main/api/'))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(root, file), 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line.trim() }))
          .filter(({ text }) => /\bqbwc_sessions\b/i.test(text)),
      );
    expect(mentions).toEqual([]);
  });
});
