// The company's identity through the API, as capture uses it: an invoice whose unlabelled bill-to block carries the
// company's street and VAT id under another spelling of its name, and whose direct-debit note prints the company's
// IBAN. Before the bookkeeper enters the identity the block passes for the issuer and the company's own account
// matches a supplier; once entered, the issuer is proposed, and the issuer on file is matched by its own VAT id.
import { describe, expect, it } from 'vitest';
import { useCaptureCore } from '../../fixtures/capture/capture-core.js';
import {
  OWN_BLOCK_INVOICE,
  OWN_BLOCK_ISSUER,
  OWN_COMPANY,
  ownBlockInvoicePdf,
} from '../../fixtures/capture/own-block-invoice.js';

const core = useCaptureCore();

describe('documents.capture with the company’s own identity', () => {
  it('proposes the issuer, never the company, once its street, VAT id and IBAN are known', async () => {
    const company = await core.call('companies.create', { name: OWN_COMPANY.name, baseCurrency: 'EUR' });
    // A supplier record for the owner's expense claims, paid to the company's own account: common in small firms.
    const claims = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Auslagenerstattung Geschäftsführung',
      accountNumber: OWN_COMPANY.iban,
    });
    const contentBase64 = Buffer.from(await ownBlockInvoicePdf()).toString('base64');
    const capture = async () =>
      (
        await core.call('documents.capture', {
          companyId: company.id,
          fileName: 'kessler.pdf',
          contentBase64,
        })
      ).proposal;

    // Known by its name alone, the company is taken for the supplier: its own account, printed for the debit,
    // matches the claims record.
    const before = await capture();
    expect(before.supplierId).toBe(claims.id);
    expect(before.supplierMatchedBy).toBe('bank_account');

    await core.call('companies.update', {
      id: company.id,
      identity: {
        addresses: [
          {
            lines: [OWN_COMPANY.street],
            postalCode: OWN_COMPANY.postcode,
            city: OWN_COMPANY.city,
            country: OWN_COMPANY.country,
          },
        ],
        taxIds: [OWN_COMPANY.vat],
        ibans: [OWN_COMPANY.iban],
      },
    });
    const after = await capture();
    expect(after.supplierId).toBeNull();
    expect(after.supplierName).toBe(OWN_BLOCK_ISSUER.name);
    expect(after.supplierWarning).toContain(`No supplier of yours matches "${OWN_BLOCK_ISSUER.name}"`);
    expect(after.supplierInvoiceNumber).toBe(OWN_BLOCK_INVOICE.number);
    expect(after.totals.total).toBe(OWN_BLOCK_INVOICE.total);

    // The issuer on file: matched by its own VAT id, printed after the company's.
    const kessler = await core.call('suppliers.create', {
      companyId: company.id,
      name: 'Kessler Büro',
      taxId: OWN_BLOCK_ISSUER.taxId,
    });
    const matched = await capture();
    expect(matched.supplierId).toBe(kessler.id);
    expect(matched.supplierMatchedBy).toBe('tax_id');
  });
});
