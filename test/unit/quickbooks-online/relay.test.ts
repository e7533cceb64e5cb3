// The https relay page (docs/relay/) forwards Intuit's answer to the loopback listener named in `state`, and
// refuses anything that does not look like a sign-in Ledgerbridge started.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const script = fs.readFileSync(path.resolve(__dirname, '../../../docs/relay/relay.js'), 'utf8');

function run(search: string) {
  const elements: Record<string, { textContent: string; href: string; hidden: boolean }> = {};
  const element = (id: string) => (elements[id] ??= { textContent: '', href: '', hidden: true });
  let replacedWith: string | null = null;
  let historyCleared = false;
  const window = {
    location: { search: search, pathname: '/relay/', replace: (url: string) => (replacedWith = url) },
    history: { replaceState: () => (historyCleared = true) },
  };
  vm.runInNewContext(script, { window, document: { getElementById: element }, URL, URLSearchParams });
  return { replacedWith: replacedWith as string | null, historyCleared, title: element('title').textContent };
}

describe('the relay page', () => {
  it('forwards code, realmId and the random part of state to the loopback port', () => {
    const result = run('?code=AB11xyz&state=53123.abcdefghijklmnopqrstuv&realmId=9130000000000001');
    const target = new URL(result.replacedWith!);
    expect(target.origin).toBe('http://127.0.0.1:53123');
    expect(target.pathname).toBe('/callback');
    expect(Object.fromEntries(target.searchParams)).toEqual({
      state: 'abcdefghijklmnopqrstuv',
      code: 'AB11xyz',
      realmId: '9130000000000001',
    });
    expect(result.historyCleared).toBe(true);
  });
  it('forwards a refusal too, so the app can say so', () => {
    const target = new URL(run('?error=access_denied&state=53123.abcdefghijklmnopqrstuv').replacedWith!);
    expect(target.searchParams.get('error')).toBe('access_denied');
  });
  it('goes nowhere without a state Ledgerbridge made', () => {
    for (const search of [
      '?code=x',
      '?code=x&state=evil.com.abcdefghijklmnopqrstuv',
      '?code=x&state=80.abcdefghijklmnopqrstuv',
    ]) {
      const result = run(search);
      expect(result.replacedWith).toBeNull();
      expect(result.title).toContain('could not be handed');
    }
  });
});
