// The settings of a QuickBooks Desktop connection (validated on connections.create/update) and how the engine
// reads them back from a stored connection, defaults filled in.
import { z } from 'zod';
import type { ConnectionT } from '../../../preload/contract.js';
import { CommonConnectionSettings } from '../../../preload/schemas.js';
import { DEFAULT_TEMPLATES, NameOverflow, NameTemplates } from '../../domain/job-names.js';

/** QuickBooks item and account names hold 31 characters per level; a full name at most 159 (5 levels). */
const QbListName = z.string().trim().min(1, 'is required').max(159);

export const QbdSettingsSchema = z.object({
  /** The Web Connector's user name (the .qwc UserName); the password lives in the keychain. */
  username: z.string().trim().min(1, 'is required').max(100),
  /** The company file QuickBooks must have open (full path); empty: whichever file is open. */
  companyFile: z.string().trim().max(1000).optional(),
  runEveryMinutes: z.number().int().min(1).max(1440),
  /** How a ServiceTrade job is named: Customer, Customer:Job or Customer:Location:Job (main/domain/job-names.ts). */
  customerMapping: z.enum(['customer', 'customer:job', 'customer:location:job']),
  /**
   * Each level's name from {field} placeholders; checked here so a bad template is refused on save, on its field
   * (settings.nameTemplates.job), not first met when jobs are sent.
   */
  nameTemplates: NameTemplates,
  /** A name over 41 characters: shorten the longest values ('truncate'), or refuse the job ('error'). */
  nameOverflow: NameOverflow,
  /** The item for purchase order lines without an item; created as a non-inventory item when missing. */
  defaultPurchaseItem: QbListName,
  /** The item service order lines are sent with. */
  defaultServiceItem: QbListName,
  /** The expense account for bill lines without an account, and the purchase account of created items. */
  defaultExpenseAccount: QbListName,
  /** The service item ServiceTrade invoice lines without a matching QuickBooks item use; created when missing. */
  defaultInvoiceItem: QbListName,
  /** The income account of a created default invoice item. */
  defaultIncomeAccount: QbListName,
  /** What canceling a sent invoice does to its bill: delete it, or void it (QuickBooks keeps a voided bill). */
  billCancel: z.enum(['delete', 'void']),
  /**
   * Vendors QuickBooks has that match none of our suppliers by name become suppliers here when the vendor list is
   * read (linked, so they are never created twice). Off by default: many company files hold hundreds of vendors.
   */
  importVendors: z.boolean(),
});

/** What connections.create/update accept: these settings and the common ones, and no other key. */
export const QbdSettingsInput = QbdSettingsSchema.extend(CommonConnectionSettings.shape).strict();

export type QbdSettings = z.infer<typeof QbdSettingsSchema> & {
  importPayments: boolean;
  createMissing: boolean;
};

export const QBD_DEFAULT_SETTINGS = {
  username: 'ledgerbridge',
  runEveryMinutes: 15,
  customerMapping: 'customer:job',
  defaultPurchaseItem: 'Purchases',
  defaultServiceItem: 'Subcontracted services',
  defaultExpenseAccount: 'Cost of Goods Sold',
  billCancel: 'delete',
  defaultInvoiceItem: 'Service',
  defaultIncomeAccount: 'Sales',
  importVendors: false,
  nameTemplates: { ...DEFAULT_TEMPLATES },
  nameOverflow: 'truncate',
} as const satisfies Omit<z.infer<typeof QbdSettingsSchema>, 'companyFile'>;

/**
 * The connection's settings with defaults for anything missing or no longer valid. Each setting is read on its own:
 * one that a newer rule refuses (say, an old name template) falls back to its default without taking the others
 * (the Web Connector's user name above all) with it.
 */
export function qbdSettings(connection: Pick<ConnectionT, 'settings'>): QbdSettings {
  const raw = connection.settings;
  const defined: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(QbdSettingsSchema.shape)) {
    if (raw[key] === undefined) continue;
    const parsed = (schema as z.ZodType).safeParse(raw[key]);
    if (parsed.success && parsed.data !== undefined) defined[key] = parsed.data;
  }
  return {
    ...QBD_DEFAULT_SETTINGS,
    ...defined,
    importPayments: raw['importPayments'] !== false,
    createMissing: raw['createMissing'] !== false,
  };
}
