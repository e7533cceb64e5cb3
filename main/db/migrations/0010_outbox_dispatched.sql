-- When a job was first handed to a connector. From then on the other system may hold what it sent even if the
-- answer never came back (a crash, a timeout, an abort): connectors whose retries are not idempotent by
-- themselves look for it before creating again. A job never dispatched skips that look-up.
ALTER TABLE outbox_jobs ADD COLUMN dispatched_at TEXT;

-- Jobs already queued when this migration runs may have been tried before: treat them as dispatched.
UPDATE outbox_jobs SET dispatched_at = updated_at WHERE status IN ('pending', 'running', 'waiting');
