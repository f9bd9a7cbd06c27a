-- Retries (run.retries): a test that passed on a retry after failing arrives with verdict 'flaky'; the attempts
-- before it arrive as the fail or error they were. runs_per_day counts flaky runs apart: pass_rate stays the
-- share of plain passes.
ALTER TABLE runs DROP CONSTRAINT runs_verdict_check;
ALTER TABLE runs ADD CONSTRAINT runs_verdict_check
  CHECK (verdict IN ('running', 'pass', 'fail', 'error', 'flaky'));

CREATE OR REPLACE VIEW runs_per_day AS
SELECT (started_at AT TIME ZONE 'UTC')::date AS day,
       count(*) AS runs,
       count(*) FILTER (WHERE verdict = 'pass') AS passed,
       count(*) FILTER (WHERE verdict = 'fail') AS failed,
       count(*) FILTER (WHERE verdict = 'error') AS errors,
       count(*) FILTER (WHERE verdict = 'running') AS unfinished,
       round(count(*) FILTER (WHERE verdict = 'pass')::numeric
             / NULLIF(count(*) FILTER (WHERE verdict <> 'running'), 0), 4) AS pass_rate,
       count(DISTINCT device_id) AS devices,
       count(*) FILTER (WHERE verdict = 'flaky') AS flaky
FROM runs
GROUP BY 1;
