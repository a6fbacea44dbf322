// The UC A-G course list as the public UC JSON gives it (formats.md §4):
// {"courses":[{"courseId":..,"title":..,"transcriptAbbreviations":"A, B","subjectAreaCode":"d",
//   "isHonors":1,"disciplineName":..,"courseLengthId":2,...}]}. Each course goes to the sink as
// an AgCourseListEntry; the import service matches them to the SIS catalog.
#pragma once

#include <optional>
#include <string>

#include "agmon/core/result.h"
#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest {

// A JSON object whose first key or early text is "courses" (a file detector).
std::optional<FileKind> detect_uc_course_list(const FileSniff& sniff);

// Parses the list. The school comes from ingest.uc.institutions ("99990:9900011,..."; the UC
// institution id is the file's "institutionId" or the digits after "institution-" in its
// name); the list year from the file's "listYear"/"academicYear" or ingest.uc.list_year. Honors:
// honorsTypeName when given (AP, IB, UC Honors), else isHonors = 1 reads as AP / IB when the
// title starts so, else UC_HONORS. courseLengthId 1 = semester, 2 = year.
// A course without courseId, title or a valid subjectAreaCode is quarantined (line of the
// course object). Errors: kRejected for text that is not JSON or has no "courses" array.
core::Result<FileStats> parse_uc_course_list_file(const std::string& path, FileKind kind,
                                                  const ParseOptions& options, RecordSink& sink);

}  // namespace agmon::ingest
