-- A heal's before and after, kept with its step (sqlite 0009): the old selector, the similarity of the element
-- it matched, the features that differed, the strategy that healed (NULL: none was sure), the strategies tried
-- and the heal's time. The new selector and its score are the step's selector and score.
ALTER TABLE run_steps ADD COLUMN heal_old_selector TEXT, ADD COLUMN heal_similarity DOUBLE PRECISION,
  ADD COLUMN heal_changed TEXT, ADD COLUMN heal_strategy TEXT, ADD COLUMN heal_tried INTEGER,
  ADD COLUMN heal_ms DOUBLE PRECISION;

-- The merge (0002) inserts a step with the columns it knows; a step's heal fields are filled in after it, from
-- the same batch. A step is written once (insert-or-ignore by its id) and its heal never changes, so filling
-- only what is still NULL keeps the merge commutative and a replay changes nothing. The merge as it was stays
-- under its own name and is called first, so that this composes with any other migration that replaces it.
ALTER FUNCTION pacts_merge_batch(TEXT, JSONB) RENAME TO pacts_merge_batch_before_step_heal;

CREATE FUNCTION pacts_merge_batch(p_device TEXT, p_batch JSONB) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pacts_merge_batch_before_step_heal(p_device, p_batch);
  UPDATE run_steps t SET heal_old_selector = x.heal_old_selector, heal_similarity = x.heal_similarity,
    heal_changed = x.heal_changed, heal_strategy = x.heal_strategy, heal_tried = x.heal_tried, heal_ms = x.heal_ms
  FROM (SELECT DISTINCT ON (h.id) h.*
        FROM pacts_batch_entries(p_batch, '{run_step}') s,
             jsonb_to_record(s.p) AS h(id TEXT, heal_old_selector TEXT, heal_similarity DOUBLE PRECISION,
               heal_changed TEXT, heal_strategy TEXT, heal_tried INTEGER, heal_ms DOUBLE PRECISION)
        WHERE h.heal_old_selector IS NOT NULL
        ORDER BY h.id, s.seq) x
  WHERE t.id = x.id AND t.heal_old_selector IS NULL;
END
$$;
