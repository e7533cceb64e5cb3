import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeEvent, FakeWebContents, fake, resetFakeElectron } from './fake-electron';
import {
  CONTENT_SECURITY_POLICY,
  applySessionSecurity,
  hardenWebContents,
  isSafeExternalLink,
} from '../../../main/electron/security';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

beforeEach(resetFakeElectron);

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

describe('the Content-Security-Policy', () => {
  it('allows only our own origin for scripts, connections and everything by default', () => {
    const csp = directives(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('style-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
  });

  it('is set on every response by the session, replacing any policy the response brought', () => {
    applySessionSecurity(fake.session as unknown as Session);
    const listener = fake.session.headersListener!;
    const callback = vi.fn();
    listener(
      {
        url: 'https://example.com/',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
      },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });
});

describe('permissions', () => {
  it('denies every permission request and check', () => {
    applySessionSecurity(fake.session as unknown as Session);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      fake.session.permissionRequestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.session.permissionCheckHandler!({}, permission)).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  function harden(): FakeWebContents {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
    return contents;
  }

  it('blocks navigation away from the app and sends https links to the system browser', () => {
    const contents = harden();
    const away = new FakeEvent();
    contents.emit('will-navigate', away, 'https://intuit.com/help');
    expect(away.defaultPrevented).toBe(true);
    expect(fake.openExternal).toHaveBeenCalledWith('https://intuit.com/help');

    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://ledgerbridge.evil/',
    ]) {
      const event = new FakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
  });

  it('lets the app navigate within its own origin', () => {
    const contents = harden();
    const event = new FakeEvent();
    contents.emit('will-navigate', event, 'app://ledgerbridge/index.html#/documents');
    expect(event.defaultPrevented).toBe(false);
  });

  it('blocks redirects away from the app', () => {
    const contents = harden();
    const event = new FakeEvent();
    contents.emit('will-redirect', event, 'https://evil.example/');
    expect(event.defaultPrevented).toBe(true);
    expect(fake.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window; only https opens, in the system browser', () => {
    const contents = harden();
    expect(contents.windowOpenHandler!({ url: 'https://xero.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'http://xero.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://ledgerbridge/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(fake.openExternal.mock.calls).toEqual([['https://xero.com/']]);
  });

  it('refuses to attach a <webview>', () => {
    const contents = harden();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('isSafeExternalLink accepts https only, without credentials', () => {
    expect(isSafeExternalLink('https://example.com/a?b')).toBe(true);
    expect(isSafeExternalLink('https://user:pw@example.com/')).toBe(false);
    expect(isSafeExternalLink('http://example.com/')).toBe(false);
    expect(isSafeExternalLink('not a url')).toBe(false);
  });
});
