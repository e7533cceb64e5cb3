// The settings of a QuickBooks Desktop connection (validated on connections.create/update) and how the engine
// reads them back from a stored connection, defaults filled in.
import { z } from 'zod';
import type { ConnectionT } from '../../../preload/contract.js';

/** QuickBooks item and account names hold 31 characters per level; a full name at most 159 (5 levels). */
const QbListName = z.string().trim().min(1, 'is required').max(159);

export const QbdSettingsSchema = z.object({
  /** The Web Connector's user name (the .qwc UserName); the password lives in the keychain. */
  username: z.string().trim().min(1, 'is required').max(100),
  /** The company file QuickBooks must have open (full path); empty: whichever file is open. */
  companyFile: z.string().trim().max(1000).optional(),
  runEveryMinutes: z.number().int().min(1).max(1440),
  customerMapping: z.enum(['customer', 'customer:job', 'customer:location:job']),
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
} as const satisfies Omit<z.infer<typeof QbdSettingsSchema>, 'companyFile'>;

/** The connection's settings with defaults for anything missing or no longer valid. */
export function qbdSettings(connection: Pick<ConnectionT, 'settings'>): QbdSettings {
  const raw = connection.settings;
  const parsed = QbdSettingsSchema.partial().safeParse(raw);
  const values = parsed.success ? parsed.data : {};
  const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return {
    ...QBD_DEFAULT_SETTINGS,
    ...defined,
    importPayments: raw['importPayments'] !== false,
    createMissing: raw['createMissing'] !== false,
  };
}
