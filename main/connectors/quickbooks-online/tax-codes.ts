// Tax codes created in QuickBooks Online from our tax rates, on the bookkeeper's explicit request (a tax code is
// accounting configuration: it is never made as a side effect of sending a document). Outside the US every purchase
// line needs a TaxCode; a rate of ours that maps to none (neither settings.taxCodeMap nor a TaxCode of the same
// name) can be created through Intuit's TaxService endpoint (POST taxservice/taxcode) as a code of one purchase
// rate, filed with the connection's default tax agency. The answer holds TaxCodeId (and each rate's TaxRateId);
// the caller stores the code in taxCodeMap and imports the tax lists again.
import { z } from 'zod';
import { ConnectorError, type TaxCodeResult, type TaxCodeSetup, type TaxRateToCreate } from '../contract.js';
import { literal, type QboClient } from './client.js';
import type { CompanyProfile } from './company.js';
import type { QboSettings } from './settings.js';

const TaxRateDetails = z
  .object({
    TaxRateName: z.string().optional(),
    // Every element of TaxService is optional in SalesTax.xsd; only the code's id is used (createOne).
    TaxRateId: z.string().optional(),
    RateValue: z.union([z.number(), z.string()]).optional(),
    TaxAgencyId: z.string().optional(),
    TaxApplicableOn: z.string().optional(),
  })
  .passthrough();
const TaxServiceAnswer = z
  .object({
    TaxCode: z.string().optional(),
    TaxCodeId: z.string().optional(),
    TaxRateDetails: z.array(TaxRateDetails).default([]),
  })
  .passthrough();
// Intuit documents the answer as the TaxService object itself; accept it wrapped too, as every other entity is.
const TaxServiceResponse = z.preprocess(
  (v) =>
    v && typeof v === 'object' && 'TaxService' in v && !('TaxCodeId' in v)
      ? (v as { TaxService: unknown }).TaxService
      : v,
  TaxServiceAnswer,
);

const Named = z.object({ Id: z.string(), Name: z.string().optional(), Active: z.boolean().optional() });
const Agency = z.object({ Id: z.string(), DisplayName: z.string().optional() }).passthrough();
const Rate = Named.extend({ RateValue: z.number().optional() }).passthrough();

const needsUser = (message: string) => new ConnectorError('needs_user', message);

export async function createTaxCodes(
  client: QboClient,
  profile: CompanyProfile,
  settings: QboSettings,
  rates: readonly TaxRateToCreate[],
): Promise<TaxCodeSetup> {
  if (profile.usTax) {
    throw needsUser(
      `${profile.companyName} is a US company: QuickBooks puts no tax codes on its purchase forms, so there is nothing to create. Sales tax on bills is sent inside the line amounts.`,
    );
  }
  const agencyId = settings.defaultTaxAgencyId;
  if (!agencyId) {
    throw needsUser(
      'Choose the default tax agency in the connection settings first (import the lists if the choice is empty): QuickBooks files every tax rate with a tax agency. Then choose Create in QuickBooks again.',
    );
  }
  const [agency] = await client.query('TaxAgency', `WHERE Id = ${literal(agencyId)}`, Agency);
  if (!agency) {
    throw needsUser(
      'The default tax agency chosen in the connection settings is no longer in QuickBooks. Import the lists, choose another agency, and try again.',
    );
  }
  const agencyName = agency.DisplayName ?? `agency ${agency.Id}`;
  const taxCodeMap = { ...settings.taxCodeMap };
  const results: TaxCodeResult[] = [];
  for (const rate of rates) {
    const mapped = taxCodeMap[rate.id];
    if (mapped) {
      results.push({
        taxRateId: rate.id,
        name: rate.name,
        outcome: 'mapped',
        taxCodeId: mapped,
        message: `'${rate.name}' is already mapped to a QuickBooks tax code; nothing was created.`,
      });
      continue;
    }
    try {
      results.push(await createOne(client, rate, agency.Id, agencyName, taxCodeMap));
    } catch (error) {
      // A refusal about this rate (a name clash, a bad value) is reported and the others go on; signing in again,
      // throttling or a lost connection stop the whole request.
      if (!(error instanceof ConnectorError) || error.kind !== 'needs_user') throw error;
      results.push({
        taxRateId: rate.id,
        name: rate.name,
        outcome: 'failed',
        taxCodeId: null,
        message: error.userMessage,
      });
    }
  }
  return { results, taxCodeMap };
}

async function createOne(
  client: QboClient,
  rate: TaxRateToCreate,
  agencyId: string,
  agencyName: string,
  taxCodeMap: Record<string, string>,
): Promise<TaxCodeResult> {
  // The same rule as sending: a QuickBooks tax code with exactly our rate's name is that rate's code.
  const codes = await client.query(
    'TaxCode',
    `WHERE Name = ${literal(rate.name)} AND Active IN (true, false)`,
    Named,
  );
  const same = codes.find((c) => c.Name === rate.name);
  if (same && same.Active === false) {
    throw needsUser(
      `QuickBooks has an inactive tax code named '${rate.name}'. Make it active in QuickBooks (Taxes → Sales tax settings), import the lists and map it, or rename our tax rate.`,
    );
  }
  if (same) {
    taxCodeMap[rate.id] = same.Id;
    return {
      taxRateId: rate.id,
      name: rate.name,
      outcome: 'matched',
      taxCodeId: same.Id,
      message: `QuickBooks already has a tax code named '${rate.name}'; it is now mapped to our rate.`,
    };
  }
  const rateValue = Number(rate.percent);
  // A QuickBooks rate of the same name is reused when its value is ours; a different value is a conflict to settle.
  const existing = (
    await client.query('TaxRate', `WHERE Name = ${literal(rate.name)} AND Active IN (true, false)`, Rate)
  ).find((r) => r.Name === rate.name);
  if (existing && (existing.Active === false || existing.RateValue !== rateValue)) {
    throw needsUser(
      `QuickBooks already has a tax rate named '${rate.name}'${existing.Active === false ? ' (inactive)' : ` at ${existing.RateValue ?? '?'}%`}, not ${rate.percent}%. Rename our tax rate, or create the tax code in QuickBooks and map it.`,
    );
  }
  const detail = existing
    ? { TaxRateId: existing.Id, TaxApplicableOn: 'Purchase' }
    : { TaxRateName: rate.name, RateValue: rateValue, TaxAgencyId: agencyId, TaxApplicableOn: 'Purchase' };
  const answer = await client.request('taxservice/taxcode', {
    body: { TaxCode: rate.name, TaxRateDetails: [detail] },
    // The same request for the same rate and value: a retry after a lost answer gets the first answer back.
    requestKey: `taxcode:${rate.id}:${rate.name}:${rate.percent}:${agencyId}`,
    what: `tax code '${rate.name}'`,
    schema: TaxServiceResponse,
  });
  if (!answer.TaxCodeId) {
    throw needsUser(
      `QuickBooks created tax code '${rate.name}' but answered without its TaxCodeId. Choose Create in QuickBooks again: Ledgerbridge then finds the code by its name and maps it, without creating another.`,
    );
  }
  taxCodeMap[rate.id] = answer.TaxCodeId;
  return {
    taxRateId: rate.id,
    name: rate.name,
    outcome: 'created',
    taxCodeId: answer.TaxCodeId,
    message: existing
      ? `Created tax code '${rate.name}' in QuickBooks from its existing ${rate.percent}% rate, for purchases.`
      : `Created tax code '${rate.name}' in QuickBooks: ${rate.percent}% on purchases, filed with ${agencyName}.`,
  };
}
