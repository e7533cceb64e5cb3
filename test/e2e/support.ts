// What every end-to-end test shares: Debian's Chromium, the built renderer, the headless server started as a
// bookkeeper starts it with `npm run serve` (the bundled server-cli with a data folder), screenshots a person can
// look at, and waits generous enough for a loaded CI machine.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureServerBundle } from '../fixtures/server-bundle.js';

export const root = path.resolve(import.meta.dirname, '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
export const onCi = process.env.CI === 'true';
export const WAIT = 30_000;
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Builds the UI as `npm run serve` does: only when its sources changed since the last build (the stamp in
 * dist/renderer, scripts/build-lib.mjs; `npm run build` leaves it current, so CI builds nothing here). Concurrent
 * test files wait for one another's build.
 */
export function ensureRendererBuilt(): void {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'build-renderer.mjs'), '--if-changed'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) {
    throw new Error(
      `The UI could not be built (node scripts/build-renderer.mjs, exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

/** What server-cli writes to <data dir>/server.json. */
export interface ServerInfo {
  url: string;
  token: string;
  openUrl: string;
  qbwcUrl: string;
}

/**
 * Starts the headless server on a free port as `npm run serve` does: the bundle (dist/main/server/server-cli.cjs,
 * built first when its sources changed), so the browser tests hold the bundle to the same behaviour as the
 * sources. Resolves once it has printed its last start-up line.
 */
export async function startServer(dataDir: string): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = spawn(process.execPath, [ensureServerBundle(), '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      // server-cli prints the listening line, then the Web Connector endpoint, after writing server.json.
      if (
        /Ledgerbridge listening on http:\/\/127\.0\.0\.1:\d+/.test(output) &&
        output.includes('QuickBooks Web Connector endpoint:')
      ) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const info = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as ServerInfo;
  return { child, info };
}

/**
 * A screenshot function writing <dir>/<prefix><name>.png. The app scrolls inside its content pane, not the
 * document, so the viewport is made as tall as that pane's content for the shot and put back afterwards.
 */
export function screenshots(dir: string, prefix = ''): (page: Page, name: string) => Promise<void> {
  return async (page, name) => {
    const viewport = page.viewportSize() ?? { width: 1280, height: 860 };
    const height = await page.evaluate(() =>
      Math.max(document.documentElement.scrollHeight, document.querySelector('.content')?.scrollHeight ?? 0),
    );
    if (height > viewport.height) await page.setViewportSize({ width: viewport.width, height });
    try {
      await page.screenshot({ path: path.join(dir, `${prefix}${name}.png`), fullPage: true });
    } finally {
      if (height > viewport.height) await page.setViewportSize(viewport);
    }
  };
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the locator's text (whitespace collapsed) equals `expected`, or matches it when a RegExp. */
export async function expectText(locator: Locator, expected: string | RegExp): Promise<void> {
  await locator.first().waitFor({ timeout: WAIT });
  await expect
    .poll(async () => ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim(), {
      timeout: WAIT,
      interval: 100,
    })
    .toMatch(typeof expected === 'string' ? new RegExp(`^${escapeRegExp(expected)}$`) : expected);
}

/** expect.poll with the generous wait (its own default is one second). */
/**
 * Submits and approves the document open on the page, through the confirm dialog when there is one.
 * `whilePending` runs once it shows "Pending approval" (a screenshot, say).
 */
export async function submitAndApprove(page: Page, whilePending?: () => Promise<void>): Promise<void> {
  await page.getByTestId('action-submit').click();
  await expectText(page.getByTestId('document-status'), 'Pending approval');
  await whilePending?.();
  await page.getByTestId('action-approve').click();
  const dialog = page.getByTestId('confirm-dialog');
  const approved = page.locator('[data-testid="document-view"][data-status="approved"]');
  await dialog.or(approved).first().waitFor();
  if (await dialog.isVisible()) await page.getByTestId('confirm-action').click();
  await approved.waitFor();
}

export function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: WAIT, interval: 100 });
}

/** Sends a request to the headless server's HTTP API as the renderer would; a refused call throws its message. */
export async function callApi<T>(info: ServerInfo, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${info.url}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${body.error?.message ?? res.status}`);
  return body;
}

export interface E2eHarness {
  info: ServerInfo;
  /** The server's data folder (removed by stop()). */
  dataDir: string;
  browser: Browser;
  api<T>(method: string, input: unknown): Promise<T>;
  /** Closes the browser, stops the server (SIGTERM, then SIGKILL after 10 s) and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * The renderer built, a headless server on a fresh data folder, and Chromium: what a browser test's beforeAll
 * needs (give it 240 s). `shotsDir` is emptied of old screenshots.
 */
export async function startE2e(name: string, shotsDir: string): Promise<E2eHarness> {
  if (!haveChromium) throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}.`);
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const old of fs.readdirSync(shotsDir)) if (old.endsWith('.png')) fs.rmSync(path.join(shotsDir, old));
  ensureRendererBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ledgerbridge-e2e-${name}-`));
  const { child, info } = await startServer(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    info,
    dataDir,
    browser,
    api: (method, input) => callApi(info, method, input),
    async stop() {
      await browser.close();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Types into a picker (found by its accessible name, e.g. "Item for line 1") and takes the highlighted entry with
 * Enter, as a bookkeeper does; `expected` is the entry offered first.
 */
export async function pick(page: Page, name: string, typed: string, expected: string): Promise<void> {
  const input = page.getByRole('combobox', { name, exact: true });
  await input.click();
  await input.fill(typed);
  const listbox = page.getByRole('listbox', { name, exact: true });
  await listbox.waitFor();
  await expectText(listbox.getByRole('option').first().getByTestId('option-name'), expected);
  await input.press('Enter');
  await poll(() => input.inputValue()).toBe(expected);
}
