// The core asks for secrets through this interface, never through keytar, so that connectors and the sync
// worker stay independent of where secrets live and every secret passes the same size and name checks.

/**
 * Secrets belong to a connection (a company's link to one accounting system or to ServiceTrade) and are
 * addressed by a short name, e.g. `refresh_token`, `client_secret`, `token_secret`, `webconnector_password`.
 *
 * Every method may reject with an AppError: `invalid_input` for a bad connection id or name,
 * `secret_too_large` for a value over the keychain's limit, `keychain_unavailable` when the OS keychain cannot
 * be reached. No error ever contains a secret value.
 */
export interface SecretStore {
  /** The stored value, or null when there is none. */
  get(connectionId: string, name: string): Promise<string | null>;
  /** Stores or replaces a value. Nothing is written when the value is refused. */
  set(connectionId: string, name: string, value: string): Promise<void>;
  /** Removes one value; true when there was one to remove. */
  delete(connectionId: string, name: string): Promise<boolean>;
  /** Removes every value of a connection (when the connection is removed); returns how many were removed. */
  deleteAll(connectionId: string): Promise<number>;
  /** The names that have a stored value for this connection, sorted. */
  names(connectionId: string): Promise<string[]>;
}
