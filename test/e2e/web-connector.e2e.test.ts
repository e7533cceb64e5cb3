// End-to-end: the Web Connector page in Debian's Chromium against the headless server. A bookkeeper sets the
// Web Connector password, downloads the .qwc file and follows the steps; the fake Web Connector (soap client
// from the vendor WSDL) then calls the real endpoint — once with a wrong password, once with QuickBooks
// refusing access — and the page shows each session with its plain-language fix. Screenshots go to
// test-results/e2e/web-connector/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FakeWebConnector,
  QuickBooksFailure,
  wsdlOracleAvailable,
} from '../simulators/web-connector/fake-web-connector';
import {
  CHROMIUM,
  haveChromium,
  onCi,
  root,
  screenshots,
  type ServerInfo,
  WAIT,
  callApi,
  expectText,
  startE2e,
  type E2eHarness,
} from './support';

const shotsDir = path.join(root, 'test-results', 'e2e', 'web-connector');
const shot = screenshots(shotsDir);
const haveWsdl = wsdlOracleAvailable();

if (!haveChromium && !onCi) {
  console.warn(`Skipping the Web Connector end-to-end test: no Chromium at ${CHROMIUM}.`);
}

describe.skipIf((!haveChromium && !onCi) || !haveWsdl)('the Web Connector page (headless server)', () => {
  let e2e: E2eHarness | undefined;
  let info: ServerInfo;
  let browser: Browser;
  let dataDir = '';

  const api = <T>(method: string, input: unknown): Promise<T> => callApi<T>(info, method, input);

  beforeAll(async () => {
    e2e = await startE2e('qbwc', shotsDir);
    ({ info, browser, dataDir } = e2e);
  }, 240_000);

  afterAll(async () => {
    await e2e?.stop();
  }, 30_000);

  it('sets the password, downloads the .qwc file, and shows sessions with their fixes', async () => {
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

    const context = await browser!.newContext({
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

    // A mismatch is caught in place; a short password is refused by the server with the rule.
    await page.getByTestId('qbwc-password').fill('bluebird-42');
    await page.getByTestId('qbwc-confirm').fill('bluebird-43');
    await page.getByTestId('qbwc-password-save').click();
    await expectText(page.getByTestId('error-qbwc-confirm'), /does not match/);
    await page.getByTestId('qbwc-password').fill('short');
    await page.getByTestId('qbwc-confirm').fill('short');
    await page.getByTestId('qbwc-password-save').click();
    await expectText(page.getByTestId('error-qbwc-password'), /at least 8 characters/);
    await shot(page, '02-password-errors');
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
    await shot(page, '03-sessions-with-fixes');

    await page.getByTestId('qbwc-refresh').click();
    await expectText(page.getByTestId('qbwc-note'), /read again at the next Web Connector run/);
    await page.getByTestId('qbwc-payments-from').fill('2026-10-01');
    await page.getByTestId('qbwc-payments-to').fill('2026-10-31');
    await page.getByTestId('qbwc-payments').click();
    await expectText(page.getByTestId('qbwc-note'), /Payments dated 2026-10-01 to 2026-10-31 will be read/);
    await shot(page, '04-on-the-next-run');
    await context.close();
  }, 180_000);
});
