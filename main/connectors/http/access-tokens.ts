// OAuth 2.0 access tokens as QuickBooks Online, Xero and NetSuite (client credentials) use them: kept in memory
// per connection, renewed a little before they expire or when the API just refused one, and never renewed twice
// at once — concurrent sends share the one renewal in flight, because a rotating refresh token can be spent only
// once. The refresh token itself lives in the keychain (secret "refreshToken"): rotateRefreshToken stores the new
// one before anything uses the new access token, so a crash between the two cannot lose the connection.
import { secretRedactor } from '../../secrets/secret-redactor.js';
import { ConnectorError, type ConnectionSecrets } from '../contract.js';

/** What a renewal produced. */
export interface MintedToken {
  accessToken: string;
  expiresInSeconds: number;
}

interface Held {
  token: string | null;
  expiresAt: number;
  renewing: Promise<string> | null;
}

/** Access tokens per connection, and the single renewal in flight for each. */
export class AccessTokens {
  private readonly held = new Map<string, Held>();

  /** @param earlyMs renew this long before the token's stated expiry (clock skew, a slow request). */
  constructor(private readonly earlyMs: number) {}

  private state(connectionId: string): Held {
    let s = this.held.get(connectionId);
    if (!s) this.held.set(connectionId, (s = { token: null, expiresAt: 0, renewing: null }));
    return s;
  }

  /** A token obtained elsewhere (the sign-in's code exchange) to use from now on. */
  remember(connectionId: string, token: MintedToken): void {
    // An access token is as good as a password until it expires: it may turn up in a provider's error body or a
    // request dump, so every one we hold is redacted from logs, stored errors and console lines.
    secretRedactor.add(token.accessToken);
    const s = this.state(connectionId);
    s.token = token.accessToken;
    s.expiresAt = Date.now() + token.expiresInSeconds * 1000 - this.earlyMs;
  }

  forget(connectionId: string): void {
    this.held.delete(connectionId);
  }

  /**
   * A valid access token. `refused` is one the API just answered 401 to: it forces a renewal, unless another
   * caller's renewal already replaced it.
   */
  get(connectionId: string, renew: () => Promise<MintedToken>, refused?: string): Promise<string> {
    const s = this.state(connectionId);
    if (s.token && s.token !== refused && Date.now() < s.expiresAt) return Promise.resolve(s.token);
    s.renewing ??= renew()
      .then((minted) => {
        // forget() during the renewal (the connection was removed) must not bring the token back.
        if (this.held.get(connectionId) === s) this.remember(connectionId, minted);
        return minted.accessToken;
      })
      .finally(() => {
        s.renewing = null;
      });
    return s.renewing;
  }
}

export interface RotateOptions {
  /** The message when no refresh token is stored (never signed in, or signed out). */
  notSignedIn: string;
  /**
   * How many times a transient failure is retried with the same refresh token. Xero keeps a spent refresh token
   * valid for 30 minutes, so an answer lost on the way back can be asked for again (xero_netsuite.md §2).
   */
  transientRetries?: number;
}

/**
 * Exchanges the stored refresh token for new tokens, and stores the rotated refresh token before returning.
 * `exchange` throws ConnectorError ('auth' when the identity server refused the token). A refusal is retried
 * once with the keychain's token when it changed since it was read: another window or an earlier run may have
 * rotated it meanwhile.
 */
export async function rotateRefreshToken<T extends { refresh_token: string }>(
  secrets: ConnectionSecrets,
  exchange: (refreshToken: string) => Promise<T>,
  options: RotateOptions,
): Promise<T> {
  const stored = await secrets.get('refreshToken');
  if (!stored) throw new ConnectorError('auth', options.notSignedIn);
  const retries = options.transientRetries ?? 0;
  let answer: T | null = null;
  for (let tries = 0; answer === null; tries++) {
    try {
      answer = await exchange(stored);
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error;
      if (error.kind === 'transient' && tries < retries) continue;
      if (error.kind !== 'auth') throw error;
      const again = await secrets.get('refreshToken');
      if (!again || again === stored) throw error;
      answer = await exchange(again);
    }
  }
  // The old refresh token is spent: keep the new one before anything uses the new access token.
  await secrets.set('refreshToken', answer.refresh_token);
  return answer;
}
