-- Capture (issue 8): how far an invoice may differ from its order before the match flags it, per company.
-- Percentages as decimal text, like every other percentage. A company without a row uses the defaults in
-- main/capture/tolerances.ts.
CREATE TABLE matching_tolerances (
  company_id TEXT PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  price_percent TEXT NOT NULL,
  quantity_percent TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Looking up "the same supplier invoice number from the same supplier" before a second bill is created.
CREATE INDEX documents_supplier_invoice_number ON documents(company_id, supplier_id, supplier_invoice_number)
  WHERE supplier_invoice_number IS NOT NULL;
