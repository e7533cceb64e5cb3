-- Integration log entries can concern a ServiceTrade job ('job') or invoice ('st_invoice') rather than a document:
-- the job's and the invoice's own timelines read them by entity. Additive: older rows keep both NULL and are still
-- found by company, document and connection.
ALTER TABLE integration_log ADD COLUMN entity_type TEXT;
ALTER TABLE integration_log ADD COLUMN entity_id TEXT;
CREATE INDEX integration_log_entity ON integration_log(entity_type, entity_id, id DESC)
  WHERE entity_type IS NOT NULL;
