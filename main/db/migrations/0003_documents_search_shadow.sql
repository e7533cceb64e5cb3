-- Documents search without rechecking wide rows (DESIGN §11: p95 under 20 ms at 100,000 documents; measured by
-- bench/documents-list.ts). Replaces 0002's trigram index, whose candidates each needed a random read of the wide
-- documents row to re-run the LIKE, and whose 1–2 character searches scanned every wide row.
--
-- What a search matches (unchanged): a substring of the number, the supplier's name or the supplier's invoice
-- number, ASCII case-insensitive (LIKE's folding: 'müller' finds 'Müller', 'MÜLLER' does not), every character
-- literal. document_search holds, per document, those three fields ASCII-lower-cased (lower() without ICU folds
-- ASCII only, exactly as LIKE does) and joined by char(31), which a search cannot contain (the repository falls
-- back to the plain LIKE if it does), so a match never spans two fields. A search then is a case-sensitive
-- substring test of the lower-cased text on this narrow table (about 45 bytes a row):
--   * 3 characters or more: the trigram index below, case-sensitive over the already lower-cased text, so a
--     phrase match IS the substring match: no recheck;
--   * 1–2 characters: a GLOB scan of document_search, a fraction of the documents table's size.
-- company_no is a small per-company number (document_search_companies) so the narrow rows need not carry the
-- 36-character company id.
--
-- Kept in step by triggers in the same transaction: insert, delete (company cascades included), and update of the
-- number, supplier name (a supplier rename updates documents.supplier_name), supplier invoice number or company.
-- Should it ever be in doubt: DELETE FROM document_search; then the INSERT ... SELECT at the end of this file, then
--   INSERT INTO document_search_fts(document_search_fts) VALUES ('rebuild');

DROP TRIGGER documents_search_insert;
DROP TRIGGER documents_search_delete;
DROP TRIGGER documents_search_update;
DROP TABLE documents_search;

CREATE TABLE document_search_companies (
  no INTEGER PRIMARY KEY,
  company_id TEXT NOT NULL UNIQUE
);

CREATE TABLE document_search (
  rowid INTEGER PRIMARY KEY, -- documents.rowid
  company_no INTEGER NOT NULL,
  text TEXT NOT NULL
);

CREATE VIRTUAL TABLE document_search_fts USING fts5(
  text,
  content = 'document_search', content_rowid = 'rowid', tokenize = 'trigram case_sensitive 1'
);

CREATE TRIGGER document_search_fts_insert AFTER INSERT ON document_search BEGIN
  INSERT INTO document_search_fts (rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TRIGGER document_search_fts_delete AFTER DELETE ON document_search BEGIN
  INSERT INTO document_search_fts (document_search_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TRIGGER document_search_fts_update AFTER UPDATE OF text ON document_search BEGIN
  INSERT INTO document_search_fts (document_search_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
  INSERT INTO document_search_fts (rowid, text) VALUES (new.rowid, new.text);
END;

CREATE TRIGGER document_search_insert AFTER INSERT ON documents BEGIN
  INSERT OR IGNORE INTO document_search_companies (company_id) VALUES (new.company_id);
  INSERT INTO document_search (rowid, company_no, text)
  VALUES (
    new.rowid,
    (SELECT no FROM document_search_companies WHERE company_id = new.company_id),
    lower(new.number) || char(31) || lower(new.supplier_name) || char(31)
      || lower(coalesce(new.supplier_invoice_number, ''))
  );
END;

CREATE TRIGGER document_search_delete AFTER DELETE ON documents BEGIN
  DELETE FROM document_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER document_search_update AFTER UPDATE OF number, supplier_name, supplier_invoice_number, company_id
ON documents
WHEN old.number IS NOT new.number OR old.supplier_name IS NOT new.supplier_name
  OR old.supplier_invoice_number IS NOT new.supplier_invoice_number OR old.company_id IS NOT new.company_id
BEGIN
  INSERT OR IGNORE INTO document_search_companies (company_id) VALUES (new.company_id);
  UPDATE document_search SET
    company_no = (SELECT no FROM document_search_companies WHERE company_id = new.company_id),
    text = lower(new.number) || char(31) || lower(new.supplier_name) || char(31)
      || lower(coalesce(new.supplier_invoice_number, ''))
  WHERE rowid = new.rowid;
END;

-- Counting a combination of type, status and sync status (with or without dates) reads this index alone.
CREATE INDEX documents_company_filters ON documents(company_id, type, status, sync_status, date);

-- Documents written before this migration.
INSERT INTO document_search_companies (company_id) SELECT DISTINCT company_id FROM documents;
INSERT INTO document_search (rowid, company_no, text)
SELECT d.rowid, c.no,
  lower(d.number) || char(31) || lower(d.supplier_name) || char(31) || lower(coalesce(d.supplier_invoice_number, ''))
FROM documents d JOIN document_search_companies c ON c.company_id = d.company_id;
