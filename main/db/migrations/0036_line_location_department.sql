-- Location and department per line (issue 16: "Per line, pickers for … Location / Department"). NetSuite's item and
-- expense lines take both; until now only the document header carried them (documents.fields_json). A line's own
-- value wins over the header's when the document is sent (connectors/netsuite/mapping.ts).
ALTER TABLE document_lines ADD COLUMN location_id TEXT REFERENCES list_entries(id);
ALTER TABLE document_lines ADD COLUMN department_id TEXT REFERENCES list_entries(id);
