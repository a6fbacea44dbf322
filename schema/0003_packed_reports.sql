-- agmon schema, version 3: the student report stored packed (zlib with a preset dictionary,
-- include/agmon/store/report_codec.h), about 10x smaller than the JSON text (8 KB -> 0.8 KB a
-- student). New evaluations write report_packed and leave report_json ''; rows written before
-- this version keep their text. Readers take report_packed when it is set, else report_json.
ALTER TABLE student_evaluations ADD COLUMN report_packed BLOB;
