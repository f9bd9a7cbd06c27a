-- What sync needs in the team store: change stamps a pull can follow without missing a transaction that
-- commits late, the record of applied and rejected outbox entries, per-device pull cursors, the columns the
-- merge rules need, and views for reports.

-- This database's identity. A laptop keys its pull cursor by it, so that pointing pacts at another (or a
-- re-created) team database pulls everything again instead of trusting a cursor from elsewhere.
CREATE TABLE team_store (
  team_id    TEXT PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO team_store (team_id) VALUES (gen_random_uuid()::text);

-- Every row a pull reads carries the id of the transaction that last wrote it (xid8, never wraps). A pull
-- reads rows with changed_xid >= its cursor and then sets the cursor to the xmin of its own snapshot: every
-- transaction below that had finished when the pull looked, so a transaction that started earlier but
-- committed later than rows already pulled is still ahead of the cursor. (updated_at cannot do this: it is
-- the writer's start time, and a late commit carries an old one.)
CREATE FUNCTION pacts_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_xid := pg_current_xact_id();
  RETURN NEW;
END
$$;

-- The device whose verification a selector row holds: with verified_at it decides the merge (newest
-- verification wins, the greater device id on a tie).
ALTER TABLE selectors ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE selectors ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX selectors_by_change ON selectors (changed_xid);
CREATE TRIGGER selectors_stamp BEFORE INSERT OR UPDATE ON selectors
  FOR EACH ROW EXECUTE FUNCTION pacts_stamp_change();

ALTER TABLE selector_invalidations ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX selector_invalidations_by_change ON selector_invalidations (changed_xid);
CREATE TRIGGER selector_invalidations_stamp BEFORE INSERT OR UPDATE ON selector_invalidations
  FOR EACH ROW EXECUTE FUNCTION pacts_stamp_change();

ALTER TABLE heal_history ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX heal_history_by_change ON heal_history (changed_xid);
CREATE TRIGGER heal_history_stamp BEFORE INSERT OR UPDATE ON heal_history
  FOR EACH ROW EXECUTE FUNCTION pacts_stamp_change();

-- Steps and artifacts reference their run by id, without a foreign key: entries arrive at least once and in
-- batches, and an outbox written by an older pacts queued a run's steps before the run itself.
ALTER TABLE run_steps DROP CONSTRAINT run_steps_run_id_fkey;
ALTER TABLE artifacts DROP CONSTRAINT artifacts_run_id_fkey;
CREATE INDEX artifacts_by_run ON artifacts (run_id);

-- The counters the local store keeps per run since schema/sqlite/0003.
ALTER TABLE cache_stats ADD COLUMN misses BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cache_stats ADD COLUMN verifications_failed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cache_stats ADD COLUMN invalidations BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cache_stats ADD COLUMN discoveries BIGINT NOT NULL DEFAULT 0;

-- Latency histograms (JSON arrays of counts per bucket) are added bucket by bucket.
CREATE FUNCTION pacts_sum_histograms(a JSONB, b JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(jsonb_agg(COALESCE((a ->> i)::numeric, 0) + COALESCE((b ->> i)::numeric, 0) ORDER BY i), '[]')
  FROM generate_series(0, GREATEST(jsonb_array_length(COALESCE(a, '[]')), jsonb_array_length(COALESCE(b, '[]'))) - 1) AS i
$$;
CREATE AGGREGATE pacts_histogram_sum(JSONB) (SFUNC = pacts_sum_histograms, STYPE = JSONB, INITCOND = '[]');

-- Delivering a batch of a device's outbox entries, in one transaction of the pushing laptop:
--   SELECT * FROM pacts_lock_device(device, first seq, last seq)  -- serialize per device; the applied
--                                                                  -- ranges overlapping the batch
--   SELECT pacts_merge_batch(device, entries)   -- the entries not applied before, as a JSON array of
--                                               -- {"seq", "entity", "p": the payload as text}
--   SELECT pacts_record_delivery(device, name, oldest, newest, ranges)
-- so that a batch replayed after a crash, a lost acknowledgement or by a second process changes nothing.

CREATE FUNCTION pacts_lock_device(p_device TEXT, p_first BIGINT, p_last BIGINT)
RETURNS TABLE (seq_from BIGINT, seq_to BIGINT) LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('pacts-sync:' || p_device, 0));
  -- A statement after the lock: its snapshot shows what the lock's previous holder committed.
  RETURN QUERY SELECT a.seq_from, a.seq_to FROM sync_applied a
               WHERE a.device_id = p_device AND a.seq_to >= p_first AND a.seq_from <= p_last;
END
$$;

-- The batch's entries of the given entities, each payload parsed once.
CREATE FUNCTION pacts_batch_entries(p_batch JSONB, p_entities TEXT[])
RETURNS TABLE (seq BIGINT, entity TEXT, p JSONB) LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY SELECT e.seq, e.entity, e.p::jsonb FROM jsonb_to_recordset(p_batch) AS e(seq BIGINT, entity TEXT, p TEXT)
               WHERE e.entity = ANY (p_entities);
END
$$;

-- The merge rules, one set-based statement per entity. Every rule is commutative and associative, so batches
-- may arrive in any order, and a batch merged whole or in parts gives one result:
--   runs, run_steps, artifacts: by their global ids, insert-or-ignore (a finished run replaces its running
--     record, nothing replaces a finished one);
--   selector_counters, heal_history, cache_stats: deltas added to the device's own row, never overwritten;
--   selectors: the newest successful verification wins (a discovery, or a verified hit, which carries its
--     selector), the greater device id on a tie; an invalidation beats any verification older than it.
-- Selector keys are locked (hashed into 256 advisory locks, in ascending order) before they are touched:
-- otherwise a verification and an invalidation of one key, merged at once by two devices, could each miss
-- the other's uncommitted row and an invalidated selector would survive.
CREATE FUNCTION pacts_merge_batch(p_device TEXT, p_batch JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1885430643, k.b)
  FROM (SELECT DISTINCT (hashtextextended(s.p->>'cache_key', 0) & 255)::int AS b
        FROM pacts_batch_entries(p_batch, '{selector,selector_counters,selector_invalidated}') s ORDER BY 1) k;

  INSERT INTO runs (id, invocation_id, device_id, test_name, file, url, verdict, reason, error, started_at,
                    finished_at, duration_ms, total_steps, steps_passed, total_assertions, assertions_passed)
  SELECT DISTINCT ON (r.id) r.id, r.invocation_id, p_device, r.test_name, r.file, r.url, r.verdict,
         NULLIF(r.reason, ''), NULLIF(r.error, ''), r.started_at::timestamptz, NULLIF(r.finished_at, '')::timestamptz,
         r.duration_ms, COALESCE(r.total_steps, 0), COALESCE(r.steps_passed, 0), COALESCE(r.total_assertions, 0),
         COALESCE(r.assertions_passed, 0)
  FROM pacts_batch_entries(p_batch, '{run}') s,
       jsonb_to_record(s.p) AS r(id TEXT, invocation_id TEXT, test_name TEXT, file TEXT, url TEXT, verdict TEXT,
         reason TEXT, error TEXT, started_at TEXT, finished_at TEXT, duration_ms BIGINT, total_steps INTEGER,
         steps_passed INTEGER, total_assertions INTEGER, assertions_passed INTEGER)
  ORDER BY r.id, r.verdict = 'running', s.seq DESC
  ON CONFLICT (id) DO UPDATE SET verdict = excluded.verdict, reason = excluded.reason, error = excluded.error,
    finished_at = excluded.finished_at, duration_ms = excluded.duration_ms, total_steps = excluded.total_steps,
    steps_passed = excluded.steps_passed, total_assertions = excluded.total_assertions,
    assertions_passed = excluded.assertions_passed
  WHERE runs.verdict = 'running' AND excluded.verdict <> 'running';

  INSERT INTO run_steps (id, run_id, kind, idx, line, action, target, value, selector, strategy, source, score,
                         outcome, reason, error, started_at, duration_ms)
  SELECT x.id, x.run_id, x.kind, x.idx, x.line, x.action, x.target, x.value, x.selector, x.strategy, x.source,
         x.score, x.outcome, x.reason, x.error, x.started_at, COALESCE(x.duration_ms, 0)
  FROM pacts_batch_entries(p_batch, '{run_step}') s,
       jsonb_to_record(s.p) AS x(id TEXT, run_id TEXT, kind TEXT, idx INTEGER, line INTEGER, action TEXT,
         target TEXT, value TEXT, selector TEXT, strategy TEXT, source TEXT, score DOUBLE PRECISION, outcome TEXT,
         reason TEXT, error TEXT, started_at TIMESTAMPTZ, duration_ms DOUBLE PRECISION)
  ORDER BY s.seq
  ON CONFLICT DO NOTHING;

  INSERT INTO artifacts (id, run_id, step_idx, kind, path, bytes, sha256, created_at)
  SELECT a.id, a.run_id, a.step_idx, a.kind, a.path, a.bytes, NULLIF(a.sha256, ''), a.created_at
  FROM pacts_batch_entries(p_batch, '{artifact}') s,
       jsonb_to_record(s.p) AS a(id TEXT, run_id TEXT, step_idx INTEGER, kind TEXT, path TEXT, bytes BIGINT,
         sha256 TEXT, created_at TIMESTAMPTZ)
  ORDER BY s.seq
  ON CONFLICT DO NOTHING;

  INSERT INTO selector_invalidations (cache_key, invalidated_at)
  SELECT s.p->>'cache_key', max((s.p->>'invalidated_at')::timestamptz)
  FROM pacts_batch_entries(p_batch, '{selector_invalidated}') s GROUP BY 1 ORDER BY 1
  ON CONFLICT (cache_key) DO UPDATE SET invalidated_at = excluded.invalidated_at
  WHERE selector_invalidations.invalidated_at < excluded.invalidated_at;

  DELETE FROM selectors t USING selector_invalidations i
  WHERE i.cache_key = t.cache_key AND t.verified_at < i.invalidated_at
    AND t.cache_key IN (SELECT s.p->>'cache_key' FROM pacts_batch_entries(p_batch, '{selector_invalidated}') s);

  INSERT INTO selectors (cache_key, url_pattern, action, target, scope, ordinal, context, selector, strategy,
                         confidence, stable, fingerprint, verified_at, verified_by, created_at)
  SELECT v.cache_key, v.url_pattern, v.action, v.target, v.scope, v.ordinal, v.context, v.selector, v.strategy,
         v.confidence, v.stable, v.fingerprint, v.verified_at, p_device, v.created_at
  FROM (SELECT DISTINCT ON (x.cache_key) x.cache_key, x.url_pattern, x.action, x.target,
               COALESCE(x.scope, '') AS scope, COALESCE(x.ordinal, 0) AS ordinal, COALESCE(x.context, '') AS context,
               x.selector, x.strategy, x.confidence, COALESCE(x.stable, true) AS stable,
               COALESCE(NULLIF(x.fingerprint, '')::jsonb, '{}') AS fingerprint,
               x.verified_at::timestamptz AS verified_at,
               COALESCE(NULLIF(x.created_at, '')::timestamptz, x.verified_at::timestamptz) AS created_at
        FROM pacts_batch_entries(p_batch, '{selector,selector_counters}') s,
             jsonb_to_record(s.p) AS x(cache_key TEXT, url_pattern TEXT, action TEXT, target TEXT, scope TEXT,
               ordinal INTEGER, context TEXT, selector TEXT, strategy TEXT, confidence DOUBLE PRECISION,
               stable BOOLEAN, fingerprint TEXT, verified_at TEXT, created_at TEXT)
        WHERE s.entity = 'selector' OR s.p ? 'selector'
        ORDER BY x.cache_key, x.verified_at::timestamptz DESC, s.seq DESC) v
  WHERE NOT EXISTS (SELECT 1 FROM selector_invalidations i
                    WHERE i.cache_key = v.cache_key AND i.invalidated_at > v.verified_at)
  ORDER BY v.cache_key
  ON CONFLICT (cache_key) DO UPDATE SET selector = excluded.selector, strategy = excluded.strategy,
    confidence = excluded.confidence, stable = excluded.stable, fingerprint = excluded.fingerprint,
    verified_at = excluded.verified_at, verified_by = excluded.verified_by, updated_at = now(),
    failures_in_a_row = 0
  WHERE (selectors.verified_at, selectors.verified_by) < (excluded.verified_at, excluded.verified_by);

  INSERT INTO selector_counters (cache_key, device_id, hits, misses)
  SELECT s.p->>'cache_key', p_device, sum(COALESCE((s.p->>'hits')::bigint, 0)),
         sum(COALESCE((s.p->>'misses')::bigint, 0))
  FROM pacts_batch_entries(p_batch, '{selector_counters}') s GROUP BY 1 ORDER BY 1
  ON CONFLICT (cache_key, device_id) DO UPDATE SET hits = selector_counters.hits + excluded.hits,
    misses = selector_counters.misses + excluded.misses;

  INSERT INTO heal_history (url_pattern, cache_key, strategy, device_id, successes, failures, total_ms, last_used_at)
  SELECT s.p->>'url_pattern', COALESCE(s.p->>'cache_key', ''), s.p->>'strategy', p_device,
         sum(COALESCE((s.p->>'successes')::bigint, 0)), sum(COALESCE((s.p->>'failures')::bigint, 0)),
         sum(COALESCE((s.p->>'total_ms')::float8, 0)), max(NULLIF(s.p->>'last_used_at', '')::timestamptz)
  FROM pacts_batch_entries(p_batch, '{heal}') s GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (url_pattern, cache_key, strategy, device_id) DO UPDATE SET
    successes = heal_history.successes + excluded.successes, failures = heal_history.failures + excluded.failures,
    total_ms = heal_history.total_ms + excluded.total_ms,
    last_used_at = GREATEST(heal_history.last_used_at, excluded.last_used_at);

  INSERT INTO cache_stats (invocation_id, device_id, tier, recorded_at, lookups, hits, errors, skipped, writes,
                           time_ms, histogram, misses, verifications_failed, invalidations, discoveries)
  SELECT s.p->>'invocation_id', p_device, t->>'tier', max((s.p->>'recorded_at')::timestamptz),
         sum(COALESCE((t->>'lookups')::bigint, 0)), sum(COALESCE((t->>'hits')::bigint, 0)),
         sum(COALESCE((t->>'errors')::bigint, 0)), sum(COALESCE((t->>'skipped')::bigint, 0)),
         sum(COALESCE((t->>'writes')::bigint, 0)), sum(COALESCE((t->>'time_ms')::float8, 0)),
         pacts_histogram_sum(COALESCE(t->'histogram', '[]')), sum(COALESCE((t->>'misses')::bigint, 0)),
         sum(COALESCE((t->>'verifications_failed')::bigint, 0)), sum(COALESCE((t->>'invalidations')::bigint, 0)),
         sum(COALESCE((t->>'discoveries')::bigint, 0))
  FROM pacts_batch_entries(p_batch, '{cache_stats}') s, jsonb_array_elements(s.p->'tiers') t
  GROUP BY 1, 3 ORDER BY 1, 3
  ON CONFLICT (invocation_id, tier) DO UPDATE SET
    recorded_at = GREATEST(cache_stats.recorded_at, excluded.recorded_at),
    lookups = cache_stats.lookups + excluded.lookups, hits = cache_stats.hits + excluded.hits,
    errors = cache_stats.errors + excluded.errors, skipped = cache_stats.skipped + excluded.skipped,
    writes = cache_stats.writes + excluded.writes, time_ms = cache_stats.time_ms + excluded.time_ms,
    histogram = pacts_sum_histograms(cache_stats.histogram, excluded.histogram),
    misses = cache_stats.misses + excluded.misses,
    verifications_failed = cache_stats.verifications_failed + excluded.verifications_failed,
    invalidations = cache_stats.invalidations + excluded.invalidations,
    discoveries = cache_stats.discoveries + excluded.discoveries;
END
$$;

-- The seq ranges this delivery applied (a JSON array of [from, to]) and the device, with its name and the
-- times of its oldest and newest entry so far.
CREATE FUNCTION pacts_record_delivery(p_device TEXT, p_name TEXT, p_oldest TIMESTAMPTZ, p_newest TIMESTAMPTZ,
                                      p_ranges JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_applied (device_id, seq_from, seq_to)
  SELECT p_device, (r->>0)::bigint, (r->>1)::bigint FROM jsonb_array_elements(p_ranges) r;
  INSERT INTO devices (device_id, name, first_seen_at, last_seen_at) VALUES (p_device, p_name, p_oldest, p_newest)
  ON CONFLICT (device_id) DO UPDATE SET name = excluded.name,
    first_seen_at = LEAST(devices.first_seen_at, excluded.first_seen_at),
    last_seen_at = GREATEST(devices.last_seen_at, excluded.last_seen_at);
END
$$;

-- sync_applied (0001) holds ranges of outbox sequence numbers per device; a batch looks up the ranges that
-- overlap it.
CREATE INDEX sync_applied_by_end ON sync_applied (device_id, seq_to);

-- Outbox entries whose payload the team store refused (a value out of range, a damaged record). Their seq
-- is inside an applied range, so a replay does not try them again; the laptop keeps them too.
CREATE TABLE sync_rejected (
  device_id   TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  payload     TEXT NOT NULL,
  error       TEXT NOT NULL,
  rejected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);

-- Where each device's pull has got to (the laptop keeps its own cursor in its store, in the same
-- transaction as what it pulled; this copy is for `pacts db info --postgres` and the dashboard).
CREATE TABLE sync_cursors (
  device_id TEXT PRIMARY KEY,
  watermark xid8 NOT NULL,
  pulled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Reports.
CREATE VIEW runs_per_day AS
SELECT (started_at AT TIME ZONE 'UTC')::date AS day,
       count(*) AS runs,
       count(*) FILTER (WHERE verdict = 'pass') AS passed,
       count(*) FILTER (WHERE verdict = 'fail') AS failed,
       count(*) FILTER (WHERE verdict = 'error') AS errors,
       count(*) FILTER (WHERE verdict = 'running') AS unfinished,
       round(count(*) FILTER (WHERE verdict = 'pass')::numeric
             / NULLIF(count(*) FILTER (WHERE verdict <> 'running'), 0), 4) AS pass_rate,
       count(DISTINCT device_id) AS devices
FROM runs
GROUP BY 1;

-- Per tier ("sqlite", "redis", "postgres") and overall ("all": a lookup any tier answered).
CREATE VIEW cache_hit_rate_per_day AS
SELECT (recorded_at AT TIME ZONE 'UTC')::date AS day,
       tier,
       sum(lookups) AS lookups,
       sum(hits) AS hits,
       round(sum(hits)::numeric / NULLIF(sum(lookups), 0), 4) AS hit_rate,
       sum(errors) AS errors,
       count(DISTINCT invocation_id) AS invocations
FROM cache_stats
GROUP BY 1, 2;

-- Each heal is counted once per page (cache_key '') and once per key; the per-page rows are the totals.
CREATE VIEW heal_success_rate AS
SELECT strategy,
       sum(successes) AS successes,
       sum(failures) AS failures,
       round(sum(successes)::numeric / NULLIF(sum(successes) + sum(failures), 0), 4) AS success_rate,
       sum(total_ms) / NULLIF(sum(successes) + sum(failures), 0) AS avg_ms,
       count(DISTINCT device_id) AS devices
FROM heal_history
WHERE cache_key = ''
GROUP BY strategy;
