-- agmon schema, version 2: indexes for subgroup gaps and the alert lifecycle (equity.md §2-4).

-- Covering index for the gap GROUP BYs: every aggregation column, led by the year and grade
-- (each metric's population is a grade range), so a table never reads the report JSON rows.
CREATE INDEX student_evaluations_gaps ON student_evaluations(
  as_of_year, grade, school_code, race_ethnicity, gender, el, sed, swd, foster, homeless,
  uc_complete, uc_complete_projected, csu_complete, csu_complete_projected, on_track,
  ap_this_year, uc_gpa_capped);

-- A counselor's caseload of alerts (lists and the weekly digest).
CREATE INDEX alerts_counselor ON alerts(counselor_id, status);
