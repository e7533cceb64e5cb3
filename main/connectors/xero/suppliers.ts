// Suppliers are Xero contacts. Xero marks a contact a supplier (IsSupplier, read-only) once a bill or purchase
// order names it, so the list is read with where IsSupplier==true, 100 a page as Xero's own screens do; a search by
// name uses searchTerm. Contact names are unique among active contacts: a clash becomes a plain message.
import { Address, Contact, Phone } from 'xero-node';
import type { SupplierT } from '../../../preload/contract.js';
import { z } from 'zod';
import {
  ConnectorError,
  type ExternalSupplier,
  type SupplierCursor,
  type SupplierPage,
} from '../contract.js';
import { unreadableAnswer } from '../unreadable-answer.js';
import type { XeroApi } from './api.js';
import { explainValidation } from './faults.js';

export const SUPPLIER_PAGE = 100;

/** Dates come from xero-node as Date objects (it converts Xero's /Date(ms)/ strings), or as ISO text. */
export function isoOf(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string') return null;
  const ms = /^\/Date\((-?\d+)/.exec(value)?.[1];
  const date = ms ? new Date(Number(ms)) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Xero's schema lets a contact come without its Name: then its person's name, else its id, names it. */
export function contactName(contact: Contact): string {
  const person = [contact.firstName, contact.lastName].filter((n) => n?.trim()).join(' ');
  return contact.name?.trim() || person || `Contact ${contact.contactID ?? ''}`.trim();
}

export function supplierOf(contact: Contact): ExternalSupplier {
  const address = contact.addresses?.find((a) => a.addressLine1 || a.city) ?? contact.addresses?.[0];
  const phone = contact.phones?.find((p) => p.phoneNumber);
  return {
    externalId: contact.contactID ?? '',
    name: contactName(contact),
    email: contact.emailAddress ?? null,
    phone: phone ? [phone.phoneAreaCode, phone.phoneNumber].filter(Boolean).join(' ') : null,
    address: address?.addressLine1 ?? null,
    city: address?.city ?? null,
    state: address?.region ?? null,
    postalCode: address?.postalCode ?? null,
    country: address?.country ?? null,
    accountNumber: contact.accountNumber ?? null,
    active: contact.contactStatus !== Contact.ContactStatusEnum.ARCHIVED,
    updatedAt: isoOf(contact.updatedDateUTC) ?? new Date(0).toISOString(),
    ...codingDefaultsOf(contact),
  };
}

/**
 * The contact's default purchase account (by code, as the mirrored account list keys Xero accounts), purchase
 * tracking (by category and option name, every category it names) and tax on bills (AccountsPayableTaxType, a
 * TaxType); all optional in Xero's answers, and any may be empty.
 */
function codingDefaultsOf(contact: Contact): Pick<ExternalSupplier, 'codingDefaults'> {
  const accountExternalId = contact.purchasesDefaultAccountCode?.trim() || null;
  const taxExternalId = contact.accountsPayableTaxType?.trim() || null;
  const tracking = (contact.purchasesTrackingCategories ?? []).flatMap((t) =>
    t.trackingCategoryName && t.trackingOptionName
      ? [{ category: t.trackingCategoryName, option: t.trackingOptionName }]
      : [],
  );
  return accountExternalId || taxExternalId || tracking.length > 0
    ? { codingDefaults: { accountExternalId, tracking, taxExternalId } }
    : {};
}

/** One page of suppliers (1-based), optionally those whose name matches `search`. */
export async function supplierPage(
  api: XeroApi,
  page: number,
  search?: string,
): Promise<{ suppliers: ExternalSupplier[]; more: boolean }> {
  const answer = await api.call('the supplier list', (x, t) =>
    x.getContacts(
      t,
      undefined,
      'IsSupplier==true',
      'Name ASC',
      undefined,
      page,
      true,
      undefined,
      search,
      SUPPLIER_PAGE,
    ),
  );
  const contacts = answer.contacts ?? [];
  // A contact answered without its ContactID cannot be paired: it is left out of the search, not paired as ''.
  return {
    suppliers: contacts.filter((c) => c.contactID).map(supplierOf),
    more: contacts.length === SUPPLIER_PAGE,
  };
}

/** Xero's pageSize for Contacts (the OpenAPI description has it; Xero documents up to 1000). */
export const IMPORT_PAGE = 1000;

/** What an import needs of xero-node's Contacts answer, checked before it is used. */
const ContactsAnswer = z.object({
  contacts: z
    .array(z.object({ contactID: z.string().min(1), name: z.string().optional() }).passthrough())
    .optional(),
  pagination: z
    .object({
      page: z.number().int().optional(),
      pageSize: z.number().int().optional(),
      pageCount: z.number().int().optional(),
      itemCount: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/**
 * One page of suppliers for an import, archived ones included, `pageSize` at a time; pagination.itemCount is the
 * total where Xero tells it. A short page is the last. The page size is kept in the cursor: page numbers only
 * mean something for the size they were counted with.
 */
export async function supplierImportPage(
  api: XeroApi,
  cursor: SupplierCursor | null,
  pageSize = IMPORT_PAGE,
): Promise<SupplierPage> {
  const page = Number(cursor?.page ?? 1);
  const size = Math.min(IMPORT_PAGE, Number(cursor?.size ?? pageSize));
  const answer = await api.call('the supplier list', (x, t) =>
    x.getContacts(
      t,
      undefined,
      'IsSupplier==true',
      'Name ASC',
      undefined,
      page,
      true,
      undefined,
      undefined,
      size,
    ),
  );
  const checked = ContactsAnswer.safeParse(answer);
  if (!checked.success) {
    throw unreadableAnswer(
      'Xero',
      'the supplier list',
      checked.error,
      `GET Contacts page ${page}: ${checked.error.message.slice(0, 400)}`,
      {
        envelope: ['contacts'],
        input: answer,
        rename: (f: string) => f.charAt(0).toUpperCase() + f.slice(1),
      },
    );
  }
  const contacts = answer.contacts ?? [];
  return {
    suppliers: contacts.map(supplierOf),
    next: contacts.length < size ? null : { page: page + 1, size },
    total: checked.data.pagination?.itemCount ?? null,
  };
}

/** Every supplier, page by page ("import all"). */
export async function listSuppliers(
  api: XeroApi,
  progress?: (done: number) => void,
): Promise<ExternalSupplier[]> {
  const all: ExternalSupplier[] = [];
  for (let page = 1; ; page++) {
    const { suppliers, more } = await supplierPage(api, page);
    all.push(...suppliers);
    progress?.(all.length);
    if (!more) return all;
  }
}

export function contactOf(supplier: SupplierT): Contact {
  const address = supplier.address || supplier.city || supplier.postalCode || supplier.country;
  return {
    name: supplier.name.slice(0, 255),
    ...(supplier.email ? { emailAddress: supplier.email } : {}),
    ...(supplier.accountNumber ? { accountNumber: supplier.accountNumber.slice(0, 50) } : {}),
    ...(supplier.taxId ? { taxNumber: supplier.taxId.slice(0, 50) } : {}),
    ...(supplier.phone
      ? { phones: [{ phoneType: Phone.PhoneTypeEnum.DEFAULT, phoneNumber: supplier.phone }] }
      : {}),
    ...(address
      ? {
          addresses: [
            {
              addressType: Address.AddressTypeEnum.POBOX,
              ...(supplier.address ? { addressLine1: supplier.address } : {}),
              ...(supplier.city ? { city: supplier.city } : {}),
              ...(supplier.state ? { region: supplier.state } : {}),
              ...(supplier.postalCode ? { postalCode: supplier.postalCode } : {}),
              ...(supplier.country ? { country: supplier.country } : {}),
            },
          ],
        }
      : {}),
  };
}

/** Creates the contact (existing null) or brings it in step with our supplier. */
export async function upsertContact(
  api: XeroApi,
  supplier: SupplierT,
  existing: { externalId: string } | null,
  key: string,
): Promise<ExternalSupplier> {
  const body = contactOf(supplier);
  const what = `contact '${supplier.name}'`;
  const answer = existing
    ? await api.call(what, (x, t) =>
        x.updateContact(
          t,
          existing.externalId,
          { contacts: [{ ...body, contactID: existing.externalId }] },
          key,
        ),
      )
    : await api.call(what, (x, t) => x.createContacts(t, { contacts: [body] }, false, key));
  const contact = answer.contacts?.[0];
  if (contact && !contact.contactID && !contact.hasValidationErrors && !contact.validationErrors?.length) {
    // Accepted, but we cannot tell which contact it is: the next try finds it by name instead of creating another.
    throw new ConnectorError(
      'transient',
      `Xero accepted ${what} but answered without its ContactID. Ledgerbridge retries and finds it there by name.`,
    );
  }
  if (!contact?.contactID || contact.hasValidationErrors) {
    throw explainValidation(
      (contact?.validationErrors ?? []).map((v) => v.message ?? ''),
      what,
    );
  }
  return supplierOf(contact);
}
