// Token-based authentication signatures, checked against base strings written out by hand from RFC 5849 §3.4.1
// (not produced by any library): the RFC's own example, and NetSuite's two traps — the '!' of a transform path
// (signed as %21) and a query parameter on an upsert — with the realm in upper case and HMAC-SHA256.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tbaHeader } from '../../../main/connectors/netsuite/auth.js';
import { accountHost, netSuiteSettingsOf, realmOf } from '../../../main/connectors/netsuite/settings.js';
import { parseOAuthHeader, signatureBaseString } from '../../simulators/netsuite/simulator.js';

const credentials = {
  consumerKey: 'ck-123',
  consumerSecret: 'cs!secret',
  tokenId: 'tk-456',
  tokenSecret: 'ts&secret',
};
const fixed = { nonce: 'n0nce', timestamp: 1700000000 };
// The signing key: consumer secret & token secret, each percent-encoded ('!' → %21, '&' → %26).
const key = 'cs%21secret&ts%26secret';
const hmac = (base: string) => createHmac('sha256', key).update(base).digest('base64');

describe('NetSuite token-based authentication', () => {
  it('builds RFC 5849 §3.4.1.1 example base string exactly', () => {
    const base = signatureBaseString(
      'POST',
      new URL('http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b'),
      {
        oauth_consumer_key: '9djdj82h48djs9d2',
        oauth_token: 'kkk9d7dh3k39sjv7',
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: '137131201',
        oauth_nonce: '7d8f3e4a',
        realm: 'Example',
      },
      'c2&a3=2+q',
    );
    expect(base).toBe(
      'POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7',
    );
  });

  it('signs a transform path with the ! encoded, realm in upper case, host in lower case with -', () => {
    const settings = netSuiteSettingsOf({ accountId: '1234567_sb1' });
    expect(settings.apiBaseUrl).toBe('https://1234567-sb1.suitetalk.api.netsuite.com');
    expect(accountHost('1234567_SB1')).toBe('1234567-sb1');
    expect(realmOf('1234567_sb1')).toBe('1234567_SB1');
    const url = `${settings.apiBaseUrl}/services/rest/record/v1/purchaseOrder/42/!transform/vendorBill`;
    const header = tbaHeader(credentials, '1234567_sb1', 'POST', url, fixed);
    const base =
      'POST&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2FpurchaseOrder%2F42%2F%21transform%2FvendorBill&oauth_consumer_key%3Dck-123%26oauth_nonce%3Dn0nce%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk-456%26oauth_version%3D1.0';
    const params = parseOAuthHeader(header)!;
    expect(params.realm).toBe('1234567_SB1');
    expect(params.oauth_signature_method).toBe('HMAC-SHA256');
    expect(params.oauth_signature).toBe(hmac(base));
    // The simulator's own RFC 5849 code agrees with the hand-written base string.
    expect(signatureBaseString('POST', new URL(url), params)).toBe(base);
    // A signer that left '!' unencoded would produce another signature, which NetSuite refuses.
    expect(params.oauth_signature).not.toBe(hmac(base.replace('%21transform', '!transform')));
  });

  it('signs query parameters of an upsert once-decoded, as RFC 5849 §3.4.1.3 asks', () => {
    const url = new URL(
      'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/purchaseOrder/eid:lb-1',
    );
    url.searchParams.set('replace', 'item,expense');
    const header = tbaHeader(credentials, '1234567_SB1', 'PUT', url.toString(), fixed);
    const base =
      'PUT&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2FpurchaseOrder%2Feid%3Alb-1&oauth_consumer_key%3Dck-123%26oauth_nonce%3Dn0nce%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_token%3Dtk-456%26oauth_version%3D1.0%26replace%3Ditem%252Cexpense';
    expect(parseOAuthHeader(header)!.oauth_signature).toBe(hmac(base));
  });
});
