-- agmon schema, version 6: the (school, course, year) combinations that have course marks, and
-- how many marks each has. It replaces the index course_marks_school_year. Of the queries that
-- read that index, the as-of year (the latest year with a mark) and the schools offering AP in
-- a year (a mark of an AP course) now read a few thousand rows here instead of a million index
-- entries; a full import's search for the marks its files no longer list scans the table, as it
-- scanned every entry of the index. A first load no longer sorts every mark to build the index.
-- 1M marks: 0.6 s of a first load, 0.2 s of every later import, 40 MB of the file.
--
-- The triggers keep it exact on every write to course_marks. A load into an empty course_marks
-- suspends them and writes the counts once, as it does for indexes (store/mark_year_counts.h).
-- Marks are never written with INSERT OR REPLACE: its implicit delete fires no trigger.
CREATE TABLE course_mark_years (
  school_code     TEXT NOT NULL,
  local_course_id TEXT NOT NULL,
  academic_year   TEXT NOT NULL,
  marks           INTEGER NOT NULL,
  PRIMARY KEY (school_code, local_course_id, academic_year)
) WITHOUT ROWID;

INSERT INTO course_mark_years
  SELECT school_code, local_course_id, academic_year, count(*) FROM course_marks GROUP BY 1, 2, 3;

CREATE TRIGGER course_mark_years_insert AFTER INSERT ON course_marks BEGIN
  INSERT INTO course_mark_years VALUES (new.school_code, new.local_course_id, new.academic_year, 1)
    ON CONFLICT DO UPDATE SET marks = marks + 1;
END;

CREATE TRIGGER course_mark_years_delete AFTER DELETE ON course_marks BEGIN
  UPDATE course_mark_years SET marks = marks - 1 WHERE school_code = old.school_code AND
    local_course_id = old.local_course_id AND academic_year = old.academic_year;
  DELETE FROM course_mark_years WHERE school_code = old.school_code AND
    local_course_id = old.local_course_id AND academic_year = old.academic_year AND marks = 0;
END;

-- agmon only ever updates a mark's other columns; this keeps the counts right if anything moves
-- a mark to another course or year.
CREATE TRIGGER course_mark_years_move AFTER UPDATE OF school_code, local_course_id, academic_year
  ON course_marks BEGIN
  UPDATE course_mark_years SET marks = marks - 1 WHERE school_code = old.school_code AND
    local_course_id = old.local_course_id AND academic_year = old.academic_year;
  DELETE FROM course_mark_years WHERE school_code = old.school_code AND
    local_course_id = old.local_course_id AND academic_year = old.academic_year AND marks = 0;
  INSERT INTO course_mark_years VALUES (new.school_code, new.local_course_id, new.academic_year, 1)
    ON CONFLICT DO UPDATE SET marks = marks + 1;
END;

DROP INDEX course_marks_school_year;
