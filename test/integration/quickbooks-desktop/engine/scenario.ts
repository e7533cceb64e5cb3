// What the engine tests (and the job-costing invoice tests) set up again and again: an engine harness per test,
// closed after it; QuickBooks and the app both knowing the supplier Acme Supplies, with the first session run; and
// QuickBooks whose answer to one request is lost after it applied it.
import { afterEach } from 'vitest';
import { HresultFault, runSession, startEngine, type EngineHarness, type QuickBooksLike } from './harness.js';
import type { Qb } from './qb.js';

/**
 * Starts engine harnesses for a test and closes them after it (call once, at the top of the file); one the test
 * closed itself is not closed again.
 */
export function enginePerTest(): typeof startEngine {
  const open = new Set<EngineHarness>();
  afterEach(async () => {
    for (const h of open) await h.close();
    open.clear();
  });
  return async (settings, engineOptions) => {
    const h = await startEngine(settings, engineOptions);
    const close = h.close.bind(h);
    h.close = async () => {
      open.delete(h);
      await close();
    };
    open.add(h);
    return h;
  };
}

/**
 * The vendor Acme Supplies and the item Job Materials in QuickBooks, the supplier Acme Supplies here, and the first
 * session (host, lists, matching by name) run. Returns Acme's supplier id.
 */
export async function withAcme(h: EngineHarness, qb: Qb): Promise<string> {
  qb.sim.addVendor('Acme Supplies');
  qb.sim.addItem('Purchases', 'ItemNonInventory', 'Job Materials');
  const acme = await h.supplier('Acme Supplies');
  runSession(h, qb);
  return acme;
}

/**
 * QuickBooks that applies the first message holding `marker` (e.g. '<InvoiceAddRq') but whose answer never reaches
 * the Web Connector; `lost` says whether that has happened.
 */
export function answerLostOnce(
  qb: QuickBooksLike,
  marker: string,
): QuickBooksLike & { readonly lost: boolean } {
  let lost = false;
  return {
    get lost() {
      return lost;
    },
    hostResponse: () => qb.hostResponse(),
    handle(xml: string) {
      const answer = qb.handle(xml);
      if (!lost && xml.includes(marker)) {
        lost = true;
        throw new HresultFault('0x80040402', 'The answer from QuickBooks never reached the Web Connector.');
      }
      return answer;
    },
  };
}

/** The ListIDs of each fetch by ListID of a list in these messages (one array per request). */
export function fetched(
  messages: readonly string[],
  list: 'Vendor' | 'Customer' | 'Item' | 'Account',
): string[][] {
  const out: string[][] = [];
  const request = new RegExp(`<${list}QueryRq[^>]*>([\\s\\S]*?)</${list}QueryRq>`, 'g');
  for (const message of messages) {
    for (const m of message.matchAll(request)) {
      const ids = [...m[1]!.matchAll(/<ListID>([^<]+)<\/ListID>/g)].map((x) => x[1]!);
      if (ids.length > 0) out.push(ids);
    }
  }
  return out;
}
