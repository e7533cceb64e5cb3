// End-to-end: the Web Connector page in Debian's Chromium against the headless server. A bookkeeper sets the
// Web Connector password, downloads the .qwc file and follows the steps; the fake Web Connector (soap client
// from the vendor WSDL) then calls the real endpoint — once with a wrong password, once with QuickBooks
// refusing access — and the page shows each session with its plain-language fix. Screenshots go to
// test-results/e2e/web-connector/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  FakeWebConnector,
  QuickBooksFailure,
  wsdlOracleAvailable,
} from '../simulators/web-connector/fake-web-connector';
import { e2eSuite, useE2eApp } from './suite';
import { WAIT, expectText } from './support';

const suite = e2eSuite('web-connector', 'Web Connector', {
  dir: '../shared/oracles/qbwc/',
  available: wsdlOracleAvailable,
});
const { shot } = suite;

describe.skipIf(!suite.runs)('the Web Connector page (headless server)', () => {
  const qbd = useE2eApp(suite);

  it('sets the password, downloads the .qwc file, and shows sessions with their fixes', async () => {
    const { api, browser, dataDir, info } = qbd.e2e;
    const company = await api<{ id: string }>('companies.create', {
      name: 'Northwind Facilities',
      baseCurrency: 'USD',
    });
    await api('connections.create', {
      companyId: company.id,
      system: 'quickbooks_desktop',
      name: 'QuickBooks Northwind',
      settings: { username: 'northwind-qbwc', runEveryMinutes: 30 },
    });

    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
    });
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    await page.goto(info.openUrl);
    await page.getByTestId('nav-web-connector').click();
    await page.getByTestId('qbwc-page').waitFor();
    await expectText(page.getByTestId('qbwc-password-status'), /No password yet/);
    await expectText(page.getByTestId('qbwc-username'), /^northwind-qbwc$/);
    await expectText(
      page.getByTestId('qbwc-endpoint'),
      new RegExp(`^${info.qbwcUrl.replace(/[.:/]/g, '\\$&')}$`),
    );
    await expectText(
      page.getByTestId('qbwc-setup-steps'),
      /Yes, always; allow access even if QuickBooks is not running/,
    );
    await expectText(page.getByTestId('qbwc-no-sessions'), /has not called yet/);
    await shot(page, '01-web-connector-new');

    // A password is offered: 24 letters and digits, shown so it can be copied before saving, replaced on request.
    const password = page.getByTestId('qbwc-password');
    const offered = await password.inputValue();
    expect(offered).toMatch(/^[A-HJ-NP-Za-km-z2-9]{24}$/);
    expect(await password.getAttribute('type')).toBe('text');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: info.url });
    await page.getByTestId('qbwc-password-copy').click();
    await expectText(page.getByTestId('qbwc-password-copied'), /Copied/);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(offered);
    await page.getByTestId('qbwc-password-another').click();
    const generated = await password.inputValue();
    expect(generated).toMatch(/^[A-HJ-NP-Za-km-z2-9]{24}$/);
    expect(generated).not.toBe(offered);
    await page.getByTestId('qbwc-password-save').click();
    await expectText(page.getByTestId('qbwc-password-saved'), /Saved/);
    await expectText(page.getByTestId('qbwc-password-status'), /Password set/);
    // Still on screen after saving, for pasting into the Web Connector; saving it twice is not offered.
    expect(await password.inputValue()).toBe(generated);
    await expect.poll(() => page.getByTestId('qbwc-password-save').isDisabled()).toBe(true);
    await shot(page, '02-generated-password');

    // Or the bookkeeper types one. A mismatch is caught in place; a short password is refused by the server.
    await page.getByTestId('qbwc-password-own').click();
    await page.getByTestId('qbwc-password').fill('bluebird-42');
    await page.getByTestId('qbwc-confirm').fill('bluebird-43');
    await page.getByTestId('qbwc-password-save').click();
    await expectText(page.getByTestId('error-qbwc-confirm'), /does not match/);
    await page.getByTestId('qbwc-password').fill('short');
    await page.getByTestId('qbwc-confirm').fill('short');
    await page.getByTestId('qbwc-password-save').click();
    await expectText(page.getByTestId('error-qbwc-password'), /at least 8 characters/);
    await shot(page, '03-password-errors');
    await page.getByTestId('qbwc-password').fill('bluebird-42');
    await page.getByTestId('qbwc-confirm').fill('bluebird-42');
    await page.getByTestId('qbwc-password-save').click();
    await expectText(page.getByTestId('qbwc-password-saved'), /Saved/);
    await expectText(page.getByTestId('qbwc-password-status'), /Password set/);
    await expect.poll(() => page.getByTestId('qbwc-password').inputValue()).toBe('');

    // The .qwc file points the Web Connector at this server, with the user name and the schedule.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('qbwc-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Ledgerbridge-QuickBooks-Northwind.qwc');
    const qwcPath = path.join(dataDir, 'downloaded.qwc');
    await download.saveAs(qwcPath);
    const qwcText = fs.readFileSync(qwcPath, 'utf8');
    const qwc = (
      new XMLParser({ parseTagValue: false }).parse(qwcText) as { QBWCXML: Record<string, unknown> }
    ).QBWCXML;
    expect(qwc['AppURL']).toBe(info.qbwcUrl);
    expect(qwc['UserName']).toBe('northwind-qbwc');
    expect(qwc['Scheduler']).toEqual({ RunEveryNMinutes: '30' });
    expect(qwcText).not.toContain('bluebird-42');
    await expectText(page.getByTestId('qbwc-note'), /downloaded/);

    // The Web Connector runs: first with a stale password, then QuickBooks refuses the application.
    const quickbooks = {
      hostResponse: () => '',
      handle: () => '',
      open: () => {
        throw new QuickBooksFailure('0x80040420', 'The QuickBooks user has denied access.');
      },
    };
    const wc = (password: string) =>
      new FakeWebConnector({
        endpoint: String(qwc['AppURL']),
        userName: 'northwind-qbwc',
        password,
        quickbooks,
      });
    expect((await wc('old-password').runSession()).auth[1]).toBe('nvu');
    await page.getByTestId('qbwc-reload').click();
    await expectText(page.getByTestId('qbwc-refused-sign-ins'), /last sign-in .* used a wrong password/);
    await shot(page, '04-wrong-password');
    const denied = await wc('bluebird-42').runSession();
    expect(denied.calls.find((c) => c.operation === 'connectionError')?.result).toBe('done');

    await page.getByTestId('qbwc-reload').click();
    const rows = page.getByTestId('qbwc-session');
    await expect.poll(() => rows.count(), { timeout: WAIT }).toBe(2);
    await expect.poll(() => rows.nth(0).getAttribute('data-outcome')).toBe('failed');
    await expect.poll(() => rows.nth(1).getAttribute('data-outcome')).toBe('refused');
    await expectText(
      rows.nth(0).getByTestId('qbwc-problem-fix'),
      /Yes, always; allow access even if QuickBooks is not running/,
    );
    await expectText(rows.nth(1).getByTestId('qbwc-problem-fix'), /set the password again/);
    await expectText(rows.nth(0).getByTestId('qbwc-session-outcome'), /Stopped with a problem/);
    // The right password ended the streak of wrong ones.
    await expect.poll(() => page.getByTestId('qbwc-refused-sign-ins').count()).toBe(0);
    await shot(page, '05-sessions-with-fixes');

    await page.getByTestId('qbwc-refresh').click();
    await expectText(page.getByTestId('qbwc-note'), /read again at the next Web Connector run/);
    await page.getByTestId('qbwc-payments-from').fill('2026-10-01');
    await page.getByTestId('qbwc-payments-to').fill('2026-10-31');
    await page.getByTestId('qbwc-payments').click();
    await expectText(page.getByTestId('qbwc-note'), /Payments dated 2026-10-01 to 2026-10-31 will be read/);
    await shot(page, '06-on-the-next-run');
    await context.close();
  }, 180_000);
});
