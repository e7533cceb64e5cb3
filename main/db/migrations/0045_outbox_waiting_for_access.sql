-- Why a waiting job waits, where it matters: 'access' when the system refused Ledgerbridge's access (the ledger's
-- lostAuthorization: an expired sign-in, or QuickBooks Desktop's 3260/3261), NULL for any other wait (a reference
-- to pair, a company switch to confirm). A QuickBooks Desktop job waiting for a pairing cannot go at a Web Connector
-- run, and one waiting for access goes only once something changed (the bookkeeper says access is allowed, or a run
-- shows it is): the runs no longer put every waiting job back in the queue, so they must tell these apart.
ALTER TABLE outbox_jobs ADD COLUMN waiting_for TEXT;

-- Jobs already waiting with the refusal their connection still shows waited for access.
UPDATE outbox_jobs SET waiting_for = 'access'
WHERE status = 'waiting'
  AND EXISTS (
    SELECT 1 FROM connections c
    WHERE c.id = outbox_jobs.connection_id AND c.status = 'needs_reconnect'
      AND c.status_message = outbox_jobs.last_error
  );
