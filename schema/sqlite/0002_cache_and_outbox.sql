-- The selector cache (the L1 tier), heal history and the sync outbox.

-- One selector per step meaning on a page: (URL pattern, action, target, scope, ordinal, context). The
-- cache_key column is that tuple in canonical form, identical in every tier.
CREATE TABLE selectors (
  cache_key    TEXT PRIMARY KEY,
  url_pattern  TEXT NOT NULL,
  action       TEXT NOT NULL,
  target       TEXT NOT NULL,
  scope        TEXT NOT NULL DEFAULT '',
  ordinal      INTEGER NOT NULL DEFAULT 0,      -- 0: none; 1-based; -1: last
  context      TEXT NOT NULL DEFAULT '',
  selector     TEXT NOT NULL,
  strategy     TEXT NOT NULL,
  confidence   REAL NOT NULL,
  stable       INTEGER NOT NULL CHECK (stable IN (0, 1)),
  fingerprint  TEXT NOT NULL,                   -- JSON: tag, role, name, id, classes, attributes, text, ...
  verified_at  TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  hit_count    INTEGER NOT NULL DEFAULT 0,
  miss_count   INTEGER NOT NULL DEFAULT 0,
  failures_in_a_row INTEGER NOT NULL DEFAULT 0  -- two failed verifications in a row remove the entry
);
CREATE INDEX selectors_by_page ON selectors (url_pattern);

-- Heal outcomes per (URL pattern, strategy) when cache_key is '', and per (cache key, strategy).
CREATE TABLE heal_history (
  url_pattern  TEXT NOT NULL,
  cache_key    TEXT NOT NULL DEFAULT '',
  strategy     TEXT NOT NULL,
  successes    INTEGER NOT NULL DEFAULT 0,
  failures     INTEGER NOT NULL DEFAULT 0,
  total_ms     REAL NOT NULL DEFAULT 0,
  last_used_at TEXT,
  PRIMARY KEY (url_pattern, cache_key, strategy)
);

-- Every change that sync replicates, written in the same transaction as the change. seq is this device's
-- monotonic sequence; Postgres records which (device, seq) ranges it has applied, so a replayed batch has no
-- effect. Counters travel as deltas, never as totals.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id  TEXT NOT NULL,
  entity     TEXT NOT NULL,                     -- run, run_step, artifact, selector, selector_invalidated, heal, cache_counters
  entity_id  TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'delta')),
  payload    TEXT NOT NULL,                     -- JSON
  created_at TEXT NOT NULL,
  pushed_at  TEXT                               -- set once the team database has applied it
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE pushed_at IS NULL;
