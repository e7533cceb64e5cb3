export type { SecretStore } from './secret-store';
export {
  KeychainSecretStore,
  DEFAULT_KEYCHAIN_SERVICE,
  keychainUnavailable,
  type KeychainSecretStoreOptions,
} from './keychain-secret-store';
export { SecretRedactor, secretRedactor, REDACTED, MIN_REDACTED_LENGTH } from './secret-redactor';
export { MAX_SECRET_BYTES, checkConnectionId, checkSecretName, checkSecretValue } from './secret-rules';
