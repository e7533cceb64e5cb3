// xero-node's AccountingApi for one connection: its basePath set to the connection's apiBaseUrl (a simulator in
// tests), the access token from XeroTokens, the organisation from the sign-in. Each call first takes a slot from
// the engine's rate limiter; a 401 refreshes the token once (single-flight) and repeats the call; a 429 for the
// minute or concurrency limit waits for Retry-After and repeats a few times; the daily limit goes back to the
// engine at once with its Retry-After, so the queue pauses until Xero resets it.
import { AccountingApi } from 'xero-node';
import { connectionLabel } from '../../domain/text.js';
import { ConnectorError, type ConnectorContext } from '../contract.js';
import { xeroDescriptor } from './descriptor.js';
import { errorOf, failureOf, retryAfterMs } from './faults.js';
import type { XeroTokens } from './identity.js';
import type { XeroSettings } from './settings.js';
import { sleep, throttleWaitMs } from '../http/throttle.js';

const THROTTLE_RETRIES = 3;

export class XeroApi {
  private readonly api: AccountingApi;

  constructor(
    private readonly ctx: ConnectorContext,
    private readonly settings: XeroSettings,
    readonly tenantId: string,
    private readonly tokens: XeroTokens,
  ) {
    this.api = new AccountingApi(settings.apiBaseUrl);
  }

  /** The connection as the bookkeeper named it, for what a send or cancel says was done where. */
  get named(): string {
    return connectionLabel(this.ctx.connection, xeroDescriptor.label);
  }

  /** Runs one AccountingApi call; `what` names the record in messages ("bill INV-7"). */
  async call<T>(
    what: string,
    run: (api: AccountingApi, tenantId: string) => Promise<{ body: T }>,
  ): Promise<T> {
    let refused: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await this.tokens.accessToken(this.ctx, this.settings, refused);
      this.api.accessToken = token;
      await this.ctx.acquireRequestSlot();
      try {
        const { body } = await run(this.api, this.tenantId);
        return body;
      } catch (error) {
        if (this.ctx.signal.aborted) throw error;
        if (error instanceof ConnectorError) throw error;
        const failure = failureOf(error);
        if (failure.status === 401 && refused === undefined) {
          refused = token;
          continue;
        }
        const problem = failure.headers['x-rate-limit-problem'];
        if (failure.status === 429 && problem !== 'day' && attempt < THROTTLE_RETRIES) {
          await sleep(throttleWaitMs(retryAfterMs(failure), attempt), this.ctx.signal);
          continue;
        }
        throw errorOf(failure, what);
      }
    }
  }
}
