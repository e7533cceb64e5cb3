// Xero's identity service through our own small module (xero-node hard-codes identity.xero.com and has no PKCE):
// the authorize URL with an S256 code challenge, the code exchange and the refresh as a public client (no secret:
// Xero's "Auth Code with PKCE" apps have none), and GET /connections for the organisations the user allowed.
// Every endpoint comes from the connection's settings so a simulator can stand in.
//
// Tokens: the refresh token lives in the keychain, the access token (30 minutes) in memory. Xero's refresh tokens
// are single-use and rotate: a refresh is single-flight per connection, and the new refresh token is stored before
// the new access token is used. A refresh whose answer was lost is retried with the same token, which Xero honours
// for 30 minutes (its grace period); invalid_grant means the grant is gone and the user must reconnect.
import { z } from 'zod';
import { unreadableAnswer } from '../unreadable-answer.js';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { AccessTokens, rotateRefreshToken, type MintedToken } from '../http/access-tokens.js';
import { scopesOf, type XeroSettings } from './settings.js';

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().optional(),
  token_type: z.string().optional(),
});
export type TokenAnswer = z.infer<typeof TokenAnswer>;

const ErrorAnswer = z.object({ error: z.string(), error_description: z.string().optional() }).passthrough();

export const XeroTenant = z
  .object({
    // Only tenantId is needed: Xero's identity spec requires none of them. A connection without a tenantType is
    // taken as an organisation (the only other kind, PRACTICE, always says so).
    id: z.string().optional(),
    tenantId: z.string(),
    tenantType: z.string().optional(),
    tenantName: z.string().nullable().optional(),
    createdDateUtc: z.string().optional(),
    updatedDateUtc: z.string().optional(),
  })
  .passthrough();
export type XeroTenant = z.infer<typeof XeroTenant>;

const RECONNECT =
  'The Xero authorization has expired or was revoked. Choose Reconnect in Connections; nothing waiting to be sent is lost.';
const GRACE_RETRIES = 2;

export async function clientIdOf(ctx: ConnectorContext): Promise<string> {
  const clientId = await ctx.secrets.get('clientId');
  if (!clientId) {
    throw new ConnectorError(
      'needs_user',
      "Enter your Xero app's Client ID (developer.xero.com → My Apps → your app → Configuration; the app type must be 'Auth code with PKCE') in the connection, then connect again.",
    );
  }
  return clientId;
}

export function authorizeUrl(
  settings: XeroSettings,
  clientId: string,
  signIn: { redirectUri: string; state: string; codeChallenge: string },
): string {
  const url = new URL(settings.authorizeEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', signIn.redirectUri);
  url.searchParams.set('scope', scopesOf(settings).join(' '));
  url.searchParams.set('state', signIn.state);
  url.searchParams.set('code_challenge', signIn.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

async function tokenRequest(
  ctx: ConnectorContext,
  settings: XeroSettings,
  form: Record<string, string>,
  during: string,
): Promise<TokenAnswer> {
  let res: Response;
  try {
    await ctx.acquireRequestSlot();
    res = await fetch(settings.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: ctx.signal,
    });
  } catch (error) {
    throw new ConnectorError(
      'transient',
      'Xero sign-in service did not answer. Ledgerbridge retries on its own.',
      {
        detail: `${during}: ${error instanceof Error ? error.message : String(error)}`,
      },
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: said below as a list Xero did not give.
  }
  if (res.ok) {
    const parsed = TokenAnswer.safeParse(json);
    if (parsed.success) return parsed.data;
  }
  const failure = ErrorAnswer.safeParse(json);
  const code = failure.success ? failure.data.error : `HTTP ${res.status}`;
  const detail = `${during}: ${code}${failure.success && failure.data.error_description ? ` (${failure.data.error_description})` : ''}`;
  if (code === 'invalid_grant') throw new ConnectorError('auth', RECONNECT, { detail });
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    throw new ConnectorError(
      'auth',
      "Xero did not accept the Client ID. Check it in the connection (developer.xero.com → My Apps), make sure the app is an 'Auth code with PKCE' app, then choose Reconnect.",
      { detail },
    );
  }
  if (code === 'invalid_scope') {
    throw new ConnectorError(
      'auth',
      "Xero refused the permissions Ledgerbridge asked for. Apps created since March 2026 need the granular scopes (the default); older apps may need 'broad' in the connection's scopes setting. Then choose Reconnect.",
      { detail },
    );
  }
  if (res.status >= 500 || res.status === 429) {
    throw new ConnectorError('transient', 'Xero sign-in service is busy. Ledgerbridge retries on its own.', {
      detail,
    });
  }
  throw new ConnectorError(
    'transient',
    'Xero sign-in service answered in an unexpected way. Ledgerbridge retries.',
    {
      detail: `${detail} · ${text.slice(0, 200)}`,
    },
  );
}

export function exchangeCode(
  ctx: ConnectorContext,
  settings: XeroSettings,
  clientId: string,
  answer: { code: string; redirectUri: string; codeVerifier: string },
): Promise<TokenAnswer> {
  return tokenRequest(
    ctx,
    settings,
    {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: answer.code,
      redirect_uri: answer.redirectUri,
      code_verifier: answer.codeVerifier,
    },
    'authorization code exchange',
  );
}

/**
 * Revokes a refresh token at Xero's identity service (its revocation endpoint sits beside the token endpoint),
 * which ends every organisation connection the sign-in made. Public PKCE clients send their client id only.
 */
export async function revokeRefreshToken(
  ctx: ConnectorContext,
  settings: XeroSettings,
  clientId: string,
  refreshToken: string,
): Promise<void> {
  const endpoint = new URL('revocation', settings.tokenEndpoint).toString();
  await ctx.acquireRequestSlot();
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ token: refreshToken, client_id: clientId }).toString(),
    signal: ctx.signal,
  });
  if (!res.ok) {
    throw new ConnectorError('transient', 'Xero did not confirm that the sign-in was revoked.', {
      detail: `POST ${endpoint} ${res.status} ${(await res.text()).slice(0, 200)}`,
    });
  }
}

/** The organisations this sign-in may reach (Xero calls them tenants), newest grant first. */
export async function listTenants(
  ctx: ConnectorContext,
  settings: XeroSettings,
  accessToken: string,
): Promise<XeroTenant[]> {
  await ctx.acquireRequestSlot();
  const res = await fetch(settings.connectionsEndpoint, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    signal: ctx.signal,
  });
  const text = await res.text();
  if (res.status === 401)
    throw new ConnectorError('auth', RECONNECT, { detail: `GET /connections 401 ${text.slice(0, 200)}` });
  let json: unknown = null;
  try {
    json = res.ok ? JSON.parse(text) : null;
  } catch {
    // Not JSON: said below as a list Xero did not give.
  }
  const parsed = z.array(XeroTenant).safeParse(json);
  if (!parsed.success) {
    if (Array.isArray(json)) {
      throw unreadableAnswer(
        'Xero',
        'the organisations this sign-in reaches',
        parsed.error,
        `GET /connections ${res.status} ${text.slice(0, 200)}`,
        { input: json },
      );
    }
    throw new ConnectorError('transient', 'Xero did not list the organisations. Ledgerbridge retries.', {
      detail: `GET /connections ${res.status} ${text.slice(0, 200)}`,
    });
  }
  return parsed.data.filter((t) => (t.tenantType ?? 'ORGANISATION') === 'ORGANISATION');
}

/** Access tokens per connection (shared single-flight cache), refreshed at Xero's identity service. */
export class XeroTokens {
  private readonly cache = new AccessTokens(60_000);

  remember(connectionId: string, answer: TokenAnswer): void {
    this.cache.remember(connectionId, {
      accessToken: answer.access_token,
      expiresInSeconds: answer.expires_in ?? 1800,
    });
  }

  forget(connectionId: string): void {
    this.cache.forget(connectionId);
  }

  /** A valid access token; `stale` is one the API just refused (401), forcing a refresh unless one replaced it. */
  accessToken(ctx: ConnectorContext, settings: XeroSettings, stale?: string): Promise<string> {
    return this.cache.get(ctx.connection.id, () => this.refresh(ctx, settings), stale);
  }

  private async refresh(ctx: ConnectorContext, settings: XeroSettings): Promise<MintedToken> {
    const clientId = await clientIdOf(ctx);
    const answer = await rotateRefreshToken(
      ctx.secrets,
      (refreshToken) =>
        tokenRequest(
          ctx,
          settings,
          { grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken },
          'token refresh',
        ),
      {
        notSignedIn: 'This Xero connection is not signed in. Choose Connect in Connections.',
        // A refresh whose answer was lost is asked again with the same token: Xero honours it for 30 minutes.
        transientRetries: GRACE_RETRIES,
      },
    );
    return { accessToken: answer.access_token, expiresInSeconds: answer.expires_in ?? 1800 };
  }
}
