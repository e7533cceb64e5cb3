import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, LedgerbridgeApi } from '../../../preload/contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../../main/electron/channels';
import { FakeEvent, fake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let api: LedgerbridgeApi;

beforeAll(async () => {
  await import('../../../preload/index');
  api = fake.exposed.get('ledgerbridge') as LedgerbridgeApi;
});
beforeEach(() => {
  fake.ipcRenderer.invoke.mockReset();
});

describe('preload', () => {
  it('exposes exactly window.ledgerbridge with call and onEvent', () => {
    expect([...fake.exposed.keys()]).toEqual(['ledgerbridge']);
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.onEvent).toBe('function');
  });

  it('call invokes the one channel with {method, input} and resolves with the value', async () => {
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [{ id: 'c1' }] });
    await expect(api.call('companies.list', {})).resolves.toEqual([{ id: 'c1' }]);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith(CALL_CHANNEL, {
      method: 'companies.list',
      input: {},
    });
  });

  it('rejects with code, message and problems on an error reply', async () => {
    const error = {
      code: 'validation_failed',
      message: 'name is required',
      problems: [{ field: 'name', message: 'is required' }],
    };
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error });
    await expect(api.call('companies.create', { name: '' })).rejects.toEqual({ name: 'ApiError', ...error });
  });

  it('rejects with the same shape when the main process does not answer', async () => {
    fake.ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'ledgerbridge:call'"));
    await expect(api.call('app.info', {})).rejects.toMatchObject({ name: 'ApiError', code: 'internal' });
  });

  it('onEvent delivers only the event (never the IPC event object) until unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    const event: AppEvent = { type: 'document', documentId: 'd1' };
    fake.ipcRenderer.emit(EVENT_CHANNEL, new FakeEvent(), event);
    expect(listener.mock.calls).toEqual([[event]]);
    unsubscribe();
    fake.ipcRenderer.emit(EVENT_CHANNEL, new FakeEvent(), event);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(fake.ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('bundles to a script that requires nothing but electron (a sandboxed preload can load no more)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['preload/index.ts'],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toContain('zod');
  });
});
