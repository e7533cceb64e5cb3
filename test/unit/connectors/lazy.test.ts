// The cloud connectors load on first use (main/connectors/lazy.ts): what a start reads from their descriptors must
// be what the loaded connectors say, and a lazy connector must forward to the one it loads.
import { describe, expect, it } from 'vitest';
import { defaultConnectors } from '../../../main/app.js';
import type { Connector, PushConnector } from '../../../main/connectors/contract.js';
import { lazyConnector, loadConnector, OPTIONAL_CAPABILITIES } from '../../../main/connectors/lazy.js';
import { NetSuiteConnector } from '../../../main/connectors/netsuite/index.js';
import { QuickBooksOnlineConnector } from '../../../main/connectors/quickbooks-online/index.js';
import { XeroConnector } from '../../../main/connectors/xero/index.js';
import type { ConnectionT } from '../../../preload/contract.js';

const connection = { id: 'c1', settings: {} } as unknown as ConnectionT;

describe('lazy connectors', () => {
  it.each([
    ['quickbooks_online', QuickBooksOnlineConnector],
    ['netsuite', NetSuiteConnector],
    ['xero', XeroConnector],
  ] as const)('%s: the descriptor states what the loaded connector does', async (system, Class) => {
    const lazy = defaultConnectors.find((c) => c.system === system)!;
    const real = await loadConnector(lazy);
    expect(real).toBeInstanceOf(Class);
    expect(await loadConnector(lazy)).toBe(real); // one instance, loaded once
    expect(lazy.label).toBe(real.label);
    expect(lazy.settingsSchema).toBe(real.settingsSchema);
    expect(lazy.defaultSettings).toEqual(real.defaultSettings);
    expect(lazy.delivery).toBe(real.delivery);
    // What the API and the renderer ask before sending: the types it has a record for, and whether files go.
    expect(lazy.documentTypes).toEqual(real.documentTypes);
    expect(lazy.takesFiles).toBe(real.takesFiles);
    expect(lazy.listKinds).toEqual(real.listKinds);
    expect(lazy.createsReferenceKinds).toEqual(real.createsReferenceKinds);
    expect(lazy.policy(connection)).toEqual(real.policy(connection));
    const offered = (c: Connector) =>
      OPTIONAL_CAPABILITIES.filter(
        (name) => typeof (c as unknown as Record<string, unknown>)[name] === 'function',
      );
    expect(offered(lazy)).toEqual(offered(real));
  });

  it('forwards calls to the connector it loads, and loads it only when first called', async () => {
    let loads = 0;
    const calls: unknown[][] = [];
    const real = {
      system: 'demo',
      label: 'Demo',
      test: async (...args: unknown[]) => {
        calls.push(args);
        return { ok: true, message: 'fine' };
      },
    } as unknown as PushConnector;
    const lazy = lazyConnector(
      {
        system: 'demo',
        label: 'Demo',
        settingsSchema: undefined!,
        policy: () => ({ concurrency: 1, requestsPerMinute: 60, batchSize: 1 }),
        capabilities: [],
      },
      async () => {
        loads += 1;
        return real;
      },
    );
    expect(loads).toBe(0);
    expect(lazy.importPayments).toBeUndefined();
    const ctx = { connection } as never;
    expect(await lazy.test(ctx)).toEqual({ ok: true, message: 'fine' });
    await lazy.test(ctx);
    expect(loads).toBe(1);
    expect(calls).toEqual([[ctx], [ctx]]);
  });

  it('tries the import again after a failed one', async () => {
    let attempts = 0;
    const lazy = lazyConnector(
      {
        system: 'flaky',
        label: 'Flaky',
        settingsSchema: undefined!,
        policy: () => ({ concurrency: 1, requestsPerMinute: 60, batchSize: 1 }),
        capabilities: [],
      },
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('file missing mid-update');
        return { test: async () => ({ ok: true, message: 'loaded' }) } as unknown as PushConnector;
      },
    );
    await expect(lazy.test({} as never)).rejects.toThrow('file missing mid-update');
    expect(await lazy.test({} as never)).toEqual({ ok: true, message: 'loaded' });
  });
});
