// Writes pages of another system's supplier list into our suppliers, fast enough for 20,000 entries: everything a
// decision needs (links by external id, our suppliers by id and by name, the last-in-step times) is read once into
// maps, and each page is written with prepared statements inside the caller's transaction. Matching is by external
// id first, so a page written twice (a crash between the write and the cursor, which share one transaction anyway,
// or a list that shifted while it was read) changes nothing the second time.
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ExternalSupplier } from '../connectors/contract.js';
import { supplierNameKey } from '../domain/supplier-match.js';
import { ImportedCodingDefaults } from './supplier-defaults-import.js';

const FIELDS = [
  ['name', 'name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['address', 'address'],
  ['city', 'city'],
  ['state', 'state'],
  ['postalCode', 'postal_code'],
  ['country', 'country'],
  ['accountNumber', 'account_number'],
] as const;

type Column = (typeof FIELDS)[number][1];

type OurSupplier = { id: string; updated_at: string } & Record<Column, string | null>;

export interface PageCounts {
  added: number;
  updated: number;
  matched: number;
  unchanged: number;
  skipped: { name: string; reason: string }[];
}

// Names compare by the one supplier-matching rule of every system (domain/supplier-match.ts).
const key = supplierNameKey;
const text = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim());

export class SupplierPageWriter {
  private readonly ours = new Map<string, OurSupplier>();
  private readonly byName = new Map<string, string>();
  /** Names that more than one supplier of ours carries: never paired by name (the bookkeeper pairs them). */
  private readonly ambiguous = new Map<string, number>();
  private readonly byExternal = new Map<string, string>();
  private readonly linked = new Set<string>();
  private readonly inStep = new Map<string, { ours_at: string; theirs_at: string }>();
  private readonly statements;
  /** The system's own default coding for each supplier, kept where the bookkeeper set none. */
  private readonly defaults: ImportedCodingDefaults;

  constructor(
    private readonly db: Database,
    private readonly connectionId: string,
    private readonly companyId: string,
    private readonly systemName: string,
    defaults?: ImportedCodingDefaults,
  ) {
    for (const row of db
      .prepare<[string], OurSupplier>(
        `SELECT id, updated_at, ${FIELDS.map(([, c]) => c).join(', ')} FROM suppliers WHERE company_id = ?`,
      )
      .all(companyId)) {
      this.ours.set(row.id, row);
      const name = key(row.name ?? '');
      if (this.byName.has(name)) this.ambiguous.set(name, (this.ambiguous.get(name) ?? 1) + 1);
      this.byName.set(name, row.id);
    }
    for (const link of db
      .prepare<[string], { entity_id: string; external_id: string }>(
        `SELECT entity_id, external_id FROM external_links WHERE connection_id = ? AND entity_type = 'supplier'`,
      )
      .all(connectionId)) {
      this.byExternal.set(link.external_id, link.entity_id);
      this.linked.add(link.entity_id);
    }
    for (const s of db
      .prepare<[string], { supplier_id: string; ours_at: string; theirs_at: string }>(
        'SELECT supplier_id, ours_at, theirs_at FROM supplier_sync_state WHERE connection_id = ?',
      )
      .all(connectionId)) {
      this.inStep.set(s.supplier_id, { ours_at: s.ours_at, theirs_at: s.theirs_at });
    }
    this.defaults = defaults ?? new ImportedCodingDefaults(db, { id: connectionId, companyId });
    this.statements = {
      insert: db.prepare(
        `INSERT INTO suppliers (id, company_id, name, email, phone, address, city, state, postal_code, country,
           account_number, active, created_at, updated_at)
         VALUES (@id, @company_id, @name, @email, @phone, @address, @city, @state, @postal_code, @country,
           @account_number, 1, @now, @now)`,
      ),
      update: db.prepare(
        `UPDATE suppliers SET ${FIELDS.map(([, c]) => `${c} = @${c}`).join(', ')}, updated_at = @now WHERE id = @id`,
      ),
      // documents.supplier_name is a copy kept for fast lists and search (as updateSupplier keeps it).
      rename: db.prepare('UPDATE documents SET supplier_name = ? WHERE supplier_id = ?'),
      link: db.prepare(
        `INSERT INTO external_links (connection_id, entity_type, entity_id, external_id, updated_at)
         VALUES (?, 'supplier', ?, ?, ?)`,
      ),
      state: db.prepare(
        `INSERT INTO supplier_sync_state (connection_id, supplier_id, ours_at, theirs_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (connection_id, supplier_id) DO UPDATE SET ours_at = excluded.ours_at, theirs_at = excluded.theirs_at`,
      ),
    };
  }

  /** Before write(), outside its transaction: what the page's supplier defaults need from the system. */
  prepare(page: readonly ExternalSupplier[]): Promise<void> {
    return this.defaults.prepare(page);
  }

  /**
   * Writes one page; call inside a transaction. New active suppliers are created and paired; one of ours with the
   * same name and no pairing yet is paired instead of duplicated; a paired one takes their fields when they changed
   * there last (the rule suppliers.sync uses). Inactive records unknown here, and names another paired supplier
   * already holds, are skipped with the reason.
   */
  write(page: readonly ExternalSupplier[], now: string): PageCounts {
    const counts: PageCounts = { added: 0, updated: 0, matched: 0, unchanged: 0, skipped: [] };
    for (const theirs of page) {
      const name = text(theirs.name) ?? theirs.externalId;
      const values = this.valuesOf(theirs, name);
      const paired = this.byExternal.get(theirs.externalId);
      if (paired) {
        if (this.ours.has(paired)) this.defaults.apply(paired, theirs.codingDefaults);
        const outcome = this.refresh(paired, theirs, values, now);
        if (outcome === 'updated') counts.updated++;
        else if (outcome === 'unchanged') counts.unchanged++;
        else counts.skipped.push({ name, reason: outcome });
        continue;
      }
      const sameName = this.byName.get(key(name));
      const carriers = this.ambiguous.get(key(name));
      if (carriers) {
        counts.skipped.push({
          name,
          reason: `${carriers} suppliers here carry the name '${name}'; pair the right one by hand in Suppliers`,
        });
        continue;
      }
      if (sameName && !this.linked.has(sameName)) {
        this.pair(sameName, theirs.externalId, now);
        this.defaults.apply(sameName, theirs.codingDefaults);
        counts.matched++;
        continue;
      }
      if (!theirs.active) {
        counts.skipped.push({ name, reason: `inactive in ${this.systemName}` });
        continue;
      }
      if (sameName) {
        counts.skipped.push({
          name,
          reason: `another supplier named '${name}' is already paired with a different ${this.systemName} record`,
        });
        continue;
      }
      const id = randomUUID();
      this.statements.insert.run({ id, company_id: this.companyId, now, ...values });
      const row = { id, updated_at: now, ...values } as OurSupplier;
      this.ours.set(id, row);
      this.byName.set(key(name), id);
      this.pair(id, theirs.externalId, now);
      this.statements.state.run(this.connectionId, id, now, theirs.updatedAt);
      this.inStep.set(id, { ours_at: now, theirs_at: theirs.updatedAt });
      this.defaults.apply(id, theirs.codingDefaults);
      counts.added++;
    }
    return counts;
  }

  private valuesOf(theirs: ExternalSupplier, name: string): Record<Column, string | null> {
    return {
      name,
      email: text(theirs.email),
      phone: text(theirs.phone),
      address: text(theirs.address),
      city: text(theirs.city),
      state: text(theirs.state),
      postal_code: text(theirs.postalCode),
      country: text(theirs.country),
      account_number: text(theirs.accountNumber),
    };
  }

  private pair(supplierId: string, externalId: string, now: string): void {
    this.statements.link.run(this.connectionId, supplierId, externalId, now);
    this.byExternal.set(externalId, supplierId);
    this.linked.add(supplierId);
  }

  /** A paired supplier: take their fields when they changed there last; otherwise leave ours for suppliers.sync. */
  private refresh(
    id: string,
    theirs: ExternalSupplier,
    values: Record<Column, string | null>,
    now: string,
  ): 'updated' | 'unchanged' | string {
    const ours = this.ours.get(id);
    if (!ours) return 'unchanged'; // paired with a supplier of another company: not ours to change
    const changed = FIELDS.some(([, c]) => (ours[c] ?? null) !== values[c]);
    const last = this.inStep.get(id);
    if (!changed) {
      if (!last || last.theirs_at !== theirs.updatedAt) {
        this.statements.state.run(this.connectionId, id, ours.updated_at, theirs.updatedAt);
        this.inStep.set(id, { ours_at: ours.updated_at, theirs_at: theirs.updatedAt });
      }
      return 'unchanged';
    }
    const oursChanged = !last || ours.updated_at > last.ours_at;
    const theirsChanged = !last || theirs.updatedAt > last.theirs_at;
    if (!theirsChanged || (oursChanged && theirs.updatedAt <= ours.updated_at)) return 'unchanged';
    const rename = key(values.name ?? '') !== key(ours.name ?? '');
    if (rename && this.byName.has(key(values.name ?? ''))) {
      return `renamed in ${this.systemName}, but another supplier here already has the name '${values.name}'`;
    }
    this.statements.update.run({ id, now, ...values });
    if (values.name !== ours.name) this.statements.rename.run(values.name, id);
    if (rename) {
      this.byName.delete(key(ours.name ?? ''));
      this.byName.set(key(values.name ?? ''), id);
    }
    this.ours.set(id, { ...ours, ...values, updated_at: now });
    this.statements.state.run(this.connectionId, id, now, theirs.updatedAt);
    this.inStep.set(id, { ours_at: now, theirs_at: theirs.updatedAt });
    return 'updated';
  }
}
