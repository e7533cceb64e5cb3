// What an end-to-end test file of one feature starts with, on top of support.ts: whether it runs (Chromium, and the
// vendor oracle its simulator checks against, or CI, where anything missing fails), a warning saying what is
// missing when it skips, a screenshot folder of its own (startE2e empties the folder it is given), the server and
// browser started and stopped around a describe block's tests with the simulators they talk to (useE2eApp), the app
// opened in a new page (on the Connections page, say), and an invoice PDF captured from the Documents page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  CHROMIUM,
  haveChromium,
  onCi,
  poll,
  root,
  screenshots,
  startE2e,
  WAIT,
  type E2eHarness,
} from './support';

export interface Oracle {
  /** Where it is, for the messages: '../shared/oracles/xero/'. */
  dir: string;
  available(): boolean;
}

export interface E2eSuite {
  /** For describe.skipIf(!runs). */
  runs: boolean;
  /** test-results/e2e/<name>/, emptied of old screenshots by start(). */
  shotsDir: string;
  shot(page: Page, name: string): Promise<void>;
  /** The renderer built, the server and Chromium started (beforeAll, 240 s); fails when the oracle is missing. */
  start(): Promise<E2eHarness>;
  /** Stops what start() started, then closes the simulators given (afterAll). */
  stop(...simulators: (Closable | null | undefined)[]): Promise<void>;
}

/** What a test file starts besides the app and closes after it: a simulator. */
export interface Closable {
  close(): Promise<void>;
}

export function e2eSuite(name: string, title: string, oracle?: Oracle): E2eSuite {
  const shotsDir = path.join(root, 'test-results', 'e2e', name);
  const runs = (haveChromium && (oracle?.available() ?? true)) || onCi;
  if (!runs) {
    console.warn(
      `Skipping the ${title} end-to-end test: it needs Chromium at ${CHROMIUM} (sudo apt-get install -y chromium)` +
        (oracle ? ` and ${oracle.dir} (the simulator checks what it is sent against it).` : '.'),
    );
  }
  let started: E2eHarness | undefined;
  return {
    runs,
    shotsDir,
    shot: screenshots(shotsDir),
    async start() {
      if (oracle && !oracle.available()) throw new Error(`CI=true but ${oracle.dir} is missing.`);
      started = await startE2e(name, shotsDir);
      return started;
    },
    async stop(...simulators) {
      await started?.stop();
      for (const sim of simulators) await sim?.close();
    },
  };
}

export interface E2eApp {
  /** The server and browser of the suite; there once beforeAll has run. */
  readonly e2e: E2eHarness;
}

/** What starts before the app and closes after it, for useE2eApp. */
export interface E2eSimulators {
  /** Starts them (a simulator, its app registered), before the server and Chromium. */
  start(): Promise<void>;
  /** Those to close once the server and Chromium have stopped (null for one never made). */
  started(): (Closable | null | undefined)[];
}

/**
 * Call inside a describe block: before its tests (240 s), the simulators given start, then the suite's server and
 * Chromium; after them (30 s), the server and Chromium stop, then the simulators close. Hooks of the file's own
 * registered after this call run once the app is up.
 */
export function useE2eApp(suite: E2eSuite, simulators?: E2eSimulators): E2eApp {
  let harness: E2eHarness | null = null;
  beforeAll(async () => {
    await simulators?.start();
    harness = await suite.start();
  }, 240_000);
  afterAll(() => suite.stop(...(simulators?.started() ?? [])), 30_000);
  return {
    get e2e() {
      if (!harness) throw new Error('The end-to-end server is not started: use e2e inside a test.');
      return harness;
    },
  };
}

/** Creates the company the test works in through the API; returns its id. */
export async function createCompany(e2e: E2eHarness, name: string, baseCurrency?: string): Promise<string> {
  return (await e2e.api<{ id: string }>('companies.create', { name, baseCurrency })).id;
}

/** A new browser page on the app, for `companyId` when given (else the company it opens on), 1280 × 860 unless told. */
export async function openApp(
  e2e: E2eHarness,
  companyId?: string,
  viewport = { width: 1280, height: 860 },
): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  await page.goto(e2e.info.openUrl);
  if (companyId) await page.getByTestId('company-select').selectOption(companyId);
  return page;
}

/** A new browser page on the app's Connections page, for `companyId` when given (else the company it opens on). */
export async function openConnections(e2e: E2eHarness, companyId?: string): Promise<Page> {
  const page = await openApp(e2e, companyId);
  await page.getByTestId('nav-connections').click();
  return page;
}

/** The first read of a run starts the capture worker: on a loaded machine that alone takes most of a wait. */
export const FIRST_READ = 3 * WAIT;

/**
 * Documents → the invoice PDF `file`, as a bookkeeper adds it; resolves once the capture review shows
 * `invoiceNumber` (`timeout` for the review to open: FIRST_READ for a run's first file).
 */
export async function captureInvoice(
  page: Page,
  file: { name: string; pdf: Uint8Array },
  invoiceNumber: string,
  timeout = WAIT,
): Promise<void> {
  await page.getByTestId('nav-documents').click();
  await page.getByTestId('documents-page').waitFor();
  await page.getByTestId('capture-file').setInputFiles({
    name: file.name,
    mimeType: 'application/pdf',
    buffer: Buffer.from(file.pdf),
  });
  await page.getByTestId('capture-review').waitFor({ timeout });
  await poll(() => page.getByTestId('cap-invoice-number').inputValue()).toBe(invoiceNumber);
}
