-- A heal's before and after, kept with its step (issue 11): the selector the step's cache held (which matched
-- another element, or nothing like the stored one), how like the stored fingerprint that element was, the
-- features that differed, the heal strategy that found the element (NULL when none was sure: heal_abstained),
-- how many strategies were tried and the heal's time. The new selector and its score are the step's own
-- selector and score columns. All NULL on a step that did not heal.
ALTER TABLE run_steps ADD COLUMN heal_old_selector TEXT;
ALTER TABLE run_steps ADD COLUMN heal_similarity REAL;
ALTER TABLE run_steps ADD COLUMN heal_changed TEXT;      -- feature names, ", " between them
ALTER TABLE run_steps ADD COLUMN heal_strategy TEXT;
ALTER TABLE run_steps ADD COLUMN heal_tried INTEGER;
ALTER TABLE run_steps ADD COLUMN heal_ms REAL;
