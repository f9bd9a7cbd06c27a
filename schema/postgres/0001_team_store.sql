-- The team store: what every laptop's runs contribute, and what they read back. Sync (outbox push, pull
-- since a watermark) writes here; during a run PACTS only reads selectors and records invalidations.

CREATE TABLE devices (
  device_id     TEXT PRIMARY KEY,
  name          TEXT NOT NULL DEFAULT '',
  first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One selector per (URL pattern, action, target, scope, ordinal, context); cache_key is that tuple in the
-- canonical form every tier shares. Merged by the newest successful verification.
CREATE TABLE selectors (
  cache_key         TEXT PRIMARY KEY,
  url_pattern       TEXT NOT NULL,
  action            TEXT NOT NULL,
  target            TEXT NOT NULL,
  scope             TEXT NOT NULL DEFAULT '',
  ordinal           INTEGER NOT NULL DEFAULT 0,
  context           TEXT NOT NULL DEFAULT '',
  selector          TEXT NOT NULL,
  strategy          TEXT NOT NULL,
  confidence        DOUBLE PRECISION NOT NULL,
  stable            BOOLEAN NOT NULL DEFAULT true,
  fingerprint       JSONB NOT NULL DEFAULT '{}',
  verified_at       TIMESTAMPTZ NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),  -- pull reads changes since a watermark
  failures_in_a_row INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX selectors_by_page ON selectors (url_pattern);
CREATE INDEX selectors_by_update ON selectors (updated_at);

-- Removed selectors, kept so that an older verification arriving later cannot bring one back.
CREATE TABLE selector_invalidations (
  cache_key      TEXT PRIMARY KEY,
  invalidated_at TIMESTAMPTZ NOT NULL
);

-- Counters are per-device rows summed on read: sync adds deltas and never overwrites a total.
CREATE TABLE selector_counters (
  cache_key TEXT NOT NULL,
  device_id TEXT NOT NULL,
  hits      BIGINT NOT NULL DEFAULT 0,
  misses    BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (cache_key, device_id)
);

CREATE TABLE heal_history (
  url_pattern  TEXT NOT NULL,
  cache_key    TEXT NOT NULL DEFAULT '',
  strategy     TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  successes    BIGINT NOT NULL DEFAULT 0,
  failures     BIGINT NOT NULL DEFAULT 0,
  total_ms     DOUBLE PRECISION NOT NULL DEFAULT 0,
  last_used_at TIMESTAMPTZ,
  PRIMARY KEY (url_pattern, cache_key, strategy, device_id)
);

-- Run records by their global ids (UUIDv7), immutable once finished.
CREATE TABLE runs (
  id                TEXT PRIMARY KEY,
  invocation_id     TEXT NOT NULL,
  device_id         TEXT NOT NULL,
  test_name         TEXT NOT NULL,
  file              TEXT NOT NULL,
  url               TEXT,
  verdict           TEXT NOT NULL CHECK (verdict IN ('running', 'pass', 'fail', 'error')),
  reason            TEXT,
  error             TEXT,
  started_at        TIMESTAMPTZ NOT NULL,
  finished_at       TIMESTAMPTZ,
  duration_ms       BIGINT,
  total_steps       INTEGER NOT NULL DEFAULT 0,
  steps_passed      INTEGER NOT NULL DEFAULT 0,
  total_assertions  INTEGER NOT NULL DEFAULT 0,
  assertions_passed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_start ON runs (started_at);

CREATE TABLE run_steps (
  id          TEXT PRIMARY KEY,
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('step', 'assertion')),
  idx         INTEGER NOT NULL,
  line        INTEGER,
  action      TEXT NOT NULL,
  target      TEXT,
  value       TEXT,
  selector    TEXT,
  strategy    TEXT,
  source      TEXT,
  score       DOUBLE PRECISION,
  outcome     TEXT NOT NULL,
  reason      TEXT,
  error       TEXT,
  started_at  TIMESTAMPTZ NOT NULL,
  duration_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
  UNIQUE (run_id, kind, idx)
);

CREATE TABLE artifacts (
  id         TEXT PRIMARY KEY,
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_idx   INTEGER,
  kind       TEXT NOT NULL,
  path       TEXT NOT NULL,
  bytes      BIGINT NOT NULL,
  sha256     TEXT,
  created_at TIMESTAMPTZ NOT NULL
);

-- Cache telemetry per `pacts run` and tier, as recorded on each laptop.
CREATE TABLE cache_stats (
  invocation_id        TEXT NOT NULL,
  device_id            TEXT NOT NULL,
  tier                 TEXT NOT NULL,
  recorded_at          TIMESTAMPTZ NOT NULL,
  lookups              BIGINT NOT NULL DEFAULT 0,
  hits                 BIGINT NOT NULL DEFAULT 0,
  errors               BIGINT NOT NULL DEFAULT 0,
  skipped              BIGINT NOT NULL DEFAULT 0,
  writes               BIGINT NOT NULL DEFAULT 0,
  time_ms              DOUBLE PRECISION NOT NULL DEFAULT 0,
  histogram            JSONB NOT NULL DEFAULT '[]',
  PRIMARY KEY (invocation_id, tier)
);

-- Which outbox sequence ranges of each device have been applied, so a replayed batch changes nothing.
CREATE TABLE sync_applied (
  device_id  TEXT NOT NULL,
  seq_from   BIGINT NOT NULL,
  seq_to     BIGINT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq_from)
);
