import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { contract, methodNames, type AppEvent } from '../../../preload/contract';
import { AppError, isAppError, validationFailed } from '../../../main/domain/errors';
import { secretRedactor } from '../../../main/secrets/secret-redactor';
import { CALL_CHANNEL, EVENT_CHANNEL, type CallReply } from '../../../main/electron/channels';
import { forwardEvents, registerIpc, type ToApiError } from '../../../main/electron/ipc';
import { FakeWebContents, fake, ipcEvent, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const APP_PAGE = 'app://ledgerbridge/index.html';

// Mirrors main/api/errors.ts: AppErrors keep their code, anything else becomes 'internal'.
const toApiError: ToApiError = (error) =>
  isAppError(error)
    ? {
        status: 400,
        body: {
          code: error.code,
          message: error.userMessage,
          ...(error.problems.length ? { problems: error.problems } : {}),
        },
      }
    : { status: 500, body: { code: 'internal', message: 'Something went wrong.' } };

/** A core that validates like createApp's call does, and answers with the method name. */
function fakeCore() {
  return {
    call: vi.fn(async (method: string, input: unknown) => {
      const schema = contract[method as keyof typeof contract].input;
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        throw validationFailed(
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        );
      }
      return { answeredBy: method };
    }),
  };
}

function invoke(event: unknown, request: unknown): Promise<CallReply> {
  const handler = fake.ipcMain.handlers.get(CALL_CHANNEL);
  if (!handler) throw new Error('no handler');
  return handler(event, request) as Promise<CallReply>;
}

beforeEach(resetFakeElectron);

describe('registerIpc', () => {
  it('serves every contract method on the one call channel', async () => {
    const core = fakeCore();
    core.call.mockImplementation(async (method: string) => ({ answeredBy: method }));
    registerIpc({ core, toApiError });
    expect([...fake.ipcMain.handlers.keys()]).toEqual([CALL_CHANNEL]);
    expect(methodNames.length).toBeGreaterThan(20);
    for (const method of methodNames) {
      const reply = await invoke(ipcEvent(APP_PAGE), { method, input: { any: 'thing' } });
      expect(reply).toEqual({ ok: true, value: { answeredBy: method } });
      expect(core.call).toHaveBeenLastCalledWith(method, { any: 'thing' });
    }
    expect(core.call).toHaveBeenCalledTimes(methodNames.length);
  });

  it.each([
    ['another origin', ipcEvent('https://evil.example/')],
    ['a look-alike host', ipcEvent('app://ledgerbridge.evil/index.html')],
    ['a file:// page', ipcEvent('file:///C:/Users/me/Downloads/page.html')],
    ['a sub-frame of our page', ipcEvent(APP_PAGE, { url: APP_PAGE })],
    ['a destroyed frame', ipcEvent(null)],
    ['an unparsable URL', ipcEvent('not a url')],
  ])('refuses a call from %s without reaching the core', async (_name, event) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const core = fakeCore();
    registerIpc({ core, toApiError });
    const reply = await invoke(event, { method: 'companies.list', input: {} });
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(core.call).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('refuses unknown methods, including inherited property names', async () => {
    const core = fakeCore();
    registerIpc({ core, toApiError });
    for (const request of [
      { method: 'toString' },
      { method: '__proto__' },
      { method: 42 },
      null,
      'companies.list',
    ]) {
      const reply = await invoke(ipcEvent(APP_PAGE), request);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid_input');
    }
    expect(core.call).not.toHaveBeenCalled();
  });

  it('returns invalid input as the ApiError shape, with field problems and no stack', async () => {
    registerIpc({ core: fakeCore(), toApiError });
    const reply = await invoke(ipcEvent(APP_PAGE), { method: 'companies.create', input: { name: '' } });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(Object.keys(reply.error).sort()).toEqual(['code', 'message', 'problems']);
    expect(reply.error.code).toBe('validation_failed');
    expect(reply.error.problems).toEqual([{ field: 'name', message: expect.any(String) }]);
    expect(JSON.stringify(reply)).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('keeps only code, message and problems of whatever the error converter returns', async () => {
    const leaky = (() => ({
      status: 500,
      body: { code: 'internal', message: 'Boom', stack: 'Error: Boom\n    at x.ts:1:1', detail: 'token=abc' },
    })) as unknown as ToApiError;
    const core = { call: vi.fn().mockRejectedValue(new Error('Boom')) };
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerIpc({ core, toApiError: leaky });
    const reply = await invoke(ipcEvent(APP_PAGE), { method: 'companies.list', input: {} });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'Boom' } });
    consoleError.mockRestore();
  });

  it('prints a redacted summary of an internal failure, never the error object', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.ipc-never-registered.sig';
    const registered = 'ipc-registered-secret-7f6e5d4c';
    secretRedactor.add(registered);
    const failure = Object.assign(new Error(`refresh failed: Bearer ${token} (${registered})`), {
      request: { headers: { authorization: `Bearer ${token}` } },
    });
    const core = { call: vi.fn().mockRejectedValue(failure) };
    const printed: string[] = [];
    const consoleError = vi
      .spyOn(console, 'error')
      .mockImplementation(
        (...args: unknown[]) =>
          void printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')),
      );
    registerIpc({ core, toApiError });
    const reply = await invoke(ipcEvent(APP_PAGE), { method: 'companies.list', input: {} });
    consoleError.mockRestore();
    expect(reply.ok).toBe(false);
    const text = printed.join('\n');
    expect(text).toContain('API call companies.list failed: Error: refresh failed: Bearer [redacted]');
    expect(text).not.toContain(token);
    expect(text).not.toContain(registered);
    expect(text).not.toContain('headers');
  });

  it('falls back to a generic internal error if the converter itself fails', async () => {
    const core = { call: vi.fn().mockRejectedValue(new AppError('conflict', 'Changed elsewhere.')) };
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerIpc({
      core,
      toApiError: () => {
        throw new Error('converter broke');
      },
    });
    const reply = await invoke(ipcEvent(APP_PAGE), { method: 'companies.list', input: {} });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(reply)).not.toContain('converter broke');
    consoleError.mockRestore();
  });

  it('passes successful results to afterCall', async () => {
    const afterCall = vi.fn();
    registerIpc({ core: fakeCore(), toApiError, afterCall });
    await invoke(ipcEvent(APP_PAGE), { method: 'connections.connect', input: { id: 'c1' } });
    expect(afterCall).toHaveBeenCalledWith('connections.connect', { answeredBy: 'connections.connect' });
  });

  it('returns a function that removes the handler', () => {
    const remove = registerIpc({ core: fakeCore(), toApiError });
    remove();
    expect(fake.ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  const event: AppEvent = { type: 'document', documentId: 'd1' };

  function emitter() {
    const listeners = new Set<(e: AppEvent) => void>();
    return {
      onEvent: (listener: (e: AppEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit: (e: AppEvent) => listeners.forEach((l) => l(e)),
      listeners,
    };
  }

  it("sends the core's events to the page on ledgerbridge:event", () => {
    const core = emitter();
    const contents = new FakeWebContents();
    forwardEvents(core, () => contents as unknown as WebContents);
    core.emit(event);
    expect(contents.sent).toEqual([[EVENT_CHANNEL, event]]);
  });

  it('skips a missing or destroyed page, and stops when unsubscribed', () => {
    const core = emitter();
    const contents = new FakeWebContents();
    let target: FakeWebContents | null = null;
    const stop = forwardEvents(core, () => target as unknown as WebContents);
    core.emit(event);
    target = contents;
    contents.destroyed = true;
    core.emit(event);
    expect(contents.sent).toEqual([]);
    stop();
    expect(core.listeners.size).toBe(0);
  });
});
