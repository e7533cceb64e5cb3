// NetSuite's two ways in for an unattended integration:
// - token-based authentication (OAuth 1.0a, HMAC-SHA256): every request signed with consumer and token secrets;
//   realm = account id in upper case; oauth-1.0a percent-encodes per RFC 5849, so the '!' of '/!transform/' is
//   signed as %21 (a plain encodeURIComponent signer gets 401 INVALID_LOGIN);
// - OAuth 2.0 client credentials: a JWT assertion (PS256 or ES256, kid = certificate id) signed with the key of the
//   certificate the user uploaded, exchanged for a 60-minute access token. No refresh token: a new one is minted, one
//   exchange at a time per connection (single flight).
import { createHmac, randomBytes } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import OAuth from 'oauth-1.0a';
import { z } from 'zod';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { realmOf } from './settings.js';
import { AccessTokens, type MintedToken } from '../http/access-tokens.js';

export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** The Authorization header of one TBA request. `fixed` pins nonce and timestamp (tests only). */
export function tbaHeader(
  credentials: TbaCredentials,
  accountId: string,
  method: string,
  url: string,
  fixed?: { nonce: string; timestamp: number },
): string {
  const oauth = new OAuth({
    consumer: { key: credentials.consumerKey, secret: credentials.consumerSecret },
    signature_method: 'HMAC-SHA256',
    realm: realmOf(accountId),
    hash_function: (base, key) => createHmac('sha256', key).update(base).digest('base64'),
  });
  if (fixed) {
    oauth.getNonce = () => fixed.nonce;
    oauth.getTimeStamp = () => fixed.timestamp;
  } else {
    oauth.getNonce = () => randomBytes(16).toString('hex');
  }
  const data = oauth.authorize(
    { url, method },
    { key: credentials.tokenId, secret: credentials.tokenSecret },
  );
  return oauth.toHeader(data).Authorization;
}

export async function tbaCredentials(ctx: ConnectorContext): Promise<TbaCredentials> {
  const names = ['consumerKey', 'consumerSecret', 'tokenId', 'tokenSecret'] as const;
  const values = await Promise.all(names.map((n) => ctx.secrets.get(n)));
  const missing = names.filter((_, i) => !values[i]);
  if (missing.length > 0) {
    throw new ConnectorError(
      'auth',
      `The NetSuite connection lacks its ${missing.join(', ')}. Enter the consumer key and secret of the integration record and the token id and secret of the access token (Setup → Users/Roles → Access Tokens), then connect again.`,
    );
  }
  const [consumerKey, consumerSecret, tokenId, tokenSecret] = values as string[];
  return {
    consumerKey: consumerKey!,
    consumerSecret: consumerSecret!,
    tokenId: tokenId!,
    tokenSecret: tokenSecret!,
  };
}

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().default(3600),
});

/** Access tokens of OAuth 2.0 client-credentials connections, minted once per connection at a time. */
export class ClientCredentialsTokens {
  // A minute early: NetSuite's tokens live 60 minutes and a request started just before expiry must not fail.
  private readonly cache = new AccessTokens(60_000);

  /** The account and token endpoint each connection's held token was minted for. */
  private readonly mintedFor = new Map<string, string>();

  accessToken(ctx: ConnectorContext, tokenUrl: string, accountId: string, refused?: string): Promise<string> {
    // A token is good for one account only: after the connection's account id changes (a switch of account),
    // the one held for the old account must not be sent to the new one.
    const target = `${accountId} ${tokenUrl}`;
    if (this.mintedFor.get(ctx.connection.id) !== target) {
      this.cache.forget(ctx.connection.id);
      this.mintedFor.set(ctx.connection.id, target);
    }
    return this.cache.get(ctx.connection.id, () => this.mint(ctx, tokenUrl), refused);
  }

  forget(connectionId: string): void {
    this.cache.forget(connectionId);
    this.mintedFor.delete(connectionId);
  }

  private async mint(ctx: ConnectorContext, tokenUrl: string): Promise<MintedToken> {
    const [clientId, certificateId, privateKeyPem] = await Promise.all(
      ['clientId', 'certificateId', 'privateKeyPem'].map((n) => ctx.secrets.get(n)),
    );
    if (!clientId || !certificateId || !privateKeyPem) {
      throw new ConnectorError(
        'auth',
        'The NetSuite connection lacks its client id, certificate id or private key. Enter the client id of the integration record, and the certificate id and private key from Setup → Integration → OAuth 2.0 Client Credentials (M2M) Setup, then connect again.',
      );
    }
    const assertion = await signAssertion({ clientId, certificateId, privateKeyPem, tokenUrl });
    await ctx.acquireRequestSlot();
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }).toString(),
      signal: ctx.signal,
    });
    const text = await res.text();
    if (res.status === 429 || res.status >= 500) {
      throw new ConnectorError(
        'transient',
        'NetSuite could not issue an access token just now. Ledgerbridge retries on its own.',
        {
          detail: `token endpoint HTTP ${res.status}: ${text.slice(0, 300)}`,
        },
      );
    }
    const parsed = res.ok ? TokenAnswer.safeParse(JSON.parse(text || '{}')) : null;
    if (!parsed?.success) {
      throw new ConnectorError(
        'auth',
        'NetSuite refused the certificate sign-in. Check that the certificate is still mapped to the integration, entity and role in Setup → Integration → OAuth 2.0 Client Credentials (M2M) Setup (a sandbox refresh removes those mappings), and that the client id and certificate id are right; then connect again.',
        { detail: `token endpoint HTTP ${res.status}: ${text.slice(0, 300)}` },
      );
    }
    return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  }
}

/** The client assertion: header {typ, alg, kid}, claims {iss, scope, aud, iat, exp ≤ iat + 3600}. */
export async function signAssertion(input: {
  clientId: string;
  certificateId: string;
  privateKeyPem: string;
  tokenUrl: string;
}): Promise<string> {
  // An RSA key signs PS256, an EC key ES256 (NetSuite refuses RS256).
  let key: CryptoKey;
  let chosen = 'PS256';
  try {
    key = await importPKCS8(input.privateKeyPem, chosen);
  } catch {
    try {
      chosen = 'ES256';
      key = await importPKCS8(input.privateKeyPem, chosen);
    } catch {
      throw new ConnectorError(
        'auth',
        'The private key of the NetSuite certificate could not be read. Paste the PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----) of the certificate you uploaded to NetSuite, RSA 3072/4096 or EC P-256.',
      );
    }
  }
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: ['rest_webservices'] })
    .setProtectedHeader({ alg: chosen, typ: 'JWT', kid: input.certificateId })
    .setIssuer(input.clientId)
    .setAudience(input.tokenUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}
