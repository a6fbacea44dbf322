// The canonical CSV mapper: students.csv, courses.csv, course_marks.csv,
// student_programs.csv and ag_course_list.csv (formats.md §1) -> model values on a RecordSink.
#pragma once

#include <string>

#include "agmon/core/result.h"
#include "agmon/ingest/csv_reader.h"
#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest {

// Parses one canonical file of the given kind, streaming every good row to the sink
// (on_student / on_course / on_mark / on_program / on_ag_course) and every bad row to
// sink.on_error (exactly one RowError per bad row). Columns are found by header name,
// case-insensitively, in any order; unknown columns are ignored with one warning per file.
//
// Errors (the whole file is refused; rows already sent to the sink must be discarded):
//   kRejected  - empty file, malformed header, or a missing required column
//                ("students.csv: missing required column 'grade_level'");
//   kNotFound / kIoError - the file cannot be opened or read;
//   kInvalidArgument - `kind` is not a canonical kind.
core::Result<FileStats> parse_canonical_file(const std::string& path, FileKind kind,
                                             const ParseOptions& options, RecordSink& sink);

// The same from an opened reader (an uploaded body via CsvReader::open_text, tests).
// Messages use options.display_name (blank: "input").
core::Result<FileStats> parse_canonical(CsvReader& reader, FileKind kind,
                                        const ParseOptions& options, RecordSink& sink);

}  // namespace agmon::ingest
