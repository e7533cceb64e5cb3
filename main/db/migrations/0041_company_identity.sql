-- The company's own identity (issue 17): its registered name and the other names it trades under, its postal
-- addresses, tax ids, IBANs, mail domains and website. Invoice capture takes what carries them for the customer's
-- block and never proposes them as the supplier's. Tax ids and IBANs are stored upper case with letters and digits
-- only, domains lower case (main/domain/company-identity.ts), because they are compared with what invoices print.
ALTER TABLE companies ADD COLUMN legal_name TEXT;
-- The site's host, lower case, without "www." ("northwind.example").
ALTER TABLE companies ADD COLUMN website TEXT;

-- One row a postal address, in the order the bookkeeper gave them (the first is the main one).
CREATE TABLE company_addresses (
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  -- Street, number, building, PO box: one printed line each, joined by a line feed.
  lines TEXT NOT NULL,
  postal_code TEXT,
  city TEXT,
  region TEXT,
  country TEXT,
  PRIMARY KEY (company_id, position)
) WITHOUT ROWID;

-- The company's identifiers that come several at a time: trading names, tax ids (VAT, GST, EIN, SIREN, …), IBANs
-- and mail domains, each in the order given.
CREATE TABLE company_identifiers (
  company_id TEXT NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('trading_name', 'tax_id', 'iban', 'email_domain')),
  position INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (company_id, kind, position),
  UNIQUE (company_id, kind, value)
) WITHOUT ROWID;
