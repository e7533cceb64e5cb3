// Opens the one SQLite database of a data directory: WAL for concurrent readers while the sync worker writes,
// foreign keys on (SQLite leaves them off by default), and every migration applied before anything else runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate, readMigrations } from './migrate.js';

export type { Database };

export const DATABASE_FILE = 'ledgerbridge.db';

/** Where the .sql files are: beside this module in source, or copied next to the bundle by scripts/build-main.mjs. */
export function defaultMigrationsDir(): string {
  const candidates: string[] = [];
  if (typeof import.meta.url === 'string') {
    candidates.push(fileURLToPath(new URL('./migrations', import.meta.url)));
  }
  if (typeof __dirname === 'string') {
    candidates.push(path.join(__dirname, '..', 'db', 'migrations'), path.join(__dirname, 'migrations'));
  }
  const found = candidates.find((dir) => fs.existsSync(dir));
  if (!found) throw new Error(`SQL migrations not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function openDatabase(dataDir: string, options: { migrationsDir?: string } = {}): Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL'); // safe with WAL: a power cut can lose the last commit, never corrupt
  db.pragma('busy_timeout = 5000');
  // Reads of the Documents list and search (DESIGN §11): map the file instead of copying pages through read(), and
  // keep the hot indexes of a 100,000-document company in the page cache (64 MB; the default is 2 MB).
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
  migrate(db, readMigrations(options.migrationsDir ?? defaultMigrationsDir()));
  // Query-planner statistics: on open, analyze the tables that have none or have grown a lot since (bounded work:
  // analysis_limit). This is what lets the planner pick the narrow indexes of migrations 0002 and 0003.
  db.pragma('optimize = 0x10002');
  return db;
}
