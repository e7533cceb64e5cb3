// Looking up and creating the records a document refers to (contacts, accounts, items, tax rates, tracking
// options). Xero's where filter matches names; only exact matches count, archived contacts never. Contacts are
// the only kind Ledgerbridge creates: the rest are the bookkeeper's to set up in Xero.
import { Contact } from 'xero-node';
import type { SupplierT } from '../../../preload/contract.js';
import {
  ConnectorError,
  type ExternalMatch,
  type ReferenceKind,
  type ReferenceOutcome,
  type ReferenceRecord,
} from '../contract.js';
import { failedReference } from '../reference-outcomes.js';
import type { XeroApi } from './api.js';
import { BATCH_SIZE } from './descriptor.js';
import { explainValidation } from './faults.js';
import { idempotencyKeyOf } from './keys.js';
import { trackingCategories } from './lists.js';
import { contactOf } from './suppliers.js';
import { usable } from './tax-types.js';

/** Names per where filter of a bulk look-up, and the filter's length at most (it travels in the URL). */
const NAMES_PER_FILTER = 50;
const FILTER_CHARS = 3000;

/** Names in groups whose OR'ed filter stays within both limits. */
function nameGroups(names: readonly string[]): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const name of names) {
    const clause = `Name==${quoted(name)} OR `.length;
    if (current.length > 0 && (current.length >= NAMES_PER_FILTER || length + clause > FILTER_CHARS)) {
      groups.push(current);
      current = [];
      length = 0;
    }
    current.push(name);
    length += clause;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Names in Xero's where filter are double-quoted strings. */
function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export async function findReferences(
  api: XeroApi,
  kind: ReferenceKind,
  name: string,
): Promise<ExternalMatch[]> {
  const where = `Name==${quoted(name)}`;
  switch (kind) {
    case 'supplier':
    case 'customer': {
      const answer = await api.call(`contact '${name}'`, (x, t) => x.getContacts(t, undefined, where));
      return (answer.contacts ?? [])
        .filter(
          (c) => c.name === name && c.contactID && c.contactStatus !== Contact.ContactStatusEnum.ARCHIVED,
        )
        .map((c) => ({ externalId: c.contactID!, name: c.name! }));
    }
    case 'account': {
      const answer = await api.call(`account '${name}'`, (x, t) => x.getAccounts(t, undefined, where));
      return (answer.accounts ?? [])
        .filter((a) => a.name === name && a.code)
        .map((a) => ({ externalId: a.code!, name: a.name! }));
    }
    case 'item': {
      const answer = await api.call(`item '${name}'`, (x, t) => x.getItems(t, undefined, where));
      return (answer.items ?? [])
        .filter((i) => i.name === name)
        .map((i) => ({ externalId: i.code, name: i.name ?? i.code }));
    }
    case 'tax_rate': {
      const answer = await api.call(`tax rate '${name}'`, (x, t) => x.getTaxRates(t, where));
      return usable(answer.taxRates ?? [])
        .filter((r) => r.name === name)
        .map((r) => ({ externalId: r.taxType!, name: r.name! }));
    }
    case 'class': {
      const categories = await trackingCategories(api);
      return categories.flatMap((c) =>
        c.options.filter((o) => o.name === name).map((o) => ({ externalId: o.id, name: o.name })),
      );
    }
  }
}

/**
 * Many names at once: one GET per group of up to 50 names joined by OR in Xero's where filter (kept short enough
 * for a URL); tracking options come from one read of the categories. Only exact matches count, as in
 * findReferences.
 */
export async function findReferencesBulk(
  api: XeroApi,
  kind: ReferenceKind,
  names: readonly string[],
): Promise<Map<string, ExternalMatch[]>> {
  const found = new Map<string, ExternalMatch[]>([...new Set(names)].map((name) => [name, []]));
  const add = (name: string | undefined, externalId: string | undefined) => {
    if (name !== undefined && externalId) found.get(name)?.push({ externalId, name });
  };
  if (kind === 'class') {
    for (const category of await trackingCategories(api)) {
      for (const option of category.options) add(option.name, option.id);
    }
    return found;
  }
  for (const group of nameGroups([...found.keys()])) {
    const where = group.map((name) => `Name==${quoted(name)}`).join(' OR ');
    const what = `${group.length} ${kind === 'supplier' || kind === 'customer' ? 'contact' : kind.replace('_', ' ')}${group.length === 1 ? '' : 's'}`;
    switch (kind) {
      case 'supplier':
      case 'customer': {
        const answer = await api.call(what, (x, t) => x.getContacts(t, undefined, where));
        for (const c of answer.contacts ?? []) {
          if (c.contactStatus !== Contact.ContactStatusEnum.ARCHIVED) add(c.name, c.contactID);
        }
        break;
      }
      case 'account': {
        const answer = await api.call(what, (x, t) => x.getAccounts(t, undefined, where));
        for (const a of answer.accounts ?? []) add(a.name, a.code);
        break;
      }
      case 'item': {
        const answer = await api.call(what, (x, t) => x.getItems(t, undefined, where));
        for (const i of answer.items ?? []) if (i.name !== undefined) add(i.name, i.code);
        break;
      }
      case 'tax_rate': {
        const answer = await api.call(what, (x, t) => x.getTaxRates(t, where));
        for (const r of usable(answer.taxRates ?? [])) add(r.name, r.taxType);
        break;
      }
    }
  }
  return found;
}

/**
 * Suppliers as contacts, up to 50 in one PUT with summarizeErrors=false so each is answered on its own; the
 * outcomes are written at the positions the records had in the caller's list.
 */
export async function createContacts(
  api: XeroApi,
  contacts: readonly { record: ReferenceRecord; i: number }[],
  outcomes: ReferenceOutcome[],
): Promise<void> {
  for (let start = 0; start < contacts.length; start += BATCH_SIZE) {
    const group = contacts.slice(start, start + BATCH_SIZE);
    const key = idempotencyKeyOf(group.map(({ record }) => `contact:${record.id}`));
    const answer = await api.call(`${group.length} contact${group.length === 1 ? '' : 's'}`, (x, t) =>
      x.createContacts(
        t,
        { contacts: group.map(({ record }) => contactOf(record.data as SupplierT)) },
        false,
        key,
      ),
    );
    group.forEach(({ record, i }, n) => {
      const contact = answer.contacts?.[n];
      const what = `contact '${record.name}'`;
      if (!contact) {
        outcomes[i] = failedReference(
          new ConnectorError('transient', `Xero did not answer for ${what}. Ledgerbridge retries.`),
        );
      } else if (!contact.contactID || contact.hasValidationErrors) {
        outcomes[i] = failedReference(
          explainValidation(
            (contact.validationErrors ?? []).map((v) => v.message ?? ''),
            what,
          ),
        );
      } else {
        outcomes[i] = {
          ok: true,
          match: { externalId: contact.contactID, name: contact.name ?? record.name },
        };
      }
    });
  }
}

/** Why a reference other than a supplier is not created: the bookkeeper sets it up in Xero. */
export function notCreatedInXero(record: ReferenceRecord): ConnectorError {
  const noun = {
    supplier: 'contact',
    account: 'account',
    item: 'item',
    tax_rate: 'tax rate',
    class: 'tracking option',
    customer: 'contact',
  }[record.kind];
  return new ConnectorError(
    'needs_user',
    `Xero has no ${noun} named '${record.name}'. Create it in Xero (or choose an existing one), import the lists again, and send again.`,
  );
}
