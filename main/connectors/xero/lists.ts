// Xero's reference lists as our mirrored lists. External ids are what a document line carries: an account's Code,
// an item's Code, a tax rate's TaxType, a tracking option's TrackingOptionID (its category's id as parent).
// Tracking categories are at most two active ones, imported with their options as line-level custom fields.
import { Account, TrackingCategory, TrackingOption } from 'xero-node';
import type { ExternalListEntry, ListKindName, ListPage } from '../contract.js';
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

/**
 * A list as one page: Xero's accounts, items, tax rates and tracking categories come whole from one call (their
 * endpoints take no page), so each is one page and an import of every list resumes at the list it stopped in. A
 * tracking option comes with its category (its parent). A kind Xero does not have is one empty page.
 */
export async function listPage(api: XeroApi, kind: ListKindName): Promise<ListPage> {
  const entries = await readList(api, kind);
  return { entries, next: null, total: entries.filter((e) => e.kind === kind).length };
}

async function readList(api: XeroApi, kind: ListKindName): Promise<ExternalListEntry[]> {
  const out: ExternalListEntry[] = [];
  if (kind === 'account') {
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
  }
  if (kind === 'tracking_category' || kind === 'tracking_option') {
    const categories = await trackingCategories(api);
    for (const c of categories.slice(0, 2)) {
      out.push({
        kind: 'tracking_category',
        externalId: c.categoryId,
        // Xero's schema lets a category or option come without its Name: the entry is then named by its id.
        name: c.name || `Tracking category ${c.categoryId}`,
        code: null,
        parentExternalId: null,
        active: true,
        data: {},
      });
      if (kind === 'tracking_option') {
        for (const o of c.options) {
          out.push({
            kind: 'tracking_option',
            externalId: o.id,
            name: o.name || `Tracking option ${o.id}`,
            code: null,
            parentExternalId: c.categoryId,
            active: true,
            data: { category: c.name },
          });
        }
      }
    }
  }
  if (kind === 'item') {
    const answer = await api.call('the items', (x, t) => x.getItems(t));
    for (const i of answer.items ?? []) {
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
  }
  if (kind === 'tax_rate') {
    const answer = await api.call('the tax rates', (x, t) => x.getTaxRates(t));
    for (const r of (answer.taxRates ?? []).filter((r) => r.taxType)) {
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
  }
  return out;
}
