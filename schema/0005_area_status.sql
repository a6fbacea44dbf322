-- agmon schema, version 5: each evaluation keeps its UC areas' standing, one letter per area
-- a..g (m = met, p = met once the in-progress courses pass, s = short), so the student list
-- (GET /api/v1/students) carries the a-g strip without reading every student's report. NULL =
-- evaluated before this version; the next import re-evaluates those students (found through
-- the partial index below, which is empty once they are).
ALTER TABLE student_evaluations ADD COLUMN uc_area_status TEXT;
CREATE INDEX student_evaluations_unsummarised ON student_evaluations(student_id)
  WHERE uc_area_status IS NULL;
