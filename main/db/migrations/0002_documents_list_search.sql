-- The Documents list and search at 100,000 documents (DESIGN §11: p95 under 20 ms), measured by
-- bench/documents-list.ts. The queries are in main/db/repos/documents.ts (listDocuments).

-- 1. Sorted pages without a sort step. The list orders by (date, id) or (number, id), ascending or descending.
-- 0001's indexes end in (date DESC) then the rowid, which matches neither order exactly, so SQLite sorted every
-- page by id within each date: for a deep page that meant reading every skipped row from the table. An index
-- ending in exactly (date, id) or (number, id) is walked forwards or backwards: the first page stops after its
-- rows, and OFFSET skips index entries without reading the table.
DROP INDEX documents_company_date;
DROP INDEX documents_company_status_date;
DROP INDEX documents_company_type_date;
DROP INDEX documents_company_supplier_date;
DROP INDEX documents_company_sync_date;
CREATE INDEX documents_company_date ON documents(company_id, date, id);
CREATE INDEX documents_company_status_date ON documents(company_id, status, date, id);
CREATE INDEX documents_company_type_date ON documents(company_id, type, date, id);
CREATE INDEX documents_company_supplier_date ON documents(company_id, supplier_id, date, id);
CREATE INDEX documents_company_sync_date ON documents(company_id, sync_status, date, id);
CREATE INDEX documents_company_number ON documents(company_id, number, id);
-- The narrowest index of a company's documents: the list's total (count(*)) without filters walks this one.
CREATE INDEX documents_company ON documents(company_id);

-- 2. Search. The list matches a substring of the number, the supplier's name or the supplier's invoice number
-- (LIKE '%text%': ASCII case-insensitive, % and _ literal), which without an index reads every document twice (the
-- page and the total). A trigram full-text index finds the candidates for text of 3 characters or more; the
-- query keeps the LIKE as well, so the result is exactly LIKE's (the index folds case beyond ASCII, so it can
-- only offer more candidates, never fewer). Shorter text keeps the plain LIKE.
--
-- External content: the index stores trigrams only, keyed by the documents' rowid, and the triggers below keep it
-- in step with every insert, update (of the three columns) and delete, cascades included. The rowid of a table
-- with indexes survives VACUUM; should the index ever be in doubt,
--   INSERT INTO documents_search(documents_search) VALUES ('rebuild');
-- rebuilds it from the documents table.
CREATE VIRTUAL TABLE documents_search USING fts5(
  number, supplier_name, supplier_invoice_number,
  content = 'documents', content_rowid = 'rowid', tokenize = 'trigram'
);

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_search (rowid, number, supplier_name, supplier_invoice_number)
  VALUES (new.rowid, new.number, new.supplier_name, new.supplier_invoice_number);
END;

CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
  INSERT INTO documents_search (documents_search, rowid, number, supplier_name, supplier_invoice_number)
  VALUES ('delete', old.rowid, old.number, old.supplier_name, old.supplier_invoice_number);
END;

CREATE TRIGGER documents_search_update AFTER UPDATE OF number, supplier_name, supplier_invoice_number ON documents
WHEN old.number IS NOT new.number OR old.supplier_name IS NOT new.supplier_name
  OR old.supplier_invoice_number IS NOT new.supplier_invoice_number
BEGIN
  INSERT INTO documents_search (documents_search, rowid, number, supplier_name, supplier_invoice_number)
  VALUES ('delete', old.rowid, old.number, old.supplier_name, old.supplier_invoice_number);
  INSERT INTO documents_search (rowid, number, supplier_name, supplier_invoice_number)
  VALUES (new.rowid, new.number, new.supplier_name, new.supplier_invoice_number);
END;

-- Documents written before this migration.
INSERT INTO documents_search (documents_search) VALUES ('rebuild');
