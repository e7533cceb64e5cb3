// Opens the one SQLite database of a data directory: WAL for concurrent readers while the sync worker writes,
// foreign keys on (SQLite leaves them off by default), and every migration applied before anything else runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { searchFold } from '../domain/search-fold.js';
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
  // The bookkeeping data is nobody else's business: a new data folder is private to the user.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new BetterSqlite3(path.join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL'); // safe with WAL: a power cut can lose the last commit, never corrupt
  db.pragma('busy_timeout = 5000');
  // Reads of the Documents list and search (DESIGN §11): map the file instead of copying pages through read(), and
  // keep the hot indexes of a 100,000-document company in the page cache (64 MB; the default is 2 MB).
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
  registerFunctions(db);
  migrate(db, readMigrations(options.migrationsDir ?? defaultMigrationsDir()));
  // Query-planner statistics: on open, analyze the tables that have none or have grown a lot since. A full
  // analysis (no analysis_limit; a bench run with one was no faster) of a 100,000-document
  // database takes ~0.6 s and happens again only after a table grows several-fold. This is what lets the
  // planner pick the narrow indexes of migrations 0002 and 0003.
  db.pragma('optimize = 0x10002');
  statFts5ShadowTablesAsLarge(db);
  return db;
}

/**
 * SQL functions the schema relies on (migration 0012's search triggers), registered before any migration runs.
 * Without ICU, SQLite's lower() and LIKE fold ASCII letters only.
 */
export function registerFunctions(db: Database): void {
  db.function('unicode_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? searchFold(value) : value,
  );
}

/**
 * FTS5 reaches its shadow tables (name_data, name_idx, ...) only by key, and writes them as it merges segments. A
 * statistic taken while such a table was tiny (the optimize above, on a new or nearly empty database, records
 * document_search_fts_data as 2 rows) makes the planner answer FTS5's own `DELETE FROM name_data WHERE id >= ? AND
 * id <= ?` with a scan of the whole table: every segment merge then reads the entire index, and a bulk import of
 * 100,000 documents paid ~1 ms per document in the search triggers instead of ~0.1 ms. So their statistics say
 * "large" (1,000,000 rows; optimize re-analyzes a table only once it has grown past its statistic, and reloading
 * the statistics does not forget a deleted one), and the planner always takes the key ranges FTS5 means.
 */
function statFts5ShadowTablesAsLarge(db: Database): void {
  const hasStat1 = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'")
    .get();
  if (!hasStat1) return;
  const changed = db
    .prepare(
      `UPDATE sqlite_stat1 SET stat = '1000000' || substr(stat, instr(stat || ' ', ' '))
       WHERE CAST(stat AS INTEGER) < 1000000 AND tbl IN (
         SELECT v.name || s.column1 FROM sqlite_schema v,
           (VALUES ('_data'), ('_idx'), ('_docsize'), ('_content'), ('_config')) s
         WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%')`,
    )
    .run().changes;
  if (changed > 0) db.exec('ANALYZE sqlite_schema'); // reloads the statistics this connection plans with
}
