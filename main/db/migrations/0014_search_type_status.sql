-- A search narrowed by type or status counts its matches in the narrow document_search table alone.
-- Before, every match of a dense search ("inv", "7") was looked up in the wide documents row to test its type or
-- status: 21–29 ms at 100,000 documents (bench/documents-list.ts), over DESIGN §11's 20 ms.
--
-- type and status are copied from documents by triggers. Status changes rarely (submit, approve, cancel, revise);
-- sync_status, which changes at every send, is deliberately not copied, so sends never write these rows. The
-- trigram index (document_search_fts) is kept by a trigger on `text` only, so these columns never touch it.

ALTER TABLE document_search ADD COLUMN type TEXT;
ALTER TABLE document_search ADD COLUMN status TEXT;

DROP TRIGGER document_search_insert;

CREATE TRIGGER document_search_insert AFTER INSERT ON documents BEGIN
  INSERT OR IGNORE INTO document_search_companies (company_id) VALUES (new.company_id);
  INSERT INTO document_search (rowid, company_no, text, type, status)
  VALUES (
    new.rowid,
    (SELECT no FROM document_search_companies WHERE company_id = new.company_id),
    unicode_fold(new.number) || char(31) || unicode_fold(new.supplier_name) || char(31)
      || unicode_fold(coalesce(new.supplier_invoice_number, '')),
    new.type,
    new.status
  );
END;

CREATE TRIGGER document_search_type_status AFTER UPDATE OF type, status ON documents
WHEN old.type IS NOT new.type OR old.status IS NOT new.status
BEGIN
  UPDATE document_search SET type = new.type, status = new.status WHERE rowid = new.rowid;
END;

-- Documents written before.
UPDATE document_search SET type = d.type, status = d.status
FROM documents d WHERE d.rowid = document_search.rowid;
