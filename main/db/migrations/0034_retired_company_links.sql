-- What a connection knew of a company it no longer reaches (a QuickBooks Online realm, a Xero organisation, a
-- NetSuite account it was switched away from). Ids of one company mean other records, or nothing, in another:
-- QuickBooks numbers every company's vendors and accounts from 1. So on a confirmed switch the pairings
-- (external_links), the ids of the mirrored list entries and the documents' send records leave the live tables,
-- and are kept here for the log and for whoever asks what was sent where. Nothing reads this table to send.
CREATE TABLE retired_company_links (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  -- The company the ids belong to, as the connection named it (name and id, for a person reading it).
  company_label TEXT NOT NULL,
  -- document | supplier | list_entry | tax_rate (a pairing); mirrored_list_entry (the id of a mirrored entry).
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  sync_token TEXT,
  retired_at TEXT NOT NULL
);
CREATE INDEX retired_company_links_entity ON retired_company_links(entity_type, entity_id);
