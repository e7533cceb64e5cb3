-- A ServiceTrade invoice's state in one QuickBooks Desktop connection: queued by servicetrade.invoices.send, sent
-- (txn_id, ref_number = QuickBooks' invoice number) or failed by the engine. The write-back of the number to
-- ServiceTrade is its own step (writeback_state pending → done | failed), run outside the Web Connector session so
-- that a ServiceTrade outage never loses it.
CREATE TABLE servicetrade_invoice_qb (
  invoice_id TEXT NOT NULL REFERENCES servicetrade_invoices(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  state TEXT NOT NULL, -- queued | sent | failed
  txn_id TEXT,
  ref_number TEXT,
  message TEXT,
  writeback_state TEXT, -- pending | done | failed (NULL until QuickBooks accepted the invoice)
  writeback_attempts INTEGER NOT NULL DEFAULT 0,
  writeback_message TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (invoice_id, connection_id)
);
CREATE INDEX servicetrade_invoice_qb_writeback ON servicetrade_invoice_qb(writeback_state);
