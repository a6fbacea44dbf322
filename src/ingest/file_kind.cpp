// File kinds, their names, and detection: a list of detectors tried in order. The canonical
// CSV detector reads the header row; CALPADS, OneRoster and UC JSON detectors join the list.
#include "agmon/ingest/file_kind.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "agmon/ingest/calpads_importer.h"
#include "agmon/ingest/csv_reader.h"
#include "agmon/ingest/oneroster_importer.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/uc_course_list.h"

namespace agmon::ingest {
namespace {

struct KindName {
  FileKind kind;
  std::string_view name;
};
constexpr std::array<KindName, 14> kKindNames = {{
    {FileKind::kStudents, "students"},
    {FileKind::kCourses, "courses"},
    {FileKind::kCourseMarks, "course_marks"},
    {FileKind::kStudentPrograms, "student_programs"},
    {FileKind::kAgCourseList, "ag_course_list"},
    {FileKind::kCalpadsSenr, "calpads_senr"},
    {FileKind::kCalpadsSinf, "calpads_sinf"},
    {FileKind::kCalpadsSela, "calpads_sela"},
    {FileKind::kCalpadsSprg, "calpads_sprg"},
    {FileKind::kCalpadsCrsc, "calpads_crsc"},
    {FileKind::kCalpadsScsc, "calpads_scsc"},
    {FileKind::kOneRosterFolder, "oneroster"},
    {FileKind::kUcCourseList, "uc_course_list"},
    {FileKind::kUnknown, "unknown"},
}};

// Header columns that identify each canonical file, most specific first: course_marks and
// student_programs also carry student_id and school_code, so they are tried before students.
struct Signature {
  FileKind kind;
  std::vector<std::string_view> columns;
};
const std::vector<Signature>& canonical_signatures() {
  static const std::vector<Signature> kSignatures = {
      {FileKind::kAgCourseList, {"ucop_course_id"}},
      {FileKind::kStudentPrograms, {"program_code"}},
      {FileKind::kCourseMarks, {"student_id", "term_code", "local_course_id"}},
      {FileKind::kStudents, {"student_id", "school_code", "grade_level"}},
      {FileKind::kCourses, {"local_course_id", "course_title"}},
  };
  return kSignatures;
}

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A short, printable description of the first line, for the "unknown kind" message.
std::string first_line_preview(const std::string& head) {
  std::string line = head.substr(0, head.find('\n'));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() > 80) line = line.substr(0, 77) + "...";
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return line;
}

}  // namespace

std::string_view file_kind_name(FileKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name;
  }
  return "unknown";
}

std::optional<FileKind> parse_file_kind(std::string_view name) {
  std::string n = lower_trimmed(name);
  for (const KindName& k : kKindNames) {
    if (k.name == n) return k.kind;
  }
  return std::nullopt;
}

bool is_canonical_kind(FileKind kind) {
  return kind == FileKind::kStudents || kind == FileKind::kCourses ||
         kind == FileKind::kCourseMarks || kind == FileKind::kStudentPrograms ||
         kind == FileKind::kAgCourseList;
}

std::optional<FileKind> detect_canonical_header(const std::vector<std::string>& header) {
  std::vector<std::string> names;
  names.reserve(header.size());
  for (const std::string& h : header) names.push_back(lower_trimmed(h));
  auto has = [&names](std::string_view col) {
    return std::find(names.begin(), names.end(), col) != names.end();
  };
  for (const Signature& sig : canonical_signatures()) {
    if (std::all_of(sig.columns.begin(), sig.columns.end(), has)) return sig.kind;
  }
  return std::nullopt;
}

std::optional<FileKind> detect_canonical_csv(const FileSniff& sniff) {
  if (sniff.is_directory) return std::nullopt;
  CsvReader reader;
  reader.open_text(sniff.head);
  if (reader.next() != CsvStatus::kRecord) return std::nullopt;
  const auto& fields = reader.record().fields;
  return detect_canonical_header(std::vector<std::string>(fields.begin(), fields.end()));
}

const std::vector<FileDetector>& file_detectors() {
  // Add CALPADS (field 1 record type), OneRoster (manifest.csv) and UC JSON detectors here.
  static const std::vector<FileDetector> kDetectors = {&detect_calpads, &detect_uc_course_list,
                                                       &detect_oneroster, &detect_canonical_csv};
  return kDetectors;
}

core::Result<FileKind> detect_file_kind(const std::string& path) {
  const std::string name = base_name(path);
  FileSniff sniff;
  sniff.path = path;
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return core::make_error(core::ErrorCode::kNotFound, name + ": no such file");
  }
  sniff.is_directory = std::filesystem::is_directory(status);
  if (!sniff.is_directory) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return core::make_error(core::ErrorCode::kIoError, name + ": cannot be read");
    sniff.head.resize(kSniffBytes);
    in.read(sniff.head.data(), static_cast<std::streamsize>(kSniffBytes));
    sniff.head.resize(static_cast<std::size_t>(in.gcount()));
    if (sniff.head.empty()) {
      return core::make_error(core::ErrorCode::kRejected, name + ": the file is empty");
    }
  }
  for (FileDetector detect : file_detectors()) {
    if (auto kind = detect(sniff)) return *kind;
  }
  std::string what = sniff.is_directory ? "a folder without a recognised layout"
                                        : "first line '" + first_line_preview(sniff.head) + "'";
  return core::make_error(
      core::ErrorCode::kRejected,
      name + ": cannot tell what kind of file this is (" + what +
          "); a canonical CSV needs a header row such as student_id,school_code,grade_level");
}

}  // namespace agmon::ingest
