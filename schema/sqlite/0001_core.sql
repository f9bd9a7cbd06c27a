-- Runs, their steps and artifacts, and the machine's identity. Ids are UUIDv7 strings, unique across
-- laptops, so that sync can merge them into the team database without renumbering.
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE runs (
  id                TEXT PRIMARY KEY,
  invocation_id     TEXT NOT NULL,              -- one `pacts run` command, several tests
  device_id         TEXT NOT NULL,
  test_name         TEXT NOT NULL,
  file              TEXT NOT NULL,
  url               TEXT,
  verdict           TEXT NOT NULL CHECK (verdict IN ('running', 'pass', 'fail', 'error')),
  reason            TEXT,                       -- not_found, ambiguous, assertion_failed, ...
  error             TEXT,
  started_at        TEXT NOT NULL,              -- ISO 8601, UTC
  finished_at       TEXT,
  duration_ms       INTEGER,
  total_steps       INTEGER NOT NULL DEFAULT 0,
  steps_passed      INTEGER NOT NULL DEFAULT 0,
  total_assertions  INTEGER NOT NULL DEFAULT 0,
  assertions_passed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_start ON runs (started_at);

-- One row per executed step or checked assertion.
CREATE TABLE run_steps (
  id           TEXT PRIMARY KEY,
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('step', 'assertion')),
  idx          INTEGER NOT NULL,
  line         INTEGER,
  action       TEXT NOT NULL,                   -- fill, click, ... or the assertion type
  target       TEXT,
  value        TEXT,                            -- secrets already masked
  selector     TEXT,
  strategy     TEXT,
  source       TEXT,                            -- sqlite, redis, postgres, discovery, healed
  score        REAL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'skipped')),
  reason       TEXT,
  error        TEXT,
  started_at   TEXT NOT NULL,
  duration_ms  REAL NOT NULL DEFAULT 0,
  lookup_ms    REAL NOT NULL DEFAULT 0,         -- cache lookup and verification
  discovery_ms REAL NOT NULL DEFAULT 0,
  action_ms    REAL NOT NULL DEFAULT 0,         -- actionability wait and the action itself
  settle_ms    REAL NOT NULL DEFAULT 0,
  UNIQUE (run_id, kind, idx)
);

CREATE TABLE artifacts (
  id         TEXT PRIMARY KEY,
  run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_idx   INTEGER,
  kind       TEXT NOT NULL,                     -- screenshot, html
  path       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  sha256     TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX artifacts_by_run ON artifacts (run_id);
