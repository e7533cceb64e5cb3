-- ServiceTrade's API does not report deleted jobs. A periodic full read of the job lists (main/connectors/servicetrade/
-- pull.ts) marks a stored job that no list returns any more: missing_since is when it was first found missing (NULL
-- while ServiceTrade still has it). The job is kept, never deleted: it may already be a job in QuickBooks.
ALTER TABLE servicetrade_jobs ADD COLUMN missing_since TEXT;
