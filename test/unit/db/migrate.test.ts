// The migrator: numbers reserved ahead for parallel work may leave gaps, and a lower number landing later is
// applied when it arrives; a database that has a migration this build does not know is refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../../main/db/migrate.js';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-migrate-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it('applies numbers with gaps, then a lower number that lands later', () => {
    const db = new Database(':memory:');
    const first = folder({
      '0001_a.sql': 'CREATE TABLE a (x);',
      '0003_c.sql': 'CREATE TABLE c (x);',
    });
    expect(migrate(db, readMigrations(first))).toEqual([1, 3]);
    const later = folder({
      '0001_a.sql': 'CREATE TABLE a (x);',
      '0002_b.sql': 'CREATE TABLE b (x);',
      '0003_c.sql': 'CREATE TABLE c (x);',
    });
    expect(migrate(db, readMigrations(later))).toEqual([2]);
    expect(migrate(db, readMigrations(later))).toEqual([]);
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND length(name) = 1",
      )
      .all()
      .map((t) => t.name)
      .sort();
    expect(tables).toEqual(['a', 'b', 'c']);
  });

  it('refuses two files with one number, and a database with a migration this build lacks', () => {
    expect(() => readMigrations(folder({ '0001_a.sql': '', '0001_b.sql': '' }))).toThrow(
      /Two migrations are numbered 0001 \(a, b\); renumber one/,
    );
    const db = new Database(':memory:');
    migrate(db, readMigrations(folder({ '0001_a.sql': '', '0002_b.sql': '' })));
    expect(() => migrate(db, readMigrations(folder({ '0001_a.sql': '' })))).toThrow(
      /newer or different version/,
    );
    expect(() => migrate(db, readMigrations(folder({ '0001_a.sql': '', '0002_x.sql': '' })))).toThrow(
      /newer or different version/,
    );
  });
});
