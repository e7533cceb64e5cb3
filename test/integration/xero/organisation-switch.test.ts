// A Xero connection pointed at another organisation: by a reconnect whose sign-in allowed only another, or by
// choosing another in the settings. Xero's account codes, item codes and tax types repeat from one organisation to
// the next, so until the bookkeeper confirms the switch nothing is sent there and nothing read from it joins what
// the connection knows; on the confirmation the old organisation's pairings, mirrored ids, default account and tax
// mapping are retired (kept for the record), and a bill sent to the old one is never updated into the new one.
import { describe, expect, it } from 'vitest';
import { logMessages, rejected, retiredLinks, reviseBill, sendBill } from '../company-switch.js';
import { connectCompany, consentInBrowser, waitForStatus, world, worldEachTest } from './harness.js';

const ready = worldEachTest();

async function reconnect(companyId: string, connectionId: string) {
  const { authorizeUrl } = await world.core.call('connections.connect', { id: connectionId });
  await consentInBrowser(authorizeUrl!);
  return waitForStatus(world.core, companyId, connectionId, 'connected');
}

const mirroredAccount = async (companyId: string) =>
  (await world.core.call('lists.list', { companyId, kind: 'account' })).find(
    (a) => a.name === 'Job Materials',
  );

describe.skipIf(!ready)('Xero: switching the connection to another organisation', () => {
  it('holds a reconnect to another organisation until confirmed, then retires the old links and sends anew', async () => {
    const { core, sim, org } = world;
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    const { company, connection } = await connectCompany(world);
    // The only organisation the sign-in allowed is confirmed by it.
    expect(connection.settings.confirmedOrganisation).toMatchObject({
      tenantId: org.tenantId,
      name: 'Northwind Facilities Ltd',
    });
    const rate = await core.call('taxRates.create', {
      companyId: company.id,
      name: 'GST 15%',
      percent: '15',
    });
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const oldAccount = (await mirroredAccount(company.id))!;
    await core.call('connections.update', {
      id: connection.id,
      settings: { defaultAccountCode: '310', taxRateMap: { [rate.id]: 'INPUT2' } },
    });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const old = await sendBill(core, {
      companyId: company.id,
      supplierId: supplier.id,
      accountId: oldAccount.id,
      number: 'OLD-1',
    });
    expect(old.sync.status).toBe('sent');
    const oldBill = [...org.invoices.values()].find((i) => i.InvoiceNumber === 'OLD-1')!;
    const oldContact = [...org.contacts.values()].find((c) => c.Name === 'Acme Supplies')!;

    // The second organisation uses 310 for something else, and keeps Job Materials under 420.
    const other = sim.createOrg({ name: 'Harbour Holdings Pty', countryCode: 'AU', baseCurrency: 'AUD' });
    sim.addAccount(other, { Code: '310', Name: 'Rent' });
    sim.addAccount(other, { Code: '420', Name: 'Job Materials' });
    sim.consentTenants = [other.tenantId];
    const reconnected = await reconnect(company.id, connection.id);
    expect(reconnected.settings).toMatchObject({
      tenantId: other.tenantId,
      organisation: { tenantId: other.tenantId, name: 'Harbour Holdings Pty' },
      confirmedOrganisation: { tenantId: org.tenantId },
    });

    // Not confirmed: a new bill waits with the message, the lists are not read into the old mirror.
    const held = await sendBill(core, {
      companyId: company.id,
      supplierId: supplier.id,
      accountId: oldAccount.id,
      number: 'HELD-1',
    });
    expect(held.sync.status).toBe('waiting');
    expect(held.sync.lastMessage).toContain(
      'Waiting for you to confirm the switch to the Xero organisation Harbour Holdings Pty',
    );
    expect(held.sync.lastMessage).toContain('choose Confirm company');
    const importHeld = await rejected(core.call('lists.import', { connectionId: connection.id }));
    expect(importHeld.code).toBe('conflict');
    expect(importHeld.userMessage).toContain('Northwind Facilities Ltd');
    expect(other.invoices.size).toBe(0);
    expect(other.contacts.size).toBe(0);

    // A confirmation of another organisation than the one reached is refused.
    const stale = await rejected(
      core.call('connections.confirmCompany', { connectionId: connection.id, id: org.tenantId }),
    );
    expect(stale.code).toBe('conflict');
    const confirmed = await core.call('connections.confirmCompany', {
      connectionId: connection.id,
      id: other.tenantId,
    });
    expect(confirmed.settings).toMatchObject({
      confirmedOrganisation: { tenantId: other.tenantId, confirmedBy: 'test-user' },
      defaultAccountCode: null,
      taxRateMap: {},
    });
    await core.app.sync.whenIdle();

    // The bill sent to the old organisation: historical, said plainly, its id kept for the record.
    const after = await core.call('documents.get', { id: old.id });
    expect(after.sync[0]?.status).toBe('historical');
    expect(after.sync[0]?.lastMessage).toContain('Sent to the Xero organisation Northwind Facilities Ltd');
    expect(after.sync[0]?.lastMessage).toContain(
      'nor update it into the Xero organisation Harbour Holdings Pty',
    );
    expect(await logMessages(core, company.id)).toContainEqual(
      expect.stringMatching(/^This connection now sends to the Xero organisation Harbour Holdings Pty/),
    );
    expect(retiredLinks(core, connection.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity_type: 'document', external_id: oldBill.InvoiceID }),
        expect.objectContaining({ entity_type: 'supplier', external_id: oldContact.ContactID }),
        expect.objectContaining({
          entity_type: 'mirrored_list_entry',
          company_label: 'the Xero organisation Northwind Facilities Ltd',
        }),
      ]),
    );
    expect(await mirroredAccount(company.id)).toBeUndefined();

    // A revision of the old bill is not sent into the new organisation, nor to the old one.
    const revised = await reviseBill(core, old.id, oldAccount.id, '3');
    expect(revised.status).toBe('historical');
    expect([...other.invoices.values()].map((i) => i.InvoiceNumber)).not.toContain('OLD-1');
    expect(org.invoices.get(oldBill.InvoiceID as string)?.LineItems).toEqual(oldBill.LineItems);

    // The bill that waited went once confirmed, and a new one goes too: fresh records, on the new organisation's
    // own contact and its Job Materials (420), never on the old code 310 (Rent there).
    await core.call('lists.import', { connectionId: connection.id, kinds: ['account'] });
    const newAccount = (await mirroredAccount(company.id))!;
    expect(newAccount.id).not.toBe(oldAccount.id);
    const fresh = await sendBill(core, {
      companyId: company.id,
      supplierId: supplier.id,
      accountId: newAccount.id,
      number: 'NEW-1',
    });
    expect(fresh.sync.status).toBe('sent');
    const bills = [...other.invoices.values()];
    expect(bills.map((b) => b.InvoiceNumber).sort()).toEqual(['HELD-1', 'NEW-1']);
    const newBill = bills.find((b) => b.InvoiceNumber === 'NEW-1')!;
    expect(newBill.InvoiceID).not.toBe(oldBill.InvoiceID);
    expect((newBill.LineItems as { AccountCode?: string }[])[0]?.AccountCode).toBe('420');
    const contactId = (newBill.Contact as { ContactID: string }).ContactID;
    expect(contactId).not.toBe(oldContact.ContactID);
    expect(other.contacts.get(contactId)).toMatchObject({ Name: 'Acme Supplies' });
    expect(org.invoices.size).toBe(1);
  });

  it('choosing another organisation in the settings waits for the confirmation; choosing the old one back does not', async () => {
    const { core, sim, org } = world;
    const other = sim.createOrg({ name: 'Harbour Holdings Pty' });
    sim.consentTenants = [org.tenantId, other.tenantId];
    const company = await core.call('companies.create', { name: 'Two Orgs', baseCurrency: 'NZD' });
    const created = await core.call('connections.create', {
      companyId: company.id,
      system: 'xero',
      settings: sim.connectionSettings(),
      credentials: { clientId: 'SIMXEROCLIENT0123456789ABCDEF01' },
    });
    const { authorizeUrl } = await core.call('connections.connect', { id: created.id });
    await consentInBrowser(authorizeUrl!);
    await waitForStatus(core, company.id, created.id, 'error');
    // The first organisation chosen is confirmed by choosing it.
    const first = await core.call('xero.chooseTenant', { connectionId: created.id, tenantId: org.tenantId });
    expect(first.settings.confirmedOrganisation).toMatchObject({ tenantId: org.tenantId });
    const supplier = await core.call('suppliers.create', { companyId: company.id, name: 'Acme Supplies' });
    const account = await core.call('lists.create', {
      companyId: company.id,
      kind: 'account',
      name: 'Job Materials',
    });
    sim.addAccount(org, { Code: '310', Name: 'Job Materials' });
    sim.addAccount(other, { Code: '310', Name: 'Job Materials' });
    expect(
      (
        await sendBill(core, {
          companyId: company.id,
          supplierId: supplier.id,
          accountId: account.id,
          number: 'A-1',
        })
      ).sync.status,
    ).toBe('sent');

    const switched = await core.call('xero.chooseTenant', {
      connectionId: created.id,
      tenantId: other.tenantId,
    });
    expect(switched.settings.confirmedOrganisation).toMatchObject({ tenantId: org.tenantId });
    const held = await sendBill(core, {
      companyId: company.id,
      supplierId: supplier.id,
      accountId: account.id,
      number: 'B-1',
    });
    expect(held.sync.status).toBe('waiting');
    expect(await logMessages(core, company.id)).toContainEqual(
      expect.stringMatching(/^Chose the Xero organisation Harbour Holdings Pty\. Waiting for you to confirm/),
    );

    // Back to the organisation it sent to: nothing to confirm, nothing retired, the bill that waited goes there.
    await core.call('xero.chooseTenant', { connectionId: created.id, tenantId: org.tenantId });
    await core.app.sync.whenIdle();
    expect((await core.call('documents.get', { id: held.id })).sync[0]?.status).toBe('sent');
    expect([...org.invoices.values()].map((i) => i.InvoiceNumber).sort()).toEqual(['A-1', 'B-1']);
    expect(other.invoices.size).toBe(0);
    expect(retiredLinks(core, created.id)).toEqual([]);
  });
});
