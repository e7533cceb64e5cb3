// Migration 0044: the countries typed as free text on the Company page's addresses become ISO 3166 codes where
// they name a country (by code, alpha-3 code or name in one of seven languages, any case, with or without accents),
// and are emptied otherwise, so the page asks for the country.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerFunctions } from '../../../main/db/database.js';
import { migrate, readMigrations } from '../../../main/db/migrate.js';

const all = readMigrations(path.resolve(__dirname, '../../../main/db/migrations'));

describe('migration 0044', () => {
  it('maps each address’s country to its code, and empties what names none', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    registerFunctions(db);
    migrate(
      db,
      all.filter((m) => m.version < 44),
    );
    db.prepare(
      "INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'EUR', '2026-01-01')",
    ).run();
    const typed = [
      'Germany',
      'deutschland',
      'IE',
      ' usa ',
      'U.S.A.',
      'Österreich',
      'Pays-Bas',
      'Hamburg',
      '',
      null,
    ];
    const insert = db.prepare(
      "INSERT INTO company_addresses (company_id, position, lines, city, country) VALUES ('c1', ?, 'Main St 1', 'X', ?)",
    );
    typed.forEach((country, i) => insert.run(i, country));
    expect(
      migrate(
        db,
        all.filter((m) => m.version <= 44),
      ),
    ).toEqual([44]);
    const countries = db
      .prepare<[], { country: string | null }>('SELECT country FROM company_addresses ORDER BY position')
      .all()
      .map((r) => r.country);
    expect(countries).toEqual(['DE', 'DE', 'IE', 'US', 'US', 'AT', 'NL', null, null, null]);
    // The lookup table was only for the migration.
    expect(
      db.prepare("SELECT name FROM sqlite_temp_master WHERE name = 'country_names'").get(),
    ).toBeUndefined();
  });
});
