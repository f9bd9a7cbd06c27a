-- Cache telemetry per `pacts run` (invocation) and tier, so that `pacts cache stats` can show hit rates over
-- time and sync can aggregate them across laptops. The row with tier 'all' holds what belongs to no tier:
-- misses, failed verifications, invalidations, discoveries.
CREATE TABLE cache_stats (
  invocation_id        TEXT NOT NULL,
  tier                 TEXT NOT NULL,
  recorded_at          TEXT NOT NULL,
  lookups              INTEGER NOT NULL DEFAULT 0,
  hits                 INTEGER NOT NULL DEFAULT 0,
  errors               INTEGER NOT NULL DEFAULT 0,
  skipped              INTEGER NOT NULL DEFAULT 0,
  writes               INTEGER NOT NULL DEFAULT 0,
  time_ms              REAL NOT NULL DEFAULT 0,
  histogram            TEXT NOT NULL DEFAULT '[]',  -- counts per latency bucket (bounds in the code)
  misses               INTEGER NOT NULL DEFAULT 0,
  verifications_failed INTEGER NOT NULL DEFAULT 0,
  invalidations        INTEGER NOT NULL DEFAULT 0,
  discoveries          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (invocation_id, tier)
);
