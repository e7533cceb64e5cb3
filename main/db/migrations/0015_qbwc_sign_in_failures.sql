-- Web Connector sign-in failures by user name (main/connectors/quickbooks-desktop/qbwc/sign-in-throttle.ts).
-- After a few wrong passwords for a user name, the next attempt for it is answered only after a wait that
-- doubles with every further failure, up to a cap. Kept here, not in memory, so a restart does not reset it.
CREATE TABLE qbwc_sign_in_failures (
  -- SHA-256 (hex) of the user name as the Web Connector sent it: every name a guesser tries gets a row, and
  -- this keeps them all the same small size. Rows are removed after a day without failures.
  user_key TEXT PRIMARY KEY,
  -- Failed attempts in a row (attempts refused while waiting are not counted).
  failures INTEGER NOT NULL,
  first_failed_at TEXT NOT NULL,
  last_failed_at TEXT NOT NULL,
  -- No attempt for this name is checked before this time.
  retry_after TEXT NOT NULL
);
CREATE INDEX qbwc_sign_in_failures_last ON qbwc_sign_in_failures(last_failed_at);
