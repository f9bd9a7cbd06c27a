-- What sync keeps on the laptop: entries the team store refused, the team's heal statistics as last pulled,
-- and sync's own state (cursors, last success, last error).

-- An entry the team store refused is delivered (pushed_at set, so it no longer holds the push up) and
-- marked rejected with the reason; rejected entries are never pruned.
ALTER TABLE outbox ADD COLUMN rejected_at TEXT;
ALTER TABLE outbox ADD COLUMN rejected_error TEXT;
CREATE INDEX outbox_pushed ON outbox (pushed_at) WHERE pushed_at IS NOT NULL;

-- Other devices' heal outcomes, one row per device as the team store sums it (a pull replaces the row):
-- this device's own outcomes stay in heal_history, so nothing is counted twice.
CREATE TABLE team_heal_history (
  url_pattern  TEXT NOT NULL,
  cache_key    TEXT NOT NULL DEFAULT '',
  strategy     TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  successes    INTEGER NOT NULL DEFAULT 0,
  failures     INTEGER NOT NULL DEFAULT 0,
  total_ms     REAL NOT NULL DEFAULT 0,
  last_used_at TEXT,
  PRIMARY KEY (url_pattern, cache_key, strategy, device_id)
);

-- Sync's state: the pull cursor per team store, the last success and the last error.
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
