// libFuzzer target: file kind detection and the canonical CSV mapper (students, courses,
// course_marks, student_programs, ag_course_list). The kind comes from the header, as in an
// import; a header that names no kind is mapped as the kind picked by the first byte, so the
// row rules of every kind see hostile rows. Contract: every row is either emitted or
// reported, exactly once (rows_read = emitted + quarantined).
#include <map>
#include <string>

#include "agmon/ingest/calpads_importer.h"
#include "agmon/ingest/canonical_mapper.h"
#include "agmon/ingest/file_kind.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace agmon::ingest;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  FileSniff sniff;
  sniff.path = "fuzz.csv";
  sniff.head = std::string(text.substr(0, kSniffBytes));
  (void)detect_calpads(sniff);
  auto kind = detect_canonical_csv(sniff);
  if (!kind) {
    static const FileKind kKinds[] = {FileKind::kStudents, FileKind::kCourses, FileKind::kCourseMarks,
                                      FileKind::kStudentPrograms, FileKind::kAgCourseList};
    kind = kKinds[size ? data[0] % 5 : 0];
  }
  CsvReader reader;
  reader.open_text(text);
  ParseOptions options;
  options.display_name = "fuzz.csv";
  agmon::fuzz::CheckingSink sink;
  auto stats = parse_canonical(reader, *kind, options, sink);
  if (stats) {
    agmon::fuzz::require(stats->rows_read == stats->rows_emitted + stats->rows_quarantined,
                         "rows_read != emitted + quarantined");
    agmon::fuzz::require(stats->rows_quarantined == sink.errors, "quarantined rows != on_error calls");
  } else {
    agmon::fuzz::require(!stats.error().message.empty(), "a refusal without a message");
  }
  return 0;
}
