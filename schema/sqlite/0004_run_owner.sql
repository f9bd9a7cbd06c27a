-- The process that runs a test, so that the next pacts to open the store can tell a run whose process was
-- killed (kill -9, an out-of-memory kill, a power cut) from one still going, and close it as interrupted.
-- owner_start is the process's boot and start time (core/process.h): a later process that reuses the pid
-- does not share it. NULL for runs recorded before this migration: those are left as they are.
ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
ALTER TABLE runs ADD COLUMN owner_host TEXT;
ALTER TABLE runs ADD COLUMN owner_start TEXT;
CREATE INDEX runs_running ON runs (owner_host) WHERE verdict = 'running';
