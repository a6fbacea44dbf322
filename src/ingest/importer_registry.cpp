// The parser table and parse_file(): detect, then dispatch.
#include "agmon/ingest/importer_registry.h"

#include "agmon/ingest/calpads_importer.h"
#include "agmon/ingest/canonical_mapper.h"
#include "agmon/ingest/oneroster_importer.h"
#include "agmon/ingest/uc_course_list.h"

namespace agmon::ingest {

const std::vector<ParserEntry>& file_parsers() {
  static const std::vector<ParserEntry> kParsers = {
      {FileKind::kStudents, &parse_canonical_file},
      {FileKind::kCourses, &parse_canonical_file},
      {FileKind::kCourseMarks, &parse_canonical_file},
      {FileKind::kStudentPrograms, &parse_canonical_file},
      {FileKind::kAgCourseList, &parse_canonical_file},
      {FileKind::kCalpadsSenr, &parse_calpads_file},
      {FileKind::kCalpadsSinf, &parse_calpads_file},
      {FileKind::kCalpadsSela, &parse_calpads_file},
      {FileKind::kCalpadsSprg, &parse_calpads_file},
      {FileKind::kCalpadsCrsc, &parse_calpads_file},
      {FileKind::kCalpadsScsc, &parse_calpads_file},
      {FileKind::kUcCourseList, &parse_uc_course_list_file},
      {FileKind::kOneRosterFolder, &parse_oneroster},
  };
  return kParsers;
}

core::Result<FileStats> parse_file_as(const std::string& path, FileKind kind,
                                      const ParseOptions& options, RecordSink& sink) {
  for (const ParserEntry& entry : file_parsers()) {
    if (entry.kind == kind) return entry.parse(path, kind, options, sink);
  }
  std::string name = options.display_name.empty() ? base_name(path) : options.display_name;
  return core::make_error(core::ErrorCode::kRejected,
                          name + ": files of kind '" + std::string(file_kind_name(kind)) +
                              "' cannot be imported yet");
}

core::Result<FileStats> parse_file(const std::string& path, const ParseOptions& options,
                                   RecordSink& sink) {
  core::Result<FileKind> kind = detect_file_kind(path);
  if (!kind) {
    if (options.display_name.empty()) return kind.error();
    // Messages name the file as the caller shows it.
    core::Error e = kind.error();
    std::string base = base_name(path);
    if (e.message.compare(0, base.size(), base) == 0) {
      e.message = options.display_name + e.message.substr(base.size());
    }
    return e;
  }
  return parse_file_as(path, *kind, options, sink);
}

}  // namespace agmon::ingest
