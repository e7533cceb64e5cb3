// A tiny OAuth 2.0 authorization server on 127.0.0.1 for tests of browser sign-in: /authorize answers with a
// redirect to the app's loopback address (as a provider does after the user clicks Allow), /token exchanges the
// code for tokens only when the PKCE verifier matches the challenge it saw. It stops on its own after a while.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestConnector, type TestConnectorOptions } from './test-connector.js';
import type { ConnectorContext, SignInRequest } from '../../main/connectors/contract.js';
import { ConnectorError } from '../../main/connectors/contract.js';

export interface SigninSimulator {
  baseUrl: string;
  /** Refresh tokens handed out, newest last. */
  issuedRefreshTokens: string[];
  /** What the user does at the consent screen. */
  decision: 'allow' | 'deny';
  close(): Promise<void>;
}

export async function startSigninSimulator(): Promise<SigninSimulator> {
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const sim: SigninSimulator = {
    baseUrl: '',
    issuedRefreshTokens: [],
    decision: 'allow',
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/authorize') {
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      const state = url.searchParams.get('state') ?? '';
      const target = new URL(redirectUri);
      target.searchParams.set('state', state);
      if (sim.decision === 'deny') {
        target.searchParams.set('error', 'access_denied');
      } else {
        const code = randomBytes(16).toString('hex');
        codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
        target.searchParams.set('code', code);
      }
      res.writeHead(302, { location: target.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
          return;
        }
        codes.delete(form.get('code') ?? '');
        const refreshToken = `rt-${randomBytes(24).toString('hex')}`;
        sim.issuedRefreshTokens.push(refreshToken);
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            access_token: `at-${randomBytes(8).toString('hex')}`,
            refresh_token: refreshToken,
          }),
        );
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const timer = setTimeout(() => server.close(), 120_000);
  timer.unref();
  sim.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sim.close = async () => {
    clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return sim;
}

/** The test connector, signing in through the browser against a SigninSimulator (settings.authBaseUrl). */
export class BrowserSigninConnector extends TestConnector {
  readonly defaultSettings = {
    apiBaseUrl: 'https://api.ledger.invalid',
    authBaseUrl: 'https://login.ledger.invalid',
  };

  constructor(options: TestConnectorOptions = {}) {
    super({ system: 'test_oauth', label: 'Test Cloud Ledger', ...options });
  }

  override async connect(_ctx: ConnectorContext, signIn: SignInRequest) {
    const base = String(_ctx.connection.settings.authBaseUrl ?? '');
    const url = new URL('/authorize', base);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: (await _ctx.secrets.get('clientId')) ?? '',
      redirect_uri: signIn.redirectUri,
      state: signIn.state,
      code_challenge: signIn.codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return { authorizeUrl: url.toString() };
  }

  async finishSignIn(
    ctx: ConnectorContext,
    answer: { code: string; redirectUri: string; codeVerifier: string },
  ): Promise<void> {
    const base = String(ctx.connection.settings.authBaseUrl ?? '');
    const res = await fetch(new URL('/token', base), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: answer.code,
        redirect_uri: answer.redirectUri,
        code_verifier: answer.codeVerifier,
      }).toString(),
    });
    if (!res.ok)
      throw new ConnectorError('auth', 'The sign-in was refused. Choose Connect again.', {
        detail: await res.text(),
      });
    const tokens = (await res.json()) as { refresh_token: string };
    await ctx.secrets.set('refreshToken', tokens.refresh_token);
  }
}
