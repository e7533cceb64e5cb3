import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../main/domain/errors';
import {
  isAllowedAuthorizeUrl,
  openAuthorizeUrl,
  openAuthorizeUrlFromResult,
} from '../../../main/electron/oauth-browser';
import { fake, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

beforeEach(resetFakeElectron);

describe('opening the sign-in page', () => {
  it.each([
    'https://appcenter.intuit.com/connect/oauth2?client_id=x&state=y',
    'https://login.xero.com/identity/connect/authorize?code_challenge=z',
    'http://127.0.0.1:53682/authorize',
    'http://localhost:8888/authorize',
    'http://[::1]:8080/authorize',
  ])('allows %s', (url) => {
    expect(isAllowedAuthorizeUrl(url)).toBe(true);
  });

  it.each([
    'http://appcenter.intuit.com/connect',
    'http://127.0.0.1.evil.example/',
    'http://localhost.evil.example/',
    'https://user:pass@example.com/',
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'ms-settings:',
    '\\\\server\\share\\x.exe',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedAuthorizeUrl(url)).toBe(false);
  });

  it('opens an allowed URL in the system browser', async () => {
    await openAuthorizeUrl('https://login.xero.com/authorize');
    expect(fake.openExternal).toHaveBeenCalledWith('https://login.xero.com/authorize');
  });

  it('rejects a refused URL with a forbidden AppError and opens nothing', async () => {
    await expect(openAuthorizeUrl('file:///etc/passwd')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(openAuthorizeUrl('file:///etc/passwd')).rejects.toBeInstanceOf(AppError);
    expect(fake.openExternal).not.toHaveBeenCalled();
  });

  it('opens the authorizeUrl returned by connections.connect, and nothing else', async () => {
    openAuthorizeUrlFromResult('connections.connect', {
      connection: {},
      authorizeUrl: 'https://a.example/x',
    });
    openAuthorizeUrlFromResult('connections.connect', { connection: {}, authorizeUrl: null });
    openAuthorizeUrlFromResult('connections.test', { authorizeUrl: 'https://b.example/x' });
    await Promise.resolve();
    expect(fake.openExternal.mock.calls).toEqual([['https://a.example/x']]);
  });
});
