-- A QuickBooks Desktop connection is connected by its first Web Connector run that finishes (conversation.ts sets
-- connected_at then). Before, no run set it, and "Connect" set it without any run, so the Connections page said
-- "Connected" beside "Connected: Not yet" and the Lists page "not connected". Each connection now takes the time of
-- its first finished run, or none: it waits for that run, and the pages say so.
UPDATE connections SET connected_at = (
  SELECT MIN(COALESCE(s.ended_at, s.last_seen_at)) FROM qbwc_sessions s
  WHERE s.connection_id = connections.id AND s.outcome = 'done'
)
WHERE system = 'quickbooks_desktop';
