// Xero's reference lists as our mirrored lists. External ids are what a document line carries: an account's Code,
// an item's Code, a tax rate's TaxType, a tracking option's TrackingOptionID (its category's id as parent).
// Tracking categories are at most two active ones, imported with their options as line-level custom fields.
import { Account, TrackingCategory, TrackingOption } from 'xero-node';
import type { ExternalListEntry, ListKindName } from '../contract.js';
import type { XeroApi } from './api.js';
import type { TrackingInfo } from './mapping.js';

/** The active tracking categories and their active options. */
export async function trackingCategories(api: XeroApi): Promise<TrackingInfo[]> {
  const answer = await api.call('the tracking categories', (x, t) => x.getTrackingCategories(t));
  return (answer.trackingCategories ?? [])
    .filter((c) => c.trackingCategoryID && c.status !== TrackingCategory.StatusEnum.ARCHIVED)
    .map((c) => ({
      categoryId: c.trackingCategoryID!,
      name: c.name ?? '',
      options: (c.options ?? [])
        .filter((o) => o.trackingOptionID && o.status !== TrackingOption.StatusEnum.ARCHIVED)
        .map((o) => ({ id: o.trackingOptionID!, name: o.name ?? '' })),
    }));
}

export async function importLists(
  api: XeroApi,
  kinds: readonly ListKindName[],
  progress: (report: { kind: ListKindName; done: number }) => void,
): Promise<ExternalListEntry[]> {
  const out: ExternalListEntry[] = [];
  const want = new Set(kinds);
  if (want.has('account')) {
    const answer = await api.call('the chart of accounts', (x, t) => x.getAccounts(t));
    for (const a of answer.accounts ?? []) {
      if (!a.accountID) continue;
      out.push({
        kind: 'account',
        externalId: a.code ?? a.accountID,
        name: a.name ?? a.code ?? a.accountID,
        code: a.code ?? null,
        parentExternalId: null,
        active: a.status !== Account.StatusEnum.ARCHIVED,
        data: { accountId: a.accountID, type: a.type, class: a._class, taxType: a.taxType ?? null },
      });
    }
    progress({ kind: 'account', done: out.length });
  }
  if (want.has('tracking_category') || want.has('tracking_option')) {
    const categories = await trackingCategories(api);
    for (const c of categories.slice(0, 2)) {
      if (want.has('tracking_category')) {
        out.push({
          kind: 'tracking_category',
          externalId: c.categoryId,
          name: c.name,
          code: null,
          parentExternalId: null,
          active: true,
          data: {},
        });
      }
      if (want.has('tracking_option')) {
        for (const o of c.options) {
          out.push({
            kind: 'tracking_option',
            externalId: o.id,
            name: o.name,
            code: null,
            parentExternalId: c.categoryId,
            active: true,
            data: { category: c.name },
          });
        }
      }
    }
    progress({ kind: 'tracking_option', done: categories.length });
  }
  if (want.has('item')) {
    const answer = await api.call('the items', (x, t) => x.getItems(t));
    const items = answer.items ?? [];
    for (const i of items) {
      out.push({
        kind: 'item',
        externalId: i.code,
        name: i.name ?? i.code,
        code: i.code,
        parentExternalId: null,
        active: true,
        data: {
          itemId: i.itemID,
          purchased: i.isPurchased ?? null,
          purchaseAccountCode: i.purchaseDetails?.accountCode ?? null,
          purchaseTaxType: i.purchaseDetails?.taxType ?? null,
          purchaseUnitPrice: i.purchaseDetails?.unitPrice ?? null,
        },
      });
    }
    progress({ kind: 'item', done: items.length });
  }
  if (want.has('tax_rate')) {
    const answer = await api.call('the tax rates', (x, t) => x.getTaxRates(t));
    const rates = (answer.taxRates ?? []).filter((r) => r.taxType);
    for (const r of rates) {
      out.push({
        kind: 'tax_rate',
        externalId: r.taxType!,
        name: r.name ?? r.taxType!,
        code: r.taxType!,
        parentExternalId: null,
        active: String(r.status) === 'ACTIVE',
        data: { rate: r.effectiveRate ?? null, expenses: r.canApplyToExpenses ?? null },
      });
    }
    progress({ kind: 'tax_rate', done: rates.length });
  }
  return out;
}
