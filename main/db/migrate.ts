// Numbered SQL migrations (NNNN_name.sql), each applied in its own transaction and recorded in
// schema_migrations. Every applied version must be a file on disk under the same name: a database written by a
// newer Ledgerbridge, or one whose history was changed, is refused instead of being silently corrupted.
// Numbers are reserved ahead for work done side by side, so one may land before a lower one: the numbering may
// have gaps, and a migration that lands later under a lower number is applied when it arrives.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { AppError } from '../domain/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, index) => {
    const before = migrations[index - 1];
    if (before && before.version === m.version) {
      throw new Error(
        `Two migrations are numbered ${String(m.version).padStart(4, '0')} (${before.name}, ${m.name}); renumber one`,
      );
    }
  });
  return migrations;
}

export function migrate(db: Database, migrations: Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db
    .prepare<[], { version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    )
    .all();
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const row of applied) {
    const known = byVersion.get(row.version);
    if (!known || known.name !== row.name) {
      throw new AppError(
        'internal',
        'This data folder was written by a newer or different version of Ledgerbridge. Install the latest version, or open another data folder.',
        { detail: `applied migration ${row.version}_${row.name} is not known to this build` },
      );
    }
  }
  const done = new Set(applied.map((row) => row.version));
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const newlyApplied: number[] = [];
  for (const m of migrations.filter((m) => !done.has(m.version))) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    newlyApplied.push(m.version);
  }
  return newlyApplied;
}
