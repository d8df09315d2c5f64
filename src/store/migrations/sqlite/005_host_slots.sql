-- Per-host start times shared by every worker fetching through this store (the per-host interval holds across
-- processes): one row per host, the epoch ms from which the next fetch may start.
CREATE TABLE host_slots (
  host TEXT PRIMARY KEY,
  next_at INTEGER NOT NULL
) WITHOUT ROWID;
