-- Two rules of the job ledger (issue 16).
--
-- 1. At most one open (pending or running) job per connection and idempotency key. The key names the document, its
-- revision and the action, so a second send of the same version while the first is queued or running is the same
-- work: clicking Send by hand while the automatic send was running kept both, and once the first had created the
-- record the second sent it again as an update (an extra write to the books). enqueueSend merges into the open
-- job (main/sync/outbox.ts); this index makes that hold in the database, in the transaction of the enqueue.
-- A newer revision has another key, so its send still queues behind a running send of the older one.

-- Jobs already doubled keep one: a running one before a pending one, then the earliest. The others did not run.
UPDATE outbox_jobs SET status = 'superseded', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE status IN ('pending', 'running')
  AND EXISTS (
    SELECT 1 FROM outbox_jobs o
    WHERE o.connection_id = outbox_jobs.connection_id AND o.idempotency_key = outbox_jobs.idempotency_key
      AND o.id <> outbox_jobs.id AND o.status IN ('pending', 'running')
      AND ((o.status = 'running') > (outbox_jobs.status = 'running')
        OR ((o.status = 'running') = (outbox_jobs.status = 'running') AND o.id < outbox_jobs.id))
  );

CREATE UNIQUE INDEX outbox_one_open_job_per_key ON outbox_jobs(connection_id, idempotency_key)
  WHERE status IN ('pending', 'running');

-- 2. A send waiting for the bookkeeper (a reference to pair, a reconnect, the company to confirm) showed as failed;
-- it now has its own sync status, waiting, which goes on by itself once that is done. Documents whose latest job
-- on a connection waits show it there, and in the aggregate where no connection failed (the precedence of
-- main/sync/document-sync.ts: failed, waiting, sending, queued, sent, historical, not_sent).
UPDATE document_sync SET status = 'waiting'
WHERE status = 'failed'
  AND (SELECT j.status FROM outbox_jobs j
       WHERE j.entity_type = 'document' AND j.entity_id = document_sync.document_id
         AND j.connection_id = document_sync.connection_id
       ORDER BY j.id DESC LIMIT 1) = 'waiting';

UPDATE documents SET sync_status = 'waiting'
WHERE sync_status = 'failed'
  AND EXISTS (SELECT 1 FROM document_sync s WHERE s.document_id = documents.id AND s.status = 'waiting')
  AND NOT EXISTS (SELECT 1 FROM document_sync s WHERE s.document_id = documents.id AND s.status = 'failed');
