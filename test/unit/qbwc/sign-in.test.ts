// Web Connector sign-in under guessing: per user name, a few free wrong passwords, then waits that double up to a
// cap during which attempts are refused unchecked; kept across restarts; one log entry per streak; a known and
// an unknown user name cost the same keychain reads and compares. Time is the test's own clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebConnectorService } from '../../../main/connectors/quickbooks-desktop/qbwc/service.js';
import {
  FIRST_WAIT_MS,
  FORGET_AFTER_MS,
  FREE_FAILURES,
  MAX_WAIT_MS,
  SignInThrottle,
  waitAfter,
} from '../../../main/connectors/quickbooks-desktop/qbwc/sign-in-throttle.js';
import { openDatabase } from '../../../main/db/database.js';
import { insertConnection } from '../../../main/db/repos/connections.js';
import { FakeExchange } from '../../integration/qbwc/fake-exchange.js';

const USER = 'qbwc-user';
const GOOD = 'a good password';

let dir: string;
let db: Database;
let connectionId: string;
let clock: { now: Date; advance(ms: number): void };
let reads: string[];
let logged: { connectionId: string; result: string; message: string; detail?: string | null }[];
const secrets = {
  get: async (id: string, name: string) => {
    reads.push(`${id}/${name}`);
    return GOOD;
  },
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-qbwc-sign-in-'));
  db = openDatabase(dir);
  db.prepare(
    `INSERT INTO companies (id, name, base_currency, created_at) VALUES ('c1', 'Northwind', 'USD', ?)`,
  ).run(new Date().toISOString());
  connectionId = insertConnection(db, {
    companyId: 'c1',
    system: 'quickbooks_desktop',
    name: 'QuickBooks',
    settings: { username: USER },
  }).id;
  clock = {
    now: new Date('2026-03-02T09:00:00Z'),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  reads = [];
  logged = [];
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function service() {
  return createWebConnectorService({
    db,
    secrets,
    exchange: new FakeExchange(5),
    version: '1.0.0',
    now: () => clock.now,
    refusalFloorMs: 0,
    log: (entry) => logged.push(entry),
  });
}

describe('the wait after wrong passwords', () => {
  it('is free for the first few, then doubles from one second up to the cap', () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, i) => waitAfter(i + 1))).toEqual(
      Array(FREE_FAILURES).fill(0),
    );
    const waits = Array.from({ length: 14 }, (_, i) => waitAfter(FREE_FAILURES + 1 + i));
    expect(waits.slice(0, 4)).toEqual([
      FIRST_WAIT_MS,
      2 * FIRST_WAIT_MS,
      4 * FIRST_WAIT_MS,
      8 * FIRST_WAIT_MS,
    ]);
    for (let i = 1; i < waits.length; i += 1) {
      expect(waits[i]).toBe(Math.min(MAX_WAIT_MS, 2 * waits[i - 1]!));
    }
    expect(waits.at(-1)).toBe(MAX_WAIT_MS);
    expect(waitAfter(10_000)).toBe(MAX_WAIT_MS);
  });
});

describe('Web Connector sign-in', () => {
  it('refuses attempts unchecked while a user name waits, and lets the right password in after the wait', async () => {
    const wc = service();
    for (let i = 0; i < FREE_FAILURES; i += 1) {
      expect(await wc.authenticate(USER, `wrong ${i}`)).toEqual(['', 'nvu', '', '']);
    }
    // Free failures cost no wait: the right password is let in at once after them...
    const [ticket, status] = await wc.authenticate(USER, GOOD);
    expect(status).toBe('');
    expect(ticket).not.toBe('');
    wc.closeConnection(ticket);

    // ...and the success ended the streak, so three more are free again; the fourth starts the waits.
    for (let i = 0; i <= FREE_FAILURES; i += 1) await wc.authenticate(USER, `wrong again ${i}`);
    reads.length = 0;
    expect(await wc.authenticate(USER, GOOD)).toEqual(['', 'nvu', '', '']);
    expect(reads).toEqual([]); // not even read from the keychain
    clock.advance(FIRST_WAIT_MS - 1);
    expect(await wc.authenticate(USER, GOOD)).toEqual(['', 'nvu', '', '']);
    clock.advance(1);
    const [next, nextStatus] = await wc.authenticate(USER, GOOD);
    expect(nextStatus).toBe('');
    expect(next).not.toBe('');
  });

  it('doubles the wait with each failure after it, up to the cap, and a restart keeps it', async () => {
    let wc = service();
    for (let i = 0; i < FREE_FAILURES; i += 1) await wc.authenticate(USER, 'wrong');
    const waits: number[] = [];
    for (let failure = FREE_FAILURES + 1; failure <= FREE_FAILURES + 14; failure += 1) {
      await wc.authenticate(USER, 'wrong');
      // Find the wait by probing just before and at its end with the right password.
      const wait = waitAfter(failure);
      clock.advance(wait - 1);
      expect((await wc.authenticate(USER, GOOD))[1]).toBe('nvu');
      if (failure === FREE_FAILURES + 6) wc = service(); // the app restarts in the middle of a wait
      clock.advance(1);
      waits.push(wait);
    }
    expect(waits.slice(0, 3)).toEqual([1_000, 2_000, 4_000]);
    expect(waits.at(-1)).toBe(MAX_WAIT_MS);
    const throttle = new SignInThrottle(db, () => clock.now);
    expect(throttle.streak(USER)?.failures).toBe(FREE_FAILURES + 14);
    expect((await wc.authenticate(USER, GOOD))[1]).toBe('');
    expect(throttle.streak(USER)).toBeNull();
  });

  it('writes one log entry and one session record per streak, however many attempts', async () => {
    const wc = service();
    for (let i = 0; i < 40; i += 1) {
      await wc.authenticate(USER, 'wrong');
      clock.advance(MAX_WAIT_MS);
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ connectionId, result: 'failure' });
    expect(logged[0]?.message).toMatch(/set the password again/);
    expect(logged[0]?.detail).toMatch(/not logged until a sign-in succeeds/);
    const sessions = wc.repo.list(connectionId, 50);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.outcome).toBe('refused');
    expect(sessions[0]?.problems[0]?.message).toMatch(
      /40 wrong passwords in a row; the next attempt is checked after 15 minutes/,
    );

    // A success ends the streak; the next failure starts a new one, logged once.
    const [ticket] = await wc.authenticate(USER, GOOD);
    wc.closeConnection(ticket);
    await wc.authenticate(USER, 'wrong');
    await wc.authenticate(USER, 'wrong');
    expect(logged.filter((e) => e.result === 'failure')).toHaveLength(2);
  });

  it('does the same keychain reads and compares for a known and an unknown user name', async () => {
    const wc = service();
    await wc.authenticate(USER, 'wrong');
    const known = reads.splice(0);
    await wc.authenticate('nobody-by-that-name', 'wrong');
    const unknown = reads.splice(0);
    expect(known).toHaveLength(1);
    expect(unknown).toHaveLength(known.length);
    // Unknown names wait the same way, so the wait says nothing about whether a name exists.
    for (const name of [USER, 'nobody-by-that-name']) {
      for (let i = 0; i < FREE_FAILURES + 1; i += 1) await wc.authenticate(name, 'wrong');
    }
    reads.length = 0;
    await wc.authenticate(USER, GOOD);
    await wc.authenticate('nobody-by-that-name', GOOD);
    expect(reads).toEqual([]);
    // No record or log entry names the unknown user.
    expect(JSON.stringify(logged)).not.toContain('nobody-by-that-name');
  });

  it('forgets a streak after a day without failures, and keeps no user name in clear', async () => {
    const wc = service();
    for (let i = 0; i < FREE_FAILURES + 3; i += 1) await wc.authenticate('guess-1', 'wrong');
    const rows = db.prepare(`SELECT * FROM qbwc_sign_in_failures`).all();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('guess-1');
    clock.advance(FORGET_AFTER_MS + 1);
    const throttle = new SignInThrottle(db, () => clock.now);
    expect(throttle.streak('guess-1')).toBeNull();
    // The next failure of another name clears out the forgotten rows.
    await wc.authenticate('guess-2', 'wrong');
    expect(db.prepare(`SELECT COUNT(*) AS n FROM qbwc_sign_in_failures`).get()).toEqual({ n: 1 });
  });
});
