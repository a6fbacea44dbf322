// The CALPADS importer (formats.md §2): caret-delimited SENR, SINF, SELA, SPRG, CRSC/CRSE and
// SCSC/SCSE files, as submitted or as ODS extracts ("-R" record types with two trailing
// dates), read through a versioned layout table (calpads_layout.h) and mapped to the
// canonical model per formats-research.md §6.3 and §1.12.
#pragma once

#include <optional>
#include <string>

#include "agmon/core/result.h"
#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest {

// Recognises a CALPADS file by the record type in field 1 of its first line (a file
// detector for file_detectors()).
std::optional<FileKind> detect_calpads(const FileSniff& sniff);

// Parses one CALPADS file, streaming to the sink:
//   SENR -> on_student (one per student: the primary enrollment of their latest year; every
//           enrollment's grade is kept in sink.calpads_state() for SCSC);
//   SINF -> on_student_update (gender, Hispanic, race codes, SED by parent education) from the
//           record in effect on the as-of date;
//   SELA -> on_student_update (EL status as of the as-of date);
//   SPRG -> on_program per record, and on_student_update raising SED / homeless / foster for
//           programs open on the as-of date;
//   CRSC/CRSE -> on_course (one per school, course and year; sections kept for SCSC);
//   SCSC/SCSE -> on_mark (A-G area from 10.19 as ag_area_override, grade from SENR).
// Bad records go to sink.on_error with CALPADS field numbers. Errors (whole file refused):
// kRejected "layout mismatch" when the first records do not fit the layout chosen by
// ingest.calpads.layout (field count, record type, dates), or a bad layout setting;
// kNotFound / kIoError when the file cannot be read.
core::Result<FileStats> parse_calpads_file(const std::string& path, FileKind kind,
                                           const ParseOptions& options, RecordSink& sink);

}  // namespace agmon::ingest
