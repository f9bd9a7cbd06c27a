-- Retries (run.retries): a test that passed on a retry after failing is recorded as 'flaky', never as a plain
-- pass, and every run says which attempt of its test it was (1: the first run). SQLite cannot widen a CHECK
-- constraint in place, so runs is rebuilt as SQLite's ALTER TABLE documentation describes: migrations run with
-- foreign keys off (store/migrations.cpp), so dropping the old table deletes no steps or artifacts, and the
-- foreign keys are checked before the migration commits. The new table gets back the indexes of 0001_core and
-- 0004_run_owner (below) and the triggers of 0006_totals (at the end); 0007_summary_window touched no table here.
CREATE TABLE runs_new (
  id                TEXT PRIMARY KEY,
  invocation_id     TEXT NOT NULL,
  device_id         TEXT NOT NULL,
  test_name         TEXT NOT NULL,
  file              TEXT NOT NULL,
  url               TEXT,
  verdict           TEXT NOT NULL CHECK (verdict IN ('running', 'pass', 'fail', 'error', 'flaky')),
  reason            TEXT,
  error             TEXT,
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  duration_ms       INTEGER,
  total_steps       INTEGER NOT NULL DEFAULT 0,
  steps_passed      INTEGER NOT NULL DEFAULT 0,
  total_assertions  INTEGER NOT NULL DEFAULT 0,
  assertions_passed INTEGER NOT NULL DEFAULT 0,
  owner_pid         INTEGER,
  owner_host        TEXT,
  owner_start       TEXT,
  attempt           INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1)
);
INSERT INTO runs_new (id, invocation_id, device_id, test_name, file, url, verdict, reason, error, started_at,
                      finished_at, duration_ms, total_steps, steps_passed, total_assertions, assertions_passed,
                      owner_pid, owner_host, owner_start)
SELECT id, invocation_id, device_id, test_name, file, url, verdict, reason, error, started_at, finished_at,
       duration_ms, total_steps, steps_passed, total_assertions, assertions_passed, owner_pid, owner_host,
       owner_start
FROM runs;
DROP TABLE runs;
ALTER TABLE runs_new RENAME TO runs;
CREATE INDEX runs_by_start ON runs (started_at);
CREATE INDEX runs_running ON runs (owner_host) WHERE verdict = 'running';
-- Dropping the old table dropped its triggers: the running totals of 0006_totals count runs per verdict
-- (flaky ones under 'flaky', pacts_runs_total{verdict="flaky"}), so they come back on the new table.
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
