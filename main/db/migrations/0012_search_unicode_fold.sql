-- Documents search folds case beyond ASCII: 'MÜLLER' finds 'Müller', 'électricité' finds 'ÉLECTRICITÉ SA'.
-- Migration 0003 built document_search.text with SQLite's lower(), which (without ICU) folds ASCII letters only.
-- unicode_fold() is registered on every connection by main/db/database.ts (JavaScript's NFC + toLowerCase, the
-- same function the repository applies to the search text), as Actual Budget registers UNICODE_LOWER. A
-- connection opened without it (the sqlite3 shell) can read everything but cannot write documents' number,
-- supplier name or supplier invoice number: those triggers need the function.

DROP TRIGGER document_search_insert;
DROP TRIGGER document_search_update;

CREATE TRIGGER document_search_insert AFTER INSERT ON documents BEGIN
  INSERT OR IGNORE INTO document_search_companies (company_id) VALUES (new.company_id);
  INSERT INTO document_search (rowid, company_no, text)
  VALUES (
    new.rowid,
    (SELECT no FROM document_search_companies WHERE company_id = new.company_id),
    unicode_fold(new.number) || char(31) || unicode_fold(new.supplier_name) || char(31)
      || unicode_fold(coalesce(new.supplier_invoice_number, ''))
  );
END;

CREATE TRIGGER document_search_update AFTER UPDATE OF number, supplier_name, supplier_invoice_number, company_id
ON documents
WHEN old.number IS NOT new.number OR old.supplier_name IS NOT new.supplier_name
  OR old.supplier_invoice_number IS NOT new.supplier_invoice_number OR old.company_id IS NOT new.company_id
BEGIN
  INSERT OR IGNORE INTO document_search_companies (company_id) VALUES (new.company_id);
  UPDATE document_search SET
    company_no = (SELECT no FROM document_search_companies WHERE company_id = new.company_id),
    text = unicode_fold(new.number) || char(31) || unicode_fold(new.supplier_name) || char(31)
      || unicode_fold(coalesce(new.supplier_invoice_number, ''))
  WHERE rowid = new.rowid;
END;

-- Documents written before: only rows whose text changes (those with a non-ASCII capital) are rewritten, so the
-- trigram index is touched for those alone.
UPDATE document_search SET text = (
  SELECT unicode_fold(d.number) || char(31) || unicode_fold(d.supplier_name) || char(31)
    || unicode_fold(coalesce(d.supplier_invoice_number, ''))
  FROM documents d WHERE d.rowid = document_search.rowid
)
WHERE text IS NOT (
  SELECT unicode_fold(d.number) || char(31) || unicode_fold(d.supplier_name) || char(31)
    || unicode_fold(coalesce(d.supplier_invoice_number, ''))
  FROM documents d WHERE d.rowid = document_search.rowid
);
