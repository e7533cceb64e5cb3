-- Files on any document (issue 16). A bookkeeper adds and removes files on a draft or a revision; a revision keeps
-- the files of the versions before it, and a file added in it is told apart by the revision it came with.
-- Files attached before this migration came with the draft (revision 0).
ALTER TABLE attachments ADD COLUMN added_in_revision INTEGER NOT NULL DEFAULT 0;

-- What became of each file on each connection, written in the same transaction as the send that carried it:
-- sent: uploaded there (external_id: the system's id of the file, QuickBooks' Attachable Id or Xero's
-- AttachmentID), so a later send or a retry never uploads it again; not_taken: the system takes no files
-- (QuickBooks Desktop, NetSuite), and the document's log has said so once. A file that failed to upload has no row:
-- the next send of the document tries it again.
CREATE TABLE attachment_deliveries (
  attachment_id TEXT NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('sent', 'not_taken')),
  external_id TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (attachment_id, connection_id)
);
CREATE INDEX attachment_deliveries_connection ON attachment_deliveries(connection_id);
