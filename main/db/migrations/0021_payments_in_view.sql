-- Payments in view (issue 16): the Documents list filters by payment state (unpaid, partly paid, paid) and the
-- Payments page lists the payments brought back, newest first, by connection, date and status. Indexes only.
CREATE INDEX documents_company_payment_date ON documents(company_id, payment_status, date, id)
  WHERE payment_status IS NOT NULL;
CREATE INDEX payments_date ON payments(date, id);
CREATE INDEX payments_connection_date ON payments(connection_id, date, id);
