// What a line can be coded to, and which pickers the editor shows for the company's accounting connection: only the
// fields that system takes on this type of document and that the connection's mirrored lists and preferences say
// the company uses (no class picker when QuickBooks' class tracking is off, no tracking when the Xero organisation
// has none). Pure, so it is unit-tested.
//
// Where the values travel (see main/connectors/*/mapping.ts): a line's itemId or accountId (one or the other),
// classId, customerId, taxRateId, and locationId and departmentId where the system takes them per line (NetSuite's
// item and expense lines; QuickBooks Online takes its location on the document only); document-level list values in `fields` under the key the connection's
// settings name (QuickBooks Online: class, location; NetSuite: subsidiary, location, department, class). Xero's tracking
// options ride on classId (the first tracking category) and customerId (the second): Xero has no classes or
// customers on purchase lines, and its connector reads any mirrored tracking option it finds on a line.
import { z } from 'zod';
import type { ConnectionT, ListEntry } from '../../../../../preload/contract';
import { optionsOf, type PickerOption } from '../../../components/Combobox/match';
import { label } from '../../../lib/labels';

export type ListEntryT = z.infer<typeof ListEntry>;
export type DocType = 'purchase_order' | 'service_order' | 'invoice' | 'receipt';

/** A Xero tracking category offered per line, and which line field carries its option. */
export interface TrackingPicker {
  categoryId: string;
  name: string;
  slot: 'classId' | 'customerId';
  options: PickerOption[];
}

/** A document-level picker: the `fields` key it fills and the list it picks from. */
export interface HeaderPicker {
  key: string;
  label: string;
  kind: ListEntryT['kind'];
  options: PickerOption[];
  /** Said under the picker: what goes when it is left empty, or what else it sets. */
  hint?: string;
}

export interface CodingLayout {
  connectionId: string | null;
  system: string | null;
  systemLabel: string;
  item: PickerOption[] | null;
  account: PickerOption[] | null;
  class: PickerOption[] | null;
  customer: PickerOption[] | null;
  /** Per line, where the system takes them on lines (NetSuite); null elsewhere. */
  location: PickerOption[] | null;
  department: PickerOption[] | null;
  tracking: TrackingPicker[];
  header: HeaderPicker[];
  /** Said above the lines: what this system takes on this type of document. */
  note: string | null;
}

/**
 * The connection documents go to: the company's connected accounting system (any accounting one if none is).
 * `isAccounting` is the registry's answer (useSystems), not a list of system names.
 */
export function accountingConnection(
  connections: readonly ConnectionT[],
  isAccounting: (connection: ConnectionT) => boolean,
): ConnectionT | null {
  const accounting = connections.filter(isAccounting);
  return accounting.find((c) => c.status === 'connected') ?? accounting[0] ?? null;
}

const QboPrefs = z
  .object({
    company: z
      .object({
        classTracking: z.enum(['none', 'txn', 'line']).optional(),
        trackDepartments: z.boolean().optional(),
        departmentTerminology: z.string().optional(),
      })
      .nullish(),
    classField: z.string().optional(),
    departmentField: z.string().optional(),
  })
  .catch({});
const NetSuiteFields = z
  .object({
    locationField: z.string().optional(),
    departmentField: z.string().optional(),
    classField: z.string().optional(),
    subsidiaryField: z.string().optional(),
    subsidiaryId: z.string().nullish(),
  })
  .catch({});

// Purchase-side accounts by each system's own type names (QuickBooks Online AccountType, Xero type, NetSuite
// accttype, QuickBooks Desktop AccountType). An entry whose type is unknown is offered.
const EXPENSE_ACCOUNT =
  /^(expense|cost of goods sold|other expense|costofgoodssold|otherexpense|cogs|othexpense|deferexpense|directcosts|overheads|depreciatn)$/i;
// Lists of things that are not purchasable items: QuickBooks Online categories and bundles, QuickBooks Desktop and
// NetSuite subtotals, discounts, payments, groups and sales tax items.
const NOT_AN_ITEM =
  /^(category|group|bundle|itemsubtotal|itemdiscount|itempayment|itemgroup|itemsalestax|itemsalestaxgroup|subtotal|discount|payment|markup|description|endgroup|taxitem|taxgroup)$/i;

export function isExpenseAccount(entry: Pick<ListEntryT, 'type'>): boolean {
  return !entry.type || EXPENSE_ACCOUNT.test(entry.type.trim());
}
export function isPurchasableItem(entry: Pick<ListEntryT, 'type' | 'purchasable'>): boolean {
  if (entry.purchasable === false) return false; // Xero: an item not bought (IsPurchased false)
  return !entry.type || !NOT_AN_ITEM.test(entry.type.trim());
}

/** Entries of this connection (mirrored) or of no connection (made here), by kind. */
function byKind(entries: readonly ListEntryT[], connectionId: string | null) {
  const mine = entries.filter((e) => e.connectionId === null || e.connectionId === connectionId);
  return (kind: ListEntryT['kind'], keep: (e: ListEntryT) => boolean = () => true) =>
    mine.filter((e) => e.kind === kind && keep(e));
}

const optionsOrNull = (list: ListEntryT[]): PickerOption[] | null =>
  list.some((e) => e.active) ? optionsOf(list) : null;

export function codingLayout(
  connection: ConnectionT | null,
  entries: readonly ListEntryT[],
  type: DocType,
): CodingLayout {
  const system = connection?.system ?? null;
  const systemLabel = connection ? label(connection.system) : 'the accounting system';
  const of = byKind(entries, connection?.id ?? null);
  const serviceOrder = type === 'service_order';
  const items = serviceOrder ? null : optionsOrNull(of('item', isPurchasableItem));
  const accounts = optionsOrNull(of('account', isExpenseAccount));
  const classes = optionsOrNull(of('class'));
  const customers = optionsOrNull(of('customer'));
  const layout: CodingLayout = {
    connectionId: connection?.id ?? null,
    system,
    systemLabel,
    item: items,
    account: accounts,
    class: classes,
    customer: customers,
    location: null,
    department: null,
    tracking: [],
    header: [],
    note: serviceOrder
      ? `Service orders go to ${systemLabel} with expense (category) lines: each line takes an account, not an item.`
      : null,
  };
  const header = (key: string, name: string, kind: ListEntryT['kind'], hint?: string) => {
    const options = optionsOrNull(of(kind));
    if (options) layout.header.push({ key, label: name, kind, options, ...(hint ? { hint } : {}) });
  };

  switch (system) {
    case 'quickbooks_online': {
      const s = QboPrefs.parse(connection?.settings ?? {});
      const tracking = s.company?.classTracking;
      // Preferences read at sign-in decide; a connection signed in before they were kept goes by its lists.
      if (tracking === 'none' || tracking === 'txn') layout.class = null;
      if (tracking === 'txn' && type !== 'invoice') header(s.classField ?? 'class', 'Class', 'class');
      // Intuit's Bill has no class on the document, and line classes need per-line tracking: said, not hidden.
      if (tracking === 'txn' && type === 'invoice' && classes) {
        layout.note = `This QuickBooks Online company tracks classes per transaction, and a bill takes no class on the document there: bills go without a class. To class bills, set class tracking to one per line in QuickBooks (Account and Settings, Advanced, Categories), then choose Test on the connection.`;
      }
      if (s.company?.trackDepartments !== false) {
        header(s.departmentField ?? 'location', s.company?.departmentTerminology ?? 'Location', 'location');
      }
      break;
    }
    case 'xero': {
      layout.class = null;
      layout.customer = null;
      const categories = of('tracking_category', (e) => e.active).slice(0, 2);
      const slots = ['classId', 'customerId'] as const;
      layout.tracking = categories.flatMap((category, i) => {
        // Options sit under their category (parentId); without the category in the list, each shows its own name.
        const options = optionsOrNull(of('tracking_option', (o) => o.parentId === category.id));
        return options ? [{ categoryId: category.id, name: category.name, slot: slots[i]!, options }] : [];
      });
      break;
    }
    case 'quickbooks_desktop': {
      if (type === 'purchase_order') {
        // QuickBooks Desktop purchase orders have item lines only.
        layout.account = null;
        layout.note = `QuickBooks Desktop purchase orders take items only: a line without one goes on the default purchase item set in the connection settings.`;
      } else if (serviceOrder) {
        layout.account = null;
        layout.note = `Service orders go to QuickBooks Desktop on the service item set in the connection settings; choose a customer or job and a class per line.`;
      }
      break;
    }
    case 'netsuite': {
      // The body fields of NetSuite's purchase order and bill forms, each offered once its list is mirrored
      // (subsidiaries only in OneWorld accounts). Left empty, the subsidiary is the connection's; an item receipt
      // is transformed from its order and takes the order's.
      const s = NetSuiteFields.parse(connection?.settings ?? {});
      const own = s.subsidiaryId
        ? of('subsidiary').find((e) => e.connectionId !== null && e.externalId === s.subsidiaryId)
        : undefined;
      if (type !== 'receipt') {
        header(
          s.subsidiaryField ?? 'subsidiary',
          'Subsidiary',
          'subsidiary',
          own ? `Defaults to ${own.name}, the connection's subsidiary` : undefined,
        );
      }
      header(
        s.locationField ?? 'location',
        'Location',
        'location',
        'Lines without a location of their own take this one',
      );
      header(
        s.departmentField ?? 'department',
        'Department',
        'department',
        'Lines without a department of their own take this one',
      );
      header(s.classField ?? 'class', 'Class', 'class', 'Lines without a class of their own take this one');
      // Item and expense lines take a location and a department of their own; a line without one takes the header's.
      layout.location = optionsOrNull(of('location'));
      layout.department = optionsOrNull(of('department'));
      break;
    }
    default:
      break;
  }
  return layout;
}

/** Full names of every entry, by id, for showing what a line is coded to. */
export function namesById(entries: readonly ListEntryT[]): Map<string, string> {
  return new Map(optionsOf(entries).map((o) => [o.id, o.fullName]));
}

/** The tracking category (by entry id) that a line's tracking option belongs to. */
export function trackingValue(
  picker: TrackingPicker,
  line: { classId: string | null; customerId: string | null },
): string | null {
  for (const id of [line.classId, line.customerId]) {
    if (id && picker.options.some((o) => o.id === id)) return id;
  }
  return null;
}

/**
 * The line's classId and customerId after choosing `optionId` (or none) in one tracking category: each category's
 * option goes to that category's slot, wherever it was before.
 */
export function withTracking(
  pickers: readonly TrackingPicker[],
  line: { classId: string | null; customerId: string | null },
  categoryId: string,
  optionId: string | null,
): { classId: string | null; customerId: string | null } {
  const next = { classId: null as string | null, customerId: null as string | null };
  for (const picker of pickers) {
    next[picker.slot] = picker.categoryId === categoryId ? optionId : trackingValue(picker, line);
  }
  return next;
}

/** One thing a line is coded to, as the document view says it: "Account: Utilities:Gas". */
export interface CodedTo {
  field: string;
  name: string;
  /** Our entry's name, where the line names an entry of ours paired with a differently named record there. */
  ours?: string;
}

const FIELD_OF_KIND: Partial<Record<ListEntryT['kind'], string>> = {
  item: 'Item',
  account: 'Account',
  class: 'Class',
  customer: 'Customer or job',
  location: 'Location',
  department: 'Department',
  subsidiary: 'Subsidiary',
};

/**
 * What a line is coded to, by name, in the order the editor shows the pickers. A Xero tracking option is named
 * after its category; an entry of ours paired with a record of the accounting system by that record's name (ours
 * beside it when it differs); an entry no longer in the lists is said to be so rather than hidden.
 */
export function codedTo(
  line: {
    itemId: string | null;
    accountId: string | null;
    classId: string | null;
    customerId: string | null;
    locationId?: string | null;
    departmentId?: string | null;
  },
  entriesById: ReadonlyMap<string, ListEntryT>,
  names: ReadonlyMap<string, string>,
): CodedTo[] {
  const out: CodedTo[] = [];
  const slots = [
    ['Item', line.itemId],
    ['Account', line.accountId],
    ['Class', line.classId],
    ['Customer or job', line.customerId],
    ['Location', line.locationId],
    ['Department', line.departmentId],
  ] as const;
  for (const [field, id] of slots) {
    if (!id) continue;
    const entry = entriesById.get(id);
    if (!entry) {
      out.push({ field, name: 'an entry no longer in the lists' });
      continue;
    }
    const category =
      entry.kind === 'tracking_option' && entry.parentId ? entriesById.get(entry.parentId) : undefined;
    const own = category ? entry.name : (names.get(id) ?? entry.name);
    // An entry of ours paired with a record of the accounting system: that record is what the line goes to there.
    const paired = entry.pairedWith
      ? (names.get(entry.pairedWith.entryId) ?? entry.pairedWith.name)
      : undefined;
    out.push({
      field: category?.name ?? FIELD_OF_KIND[entry.kind] ?? field,
      name: paired ?? own,
      ...(paired !== undefined && paired !== own ? { ours: own } : {}),
    });
  }
  return out;
}

/** A supplier's defaults for new lines, as suppliers.codingDefaults answers them. */
export interface LineDefaults {
  itemId: string | null;
  accountId: string | null;
  classId: string | null;
  locationId: string | null;
  taxRateId: string | null;
  /** Xero: one option per tracking category, at most two. */
  trackingOptionIds?: string[];
}

/**
 * A new line's start from the supplier's defaults: only what this connection's pickers offer (an item default is
 * dropped on a service order, a class where classes are not tracked). Each default Xero tracking option goes to its
 * own category's picker, the first or the second (one kept as the default class, from before suppliers had one per
 * category, too).
 */
export function lineStart(
  defaults: LineDefaults | null,
  layout: CodingLayout,
): {
  taxRateId: string;
  coding: { itemId: string | null; accountId: string | null; classId: string | null; customerId?: string };
} {
  const offered = (options: PickerOption[] | null, id: string | null | undefined) =>
    id && options?.some((o) => o.id === id && o.active) ? id : null;
  const classId = defaults?.classId ?? null;
  const tracking = [...(defaults?.trackingOptionIds ?? []), ...(!layout.class && classId ? [classId] : [])];
  const coding: {
    itemId: string | null;
    accountId: string | null;
    classId: string | null;
    customerId?: string;
  } = {
    itemId: offered(layout.item, defaults?.itemId),
    accountId: offered(layout.account, defaults?.accountId),
    classId: layout.class ? offered(layout.class, classId) : null,
  };
  for (const picker of layout.tracking) {
    const id = tracking.find((t) => offered(picker.options, t) !== null);
    if (id) coding[picker.slot] = id;
  }
  return { taxRateId: defaults?.taxRateId ?? '', coding };
}
