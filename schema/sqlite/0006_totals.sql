-- Running totals for `pacts serve` (/metrics, /api/summary, /api/cache), kept by triggers in the same
-- transaction as the rows they count, so that a scrape reads a few small rows instead of every run, step and
-- cache_stats row. Filled from the rows already there when this migration runs.
--
-- They are totals of what was recorded: deleting runs (`pacts gc`) does not lower them, so the Prometheus
-- counters built on them never go down. Only the number of runs still 'running' is a level (it goes down when
-- a run finishes or is deleted).

-- Runs per verdict: a run counts under 'running' from begin_run, then under its verdict.
CREATE TABLE run_totals (
  verdict TEXT PRIMARY KEY,
  runs    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO run_totals (verdict, runs) SELECT verdict, count(*) FROM runs GROUP BY verdict;

CREATE TRIGGER run_totals_insert AFTER INSERT ON runs BEGIN
  INSERT INTO run_totals (verdict, runs) VALUES (NEW.verdict, 1)
    ON CONFLICT (verdict) DO UPDATE SET runs = runs + 1;
END;
CREATE TRIGGER run_totals_verdict AFTER UPDATE OF verdict ON runs WHEN OLD.verdict != NEW.verdict BEGIN
  UPDATE run_totals SET runs = runs - 1 WHERE verdict = OLD.verdict;
  INSERT INTO run_totals (verdict, runs) VALUES (NEW.verdict, 1)
    ON CONFLICT (verdict) DO UPDATE SET runs = runs + 1;
END;
CREATE TRIGGER run_totals_delete_running AFTER DELETE ON runs WHEN OLD.verdict = 'running' BEGIN
  UPDATE run_totals SET runs = runs - 1 WHERE verdict = 'running';
END;

-- Executed steps (kind 'step', outcome not 'skipped') per action and duration bucket: bucket b counts the
-- steps with duration <= the b-th bound of kStepDurationBucketsS (serve/metrics.h: 0.05 0.1 0.25 0.5 1 2.5 5
-- 10 30 s) and above the one before; bucket 9 is +Inf. Changing those bounds takes a new migration.
CREATE TABLE step_duration_totals (
  action TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  steps  INTEGER NOT NULL DEFAULT 0,
  sum_ms REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (action, bucket)
);

CREATE VIEW step_duration_bucket AS
  SELECT id, action, duration_ms,
         CASE WHEN duration_ms <= 50 THEN 0 WHEN duration_ms <= 100 THEN 1 WHEN duration_ms <= 250 THEN 2
              WHEN duration_ms <= 500 THEN 3 WHEN duration_ms <= 1000 THEN 4 WHEN duration_ms <= 2500 THEN 5
              WHEN duration_ms <= 5000 THEN 6 WHEN duration_ms <= 10000 THEN 7 WHEN duration_ms <= 30000 THEN 8
              ELSE 9 END AS bucket
  FROM run_steps WHERE kind = 'step' AND outcome != 'skipped';

INSERT INTO step_duration_totals (action, bucket, steps, sum_ms)
  SELECT action, bucket, count(*), sum(duration_ms) FROM step_duration_bucket GROUP BY action, bucket;

CREATE TRIGGER step_duration_totals_insert AFTER INSERT ON run_steps
WHEN NEW.kind = 'step' AND NEW.outcome != 'skipped' BEGIN
  INSERT INTO step_duration_totals (action, bucket, steps, sum_ms)
    SELECT action, bucket, 1, duration_ms FROM step_duration_bucket WHERE id = NEW.id
    ON CONFLICT (action, bucket) DO UPDATE SET steps = steps + 1, sum_ms = sum_ms + excluded.sum_ms;
END;

-- Cache telemetry per day (the first ten characters of recorded_at) and tier, and the lookup latency
-- histogram per tier (counts per bucket of kLatencyBucketsUs, cache/selector_cache.h). cache_stats rows are
-- written with INSERT OR REPLACE: the row being replaced is taken off before the new one is added.
CREATE TABLE cache_day_totals (
  day         TEXT NOT NULL,
  tier        TEXT NOT NULL,
  lookups     INTEGER NOT NULL DEFAULT 0,
  hits        INTEGER NOT NULL DEFAULT 0,
  misses      INTEGER NOT NULL DEFAULT 0,
  discoveries INTEGER NOT NULL DEFAULT 0,
  time_ms     REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (day, tier)
);
CREATE TABLE cache_latency_totals (
  tier   TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  calls  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tier, bucket)
);
-- "The last day" of /api/summary reads cache_stats by time.
CREATE INDEX cache_stats_by_time ON cache_stats (recorded_at);

INSERT INTO cache_day_totals (day, tier, lookups, hits, misses, discoveries, time_ms)
  SELECT substr(recorded_at, 1, 10), tier, sum(lookups), sum(hits), sum(misses), sum(discoveries), sum(time_ms)
  FROM cache_stats GROUP BY 1, 2;
INSERT INTO cache_latency_totals (tier, bucket, calls)
  SELECT s.tier, CAST(h.key AS INTEGER), sum(h.value) FROM cache_stats s,
    json_each(CASE WHEN json_valid(s.histogram) THEN s.histogram ELSE '[]' END) h
  WHERE s.tier != 'all' AND h.type = 'integer' GROUP BY 1, 2;

CREATE TRIGGER cache_totals_replace BEFORE INSERT ON cache_stats BEGIN
  UPDATE cache_day_totals SET lookups = cache_day_totals.lookups - prev.lookups, hits = cache_day_totals.hits - prev.hits, misses = cache_day_totals.misses - prev.misses,
         discoveries = cache_day_totals.discoveries - prev.discoveries, time_ms = cache_day_totals.time_ms - prev.time_ms
    FROM (SELECT * FROM cache_stats WHERE invocation_id = NEW.invocation_id AND tier = NEW.tier) AS prev
    WHERE cache_day_totals.day = substr(prev.recorded_at, 1, 10) AND cache_day_totals.tier = prev.tier;
  UPDATE cache_latency_totals SET calls = cache_latency_totals.calls - h.value
    FROM (SELECT * FROM cache_stats WHERE invocation_id = NEW.invocation_id AND tier = NEW.tier
          AND tier != 'all' AND json_valid(histogram)) AS prev,
         json_each(CASE WHEN json_valid(prev.histogram) THEN prev.histogram ELSE '[]' END) AS h
    WHERE h.type = 'integer' AND cache_latency_totals.tier = prev.tier
      AND cache_latency_totals.bucket = CAST(h.key AS INTEGER);
END;
CREATE TRIGGER cache_totals_insert AFTER INSERT ON cache_stats BEGIN
  INSERT INTO cache_day_totals (day, tier, lookups, hits, misses, discoveries, time_ms)
    VALUES (substr(NEW.recorded_at, 1, 10), NEW.tier, NEW.lookups, NEW.hits, NEW.misses, NEW.discoveries,
            NEW.time_ms)
    ON CONFLICT (day, tier) DO UPDATE SET lookups = lookups + excluded.lookups, hits = hits + excluded.hits,
       misses = misses + excluded.misses, discoveries = discoveries + excluded.discoveries,
       time_ms = time_ms + excluded.time_ms;
  INSERT INTO cache_latency_totals (tier, bucket, calls)
    SELECT NEW.tier, CAST(h.key AS INTEGER), h.value FROM
      json_each(CASE WHEN json_valid(NEW.histogram) THEN NEW.histogram ELSE '[]' END) AS h
    WHERE NEW.tier != 'all' AND h.type = 'integer'
    ON CONFLICT (tier, bucket) DO UPDATE SET calls = calls + excluded.calls;
END;

-- Outbox entries not yet pushed (pacts_sync_pending_entries): a level, one row. A device that never syncs
-- keeps every entry pending, so counting them at each scrape would grow with the store.
CREATE TABLE outbox_pending_total (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  entries INTEGER NOT NULL
);
INSERT INTO outbox_pending_total (one, entries) SELECT 1, count(*) FROM outbox WHERE pushed_at IS NULL;

CREATE TRIGGER outbox_pending_insert AFTER INSERT ON outbox WHEN NEW.pushed_at IS NULL BEGIN
  UPDATE outbox_pending_total SET entries = entries + 1;
END;
CREATE TRIGGER outbox_pending_pushed AFTER UPDATE OF pushed_at ON outbox
WHEN (OLD.pushed_at IS NULL) != (NEW.pushed_at IS NULL) BEGIN
  UPDATE outbox_pending_total SET entries = entries + CASE WHEN NEW.pushed_at IS NULL THEN 1 ELSE -1 END;
END;
CREATE TRIGGER outbox_pending_delete AFTER DELETE ON outbox WHEN OLD.pushed_at IS NULL BEGIN
  UPDATE outbox_pending_total SET entries = entries - 1;
END;
