// The OneRoster importer driver (see oneroster_importer.h): detection, then the export's
// files in dependency order, then warnings naming what OneRoster could not carry.
#include "agmon/ingest/oneroster_importer.h"

#include <filesystem>

#include "agmon/ingest/code_sets.h"
#include "agmon/ingest/oneroster_zip.h"
#include "oneroster_model.h"

namespace agmon::ingest {

std::optional<FileKind> detect_oneroster(const FileSniff& sniff) {
  if (!sniff.is_directory) {
    if (looks_like_zip(sniff.head)) return FileKind::kOneRosterFolder;
    return std::nullopt;
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(sniff.path, ec)) {
    std::string name = to_lower(entry.path().filename().string());
    if (name == "manifest.csv" || name == "users.csv") return FileKind::kOneRosterFolder;
  }
  return std::nullopt;
}

core::Result<FileStats> parse_oneroster(const std::string& path, FileKind kind,
                                        const ParseOptions& options, RecordSink& sink) {
  oneroster::Export x;
  x.name = options.display_name.empty() ? base_name(path) : options.display_name;
  auto refuse = [&x](const core::Error& e) {
    return core::make_error(e.code == core::ErrorCode::kNotFound ? core::ErrorCode::kRejected : e.code,
                            x.name + ": " + e.message);
  };
  auto source = oneroster::OneRosterSource::open(path);
  if (!source) return refuse(source.error());
  x.source = std::move(*source);
  x.options = &options;
  x.sink = &sink;
  x.stats.kind = kind;
  static const core::MarkTable kDefaultMarks = core::MarkTable::defaults();
  x.marks = options.marks != nullptr ? options.marks : &kDefaultMarks;
  auto table = oneroster::ScoreTable::parse(
      config_value(options, "ingest.oneroster.score_marks", oneroster::kDefaultScoreMarks));
  if (!table) return refuse(table.error());
  x.score_marks = std::move(*table);
  if (!x.source.has("users.csv"))
    return refuse(core::make_error(core::ErrorCode::kRejected,
                                   "users.csv is missing: not a OneRoster export agmon can read"));

  // Reference files first; users need orgs and sessions; marks need everything.
  for (auto step : {&oneroster::read_manifest, &oneroster::read_orgs, &oneroster::read_sessions,
                    &oneroster::read_courses, &oneroster::read_classes, &oneroster::read_line_items,
                    &oneroster::read_students, &oneroster::read_results,
                    &oneroster::read_enrollments}) {
    if (core::Status s = step(x); !s) return refuse(s.error());
  }

  const long students = static_cast<long>(x.student_of.size());
  x.warn("OneRoster carries no EL status, SED, SWD, foster or homeless flags: the " +
         std::to_string(students) +
         " students read get them only from a students.csv of this import, else they stay blank");
  x.warn("OneRoster carries no A-G area, rigor or credits: the " + std::to_string(x.courses.size()) +
         " courses read get area and rigor only from a courses.csv or UC A-G list of this import; "
         "mark credits stay blank and the grade a course was taken in is derived");
  if (x.students_without_sex > 0)
    x.warn(std::to_string(x.students_without_sex) +
           " students have no sex in demographics.csv (OneRoster 1.1 knows only male and female)");
  if (x.marks_from_score > 0)
    x.warn(std::to_string(x.marks_from_score) +
           " final marks were read from a score through ingest.oneroster.score_marks (a score "
           "cannot say P, NP, I or W; 1.2 textScore or a 'mark=' comment can)");
  return x.stats;
}

}  // namespace agmon::ingest
