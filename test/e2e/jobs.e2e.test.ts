// End-to-end: the Jobs page in Debian's Chromium against the headless server, with ServiceTrade played by its
// simulator. The company and a QuickBooks Desktop connection are set up through the API; then, in the browser:
// connecting ServiceTrade from the Jobs page (a wrong secret first), the pulled jobs with their QuickBooks name
// previews, one job sent with one click (its state turns to Queued), a selection of two sent at once, and
// "Refresh now" bringing in a job added in ServiceTrade, then a Web Connector session (fake Web Connector,
// QuickBooks Desktop simulator) turning the queued jobs "In QuickBooks"; the job's integration log (queued, created
// in QuickBooks); and on the Connections page, the QuickBooks Desktop settings' live preview of the jobs' names as a
// template is edited, a bad template refused on its field, and the ServiceTrade invoices' target saved.
// Screenshots go to test-results/e2e/jobs/ for a person to look at.
import { beforeAll, describe, expect, it } from 'vitest';
import { QbdSimulator } from '../simulators/quickbooks-desktop/simulator.js';
import { ServiceTradeSimulator } from '../simulators/servicetrade/simulator.js';
import { wsdlOracleAvailable } from '../simulators/web-connector/fake-web-connector.js';
import { connectQuickBooksDesktop, type QbdConnection } from './quickbooks-desktop-connect';
import { expectText, onCi, WAIT } from './support';
import { createCompany, e2eSuite, useE2eApp } from './suite';

const suite = e2eSuite('jobs', 'Jobs');
const { shot } = suite;

/** The fake Web Connector is built from Intuit's WSDL: without the oracle (off CI) the session steps are left out. */
const sessionRuns = wsdlOracleAvailable() || onCi;

describe.skipIf(!suite.runs)('the Jobs page in a browser', () => {
  let sim: ServiceTradeSimulator;
  let qbdConnection: QbdConnection;
  const qbd = useE2eApp(suite, {
    async start() {
      sim = await new ServiceTradeSimulator({ perPage: 50 }).start();
      sim.clients.set('e2e-client', 'e2e-secret');
      const acme = sim.addCompany('Acme Corp');
      const globex = sim.addCompany('Globex');
      const main = sim.addLocation(acme, 'Main St Store');
      const plant = sim.addLocation(globex, 'Plant 2');
      sim.addJob(main, { number: 'J-1042', type: 'repair', status: 'scheduled' });
      sim.addJob(main, { number: 'J-1043', type: 'preventative_maintenance', status: 'new' });
      sim.addJob(plant, { number: 'J-1044', type: 'inspection', status: 'completed' });
    },
    started: () => [sim],
  });

  beforeAll(async () => {
    const companyId = await createCompany(qbd.e2e, 'Northwind Facilities');
    qbdConnection = await connectQuickBooksDesktop(qbd.e2e, companyId, {
      username: 'northwind-e2e',
      settings: { customerMapping: 'customer:location:job' },
    });
  }, 60_000);

  it('sends a job with one click and shows it queued; a selection goes the same way', async () => {
    const { api, browser, info } = qbd.e2e;
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    context.setDefaultTimeout(WAIT);
    const page = await context.newPage();
    try {
      await page.goto(info.openUrl);
      await page.getByTestId('nav-jobs').click();

      // Connecting ServiceTrade from the Jobs page: a wrong secret says what to fix, the right one pulls the jobs.
      await page.getByTestId('servicetrade-connect').waitFor();
      await page.getByTestId('servicetrade-first').fill('e2e-client');
      await page.getByTestId('servicetrade-second').fill('wrong-secret');
      await page.getByTestId('servicetrade-url').fill(sim.baseUrl);
      await page.getByTestId('servicetrade-connect-submit').click();
      await expectText(
        page.getByTestId('servicetrade-connect-error'),
        /did not accept the client ID and secret/,
      );
      await shot(page, '00-connect-wrong-secret');
      await page.getByTestId('servicetrade-second').fill('e2e-secret');
      await page.getByTestId('servicetrade-connect-submit').click();
      await expectText(page.getByTestId('jobs-total'), /^3 jobs/);
      await expectText(page.getByTestId('jobs-notice'), /3 new or changed jobs/);
      const row = (number: string) => page.locator(`[data-testid="job-row"][data-number="${number}"]`);

      // The preview: each job's QuickBooks full name before anything is sent.
      await expectText(row('J-1042').getByTestId('job-row-qb-name'), 'Acme Corp:Main St Store:J-1042 Repair');
      await expectText(
        row('J-1043').getByTestId('job-row-qb-name'),
        'Acme Corp:Main St Store:J-1043 Preventative Maintenance',
      );
      await expectText(row('J-1042').getByTestId('job-row-qb-state'), 'Not sent');
      await shot(page, '01-list-with-preview');

      // One click.
      await row('J-1042').getByTestId('job-row-send').click();
      await expectText(row('J-1042').getByTestId('job-row-qb-state'), 'Queued');
      await expectText(page.getByTestId('jobs-notice'), /1 job queued for QuickBooks Desktop/);
      expect(await row('J-1042').getByTestId('job-row-send').count()).toBe(0);
      await shot(page, '02-one-job-queued');

      // A selection of two, in one click.
      await row('J-1043').getByTestId('job-row-select').check();
      await row('J-1044').getByTestId('job-row-select').check();
      await page.getByTestId('jobs-send-selected').click();
      await expectText(row('J-1043').getByTestId('job-row-qb-state'), 'Queued');
      await expectText(row('J-1044').getByTestId('job-row-qb-state'), 'Queued');
      await expectText(row('J-1044').getByTestId('job-row-qb-name'), 'Globex:Plant 2:J-1044 Inspection');
      await shot(page, '03-selection-queued');

      // Filter on the QuickBooks state.
      await page.getByTestId('jobs-filter-qb-state').selectOption('queued');
      await expectText(page.getByTestId('jobs-total'), /^3 jobs/);
      await page.getByTestId('jobs-filter-qb-state').selectOption('not_sent');
      await page.getByTestId('jobs-empty').waitFor();
      await page.getByTestId('jobs-filter-clear').click();

      // Refresh now brings in a job added in ServiceTrade.
      sim.addJob(sim.locations[1]!, { number: 'J-1050', type: 'service_call', status: 'scheduled' });
      await page.getByTestId('jobs-refresh').click();
      await expectText(page.getByTestId('jobs-notice'), /1 new or changed job/);
      await expectText(page.getByTestId('jobs-total'), /^4 jobs/);
      await expectText(row('J-1050').getByTestId('job-row-qb-name'), 'Globex:Plant 2:J-1050 Service Call');
      await shot(page, '04-after-refresh');

      // The Web Connector runs (against the QuickBooks Desktop simulator): the queued jobs turn "In QuickBooks".
      if (sessionRuns) {
        const qbdSim = new QbdSimulator({ companyName: 'Northwind Facilities' });
        await qbdConnection.runSessions(qbdSim, 5);
        expect(qbdSim.findCustomer('Acme Corp:Main St Store:J-1042 Repair')).toBeDefined();
        await expectText(row('J-1042').getByTestId('job-row-qb-state'), 'In QuickBooks');
        await expectText(row('J-1044').getByTestId('job-row-qb-state'), 'In QuickBooks');
        await expectText(row('J-1050').getByTestId('job-row-qb-state'), 'Not sent');
        await shot(page, '05-after-web-connector-session');
      }

      // The job's integration log: what happened to it, newest first.
      await row('J-1042').getByTestId('job-row-number').click();
      const detail = page.getByTestId('job-detail');
      await detail.waitFor();
      await expectText(detail.getByTestId('job-detail-qb'), /Acme Corp:Main St Store:J-1042 Repair/);
      const entries = detail.getByTestId('log-message');
      await expectText(
        entries.last(),
        /^Job J-1042 queued for QuickBooks Desktop as "Acme Corp:Main St Store:J-1042 Repair"/,
      );
      if (sessionRuns) {
        await expectText(
          entries.first(),
          'Created job Acme Corp:Main St Store:J-1042 Repair in QuickBooks Desktop',
        );
      }
      await shot(page, '06-job-log');
      await detail.getByTestId('job-detail-close').click();
      await detail.waitFor({ state: 'detached' });

      // The QuickBooks Desktop settings: the names of synced jobs, live, as the templates are edited.
      await page.getByTestId('nav-connections').click();
      const qbdCard = page.locator('[data-testid="connection"][data-system="quickbooks_desktop"]');
      await qbdCard.getByTestId('qbd-settings').locator('summary').click();
      const previewOf = (number: string) =>
        qbdCard
          .locator('[data-testid="qbd-preview-row"]', { hasText: number })
          .getByTestId('qbd-preview-name');
      await expectText(previewOf('J-1050'), 'Globex:Plant 2:J-1050 Service Call');
      await qbdCard.getByTestId('qbd-template-job').fill('#{jobNumber} {city}');
      await expectText(previewOf('J-1050'), /Globex:Plant 2:#J-1050/);
      await qbdCard.getByTestId('qbd-mapping').selectOption('customer:job');
      await expectText(previewOf('J-1050'), /Globex:#J-1050/);
      if (sessionRuns) {
        await expectText(
          qbdCard
            .locator('[data-testid="qbd-preview-row"]', { hasText: 'J-1042' })
            .getByTestId('qbd-preview-sent'),
          /Already in QuickBooks as Acme Corp:Main St Store:J-1042 Repair/,
        );
      }
      await qbdCard.getByTestId('qbd-preview').scrollIntoViewIfNeeded();
      await shot(page, '07-qbd-settings-preview');
      await qbdCard.getByTestId('qbd-template-job').fill('{jobNumbr}');
      await expectText(
        qbdCard.getByTestId('qbd-preview-problem'),
        /\{jobNumbr\}, which is not a known field/,
      );
      await qbdCard.getByTestId('qbd-save').click();
      await expectText(
        qbdCard.locator('.field__error').first(),
        /^uses \{jobNumbr\}, which is not a known field/,
      );
      await shot(page, '08-qbd-bad-template-refused');
      await qbdCard.getByTestId('qbd-template-job').fill('{jobNumber}');
      await qbdCard.getByTestId('qbd-save').click();
      await expectText(qbdCard.getByTestId('qbd-note'), 'Settings saved.');

      // ServiceTrade's invoices go to this QuickBooks Desktop connection on their own.
      const stCard = page.locator('[data-testid="connection"][data-system="servicetrade"]');
      await stCard.getByTestId('servicetrade-settings').locator('summary').click();
      await stCard.getByTestId('servicetrade-auto-send').selectOption({ label: 'QuickBooks Desktop' });
      await stCard.getByTestId('servicetrade-save').click();
      await expectText(stCard.getByTestId('servicetrade-note'), 'Settings saved.');
      const connections = await api<{ system: string; id: string; settings: Record<string, unknown> }[]>(
        'connections.list',
        { companyId: (await api<{ id: string }[]>('companies.list', {}))[0]!.id },
      );
      const qbdId = connections.find((c) => c.system === 'quickbooks_desktop')!.id;
      expect(connections.find((c) => c.system === 'servicetrade')!.settings['autoSendInvoicesTo']).toBe(
        qbdId,
      );
      expect(
        connections.find((c) => c.system === 'quickbooks_desktop')!.settings['nameTemplates'],
      ).toMatchObject({
        job: '{jobNumber}',
      });
      await shot(page, '09-servicetrade-settings');

      // A company without an accounting connection adds QuickBooks Desktop from the Connections page, and lands on
      // the Web Connector page to set its password and get its .qwc file.
      const second = await api<{ id: string }>('companies.create', { name: 'Southwind Services' });
      await page.reload();
      await page.getByTestId('company-select').selectOption(second.id);
      await page.getByTestId('nav-connections').click();
      await page.getByTestId('connection-add-quickbooks_desktop').click();
      await page.getByTestId('qbd-add-username').fill('southwind');
      await page.getByTestId('qbd-add-company-file').fill('C:\\QuickBooks\\Southwind.qbw');
      await page.getByTestId('qbd-add-mapping').selectOption('customer:location:job');
      await shot(page, '10-qbd-add');
      await page.getByTestId('qbd-add-submit').click();
      await page.getByTestId('qbwc-password-form').waitFor();
      expect(new URL(page.url()).hash).toBe('#/web-connector');
      await shot(page, '11-qbd-added-web-connector');
      const added = (
        await api<{ system: string; settings: Record<string, unknown> }[]>('connections.list', {
          companyId: second.id,
        })
      ).find((c) => c.system === 'quickbooks_desktop');
      expect(added?.settings).toMatchObject({
        username: 'southwind',
        companyFile: 'C:\\QuickBooks\\Southwind.qbw',
        customerMapping: 'customer:location:job',
        runEveryMinutes: 15,
      });
    } finally {
      await context.close();
    }
  }, 180_000);
});
