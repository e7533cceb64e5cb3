// Intuit OAuth 2.0 through intuit-oauth: the authorize URL, the code exchange and the refresh. intuit-oauth keeps
// its endpoints in static class fields shared by the whole process, so each call sets them to this connection's
// endpoints and restores them in the same synchronous step: intuit-oauth builds its request (URL included)
// synchronously inside the call, so no other call can observe them, and two connections (or a simulator in tests)
// never see each other's endpoints.
//
// Tokens: the refresh token lives in the keychain (ctx.secrets 'refreshToken'), the access token in memory only.
// A refresh is single-flight per connection, and the rotated refresh token is stored before the new access token
// is used: if the process dies between the two, the stored token is the live one.
import OAuthClient from 'intuit-oauth';
import { z } from 'zod';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { AccessTokens, rotateRefreshToken, type MintedToken } from '../http/access-tokens.js';
import type { QboSettings } from './settings.js';

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().optional(),
  x_refresh_token_expires_in: z.number().optional(),
});

type Endpoints = Pick<QboSettings, 'authorizeEndpoint' | 'tokenEndpoint' | 'revokeEndpoint'>;

function withEndpoints<T>(endpoints: Endpoints, start: () => T): T {
  const saved = {
    authorizeEndpoint: OAuthClient.authorizeEndpoint,
    tokenEndpoint: OAuthClient.tokenEndpoint,
    revokeEndpoint: OAuthClient.revokeEndpoint,
  };
  OAuthClient.authorizeEndpoint = endpoints.authorizeEndpoint;
  OAuthClient.tokenEndpoint = endpoints.tokenEndpoint;
  OAuthClient.revokeEndpoint = endpoints.revokeEndpoint;
  try {
    return start();
  } finally {
    Object.assign(OAuthClient, saved);
  }
}

export async function appCredentials(
  ctx: ConnectorContext,
): Promise<{ clientId: string; clientSecret: string }> {
  const clientId = await ctx.secrets.get('clientId');
  const clientSecret = await ctx.secrets.get('clientSecret');
  if (!clientId || !clientSecret) {
    throw new ConnectorError(
      'needs_user',
      "Enter your Intuit app's Client ID and Client Secret (from developer.intuit.com → your app → Keys and credentials) in the connection, then connect again.",
    );
  }
  return { clientId, clientSecret };
}

function client(
  credentials: { clientId: string; clientSecret: string },
  settings: QboSettings,
  redirectUri: string,
): OAuthClient {
  return new OAuthClient({
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    environment: settings.environment,
    redirectUri,
    logging: false, // its logger writes Authorization headers to a file
  });
}

export function authorizeUrl(
  credentials: { clientId: string; clientSecret: string },
  settings: QboSettings,
  redirectUri: string,
  state: string,
): string {
  const oauth = client(credentials, settings, redirectUri);
  return withEndpoints(settings, () => oauth.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state }));
}

/** What intuit-oauth threw, as our error; invalid_grant means the grant is gone for good. */
function tokenError(error: unknown, during: string): ConnectorError {
  const e = error as {
    error?: unknown;
    error_description?: unknown;
    message?: unknown;
    intuit_tid?: unknown;
  };
  const code = typeof e.error === 'string' ? e.error : '';
  const detail = `${during}: ${code || String(e.message ?? error)}${e.error_description ? ` (${String(e.error_description)})` : ''}${e.intuit_tid ? ` intuit_tid ${String(e.intuit_tid)}` : ''}`;
  if (
    /invalid_grant|invalid_client|unauthorized|Unauthorized|Bad Request/.test(`${code} ${String(e.message)}`)
  ) {
    return new ConnectorError(
      'auth',
      /invalid_client/.test(code)
        ? 'Intuit did not accept the Client ID or Client Secret. Check them in the connection (developer.intuit.com → Keys and credentials), then choose Reconnect.'
        : 'The QuickBooks Online authorization has expired or was revoked. Choose Reconnect in Connections; nothing waiting to be sent is lost.',
      { detail },
    );
  }
  return new ConnectorError(
    'transient',
    'Intuit sign-in service did not answer. Ledgerbridge retries on its own.',
    { detail },
  );
}

export async function exchangeCode(
  credentials: { clientId: string; clientSecret: string },
  settings: QboSettings,
  redirectUri: string,
  callbackQuery: string,
): Promise<z.infer<typeof TokenAnswer>> {
  const oauth = client(credentials, settings, redirectUri);
  try {
    const response = await withEndpoints(settings, () => oauth.createToken(callbackQuery));
    return TokenAnswer.parse(response.getJson());
  } catch (error) {
    throw tokenError(error, 'authorization code exchange');
  }
}

export async function revokeToken(
  credentials: { clientId: string; clientSecret: string },
  settings: QboSettings,
  refreshToken: string,
): Promise<void> {
  const oauth = client(credentials, settings, 'http://127.0.0.1/');
  await withEndpoints(settings, () => oauth.revoke({ refresh_token: refreshToken }));
}

/** Access tokens per connection (shared single-flight cache), refreshed through intuit-oauth. */
export class TokenKeeper {
  private readonly cache = new AccessTokens(120_000);

  /** After a sign-in: the access token to use now (the refresh token is stored by the caller first). */
  remember(connectionId: string, accessToken: string, expiresInSeconds: number | undefined): void {
    this.cache.remember(connectionId, { accessToken, expiresInSeconds: expiresInSeconds ?? 3600 });
  }

  forget(connectionId: string): void {
    this.cache.forget(connectionId);
  }

  /** A valid access token; `stale` is one the API just refused (401), which forces a refresh unless one already replaced it. */
  accessToken(ctx: ConnectorContext, settings: QboSettings, stale?: string): Promise<string> {
    return this.cache.get(ctx.connection.id, () => this.refresh(ctx, settings), stale);
  }

  private async refresh(ctx: ConnectorContext, settings: QboSettings): Promise<MintedToken> {
    const credentials = await appCredentials(ctx);
    const answer = await rotateRefreshToken(
      ctx.secrets,
      async (refreshToken) => {
        const oauth = client(credentials, settings, 'http://127.0.0.1/');
        await ctx.acquireRequestSlot();
        try {
          const response = await withEndpoints(settings, () => oauth.refreshUsingToken(refreshToken));
          return TokenAnswer.parse(response.getJson());
        } catch (error) {
          throw tokenError(error, 'token refresh');
        }
      },
      { notSignedIn: 'This QuickBooks Online connection is not signed in. Choose Connect in Connections.' },
    );
    return { accessToken: answer.access_token, expiresInSeconds: answer.expires_in ?? 3600 };
  }
}
