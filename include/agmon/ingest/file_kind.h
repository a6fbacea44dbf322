// FileKind: what an input file is (canonical CSV, CALPADS extract, OneRoster, UC course list),
// and detect_file_kind(), which tells from the file itself (header row, record type).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::ingest {

enum class FileKind {
  // Canonical CSV (formats.md §1).
  kStudents,
  kCourses,
  kCourseMarks,
  kStudentPrograms,
  kAgCourseList,
  // CALPADS extracts (formats.md §2), detected by record type in field 1.
  kCalpadsSenr,
  kCalpadsSinf,
  kCalpadsSela,
  kCalpadsSprg,
  kCalpadsCrsc,
  kCalpadsScsc,
  // OneRoster 1.1/1.2 CSV folder or zip (formats.md §3).
  kOneRosterFolder,
  // UC A-G course list JSON (formats.md §4).
  kUcCourseList,
  kUnknown,
};

// "students", "courses", "course_marks", "student_programs", "ag_course_list",
// "calpads_senr", ..., "oneroster", "uc_course_list", "unknown". Stable: stored in import_files.
std::string_view file_kind_name(FileKind kind);
// The inverse of file_kind_name (case-insensitive); nullopt for an unknown name.
std::optional<FileKind> parse_file_kind(std::string_view name);
// True for the five canonical CSV kinds.
bool is_canonical_kind(FileKind kind);

// What a detector may look at: the path, whether it is a folder, and the first bytes.
struct FileSniff {
  std::string path;
  bool is_directory = false;
  std::string head;  // up to kSniffBytes from the start of the file ("" for a folder)
};
inline constexpr std::size_t kSniffBytes = 64 * 1024;

// A detector names the kind it recognises, or nullopt to let the next one try.
using FileDetector = std::optional<FileKind> (*)(const FileSniff& sniff);

// The detectors tried in order (a new format adds one line to this list, file_kind.cpp).
const std::vector<FileDetector>& file_detectors();

// Canonical CSV by header names (case-insensitive, any order).
std::optional<FileKind> detect_canonical_csv(const FileSniff& sniff);
// The same from a header row already split into fields.
std::optional<FileKind> detect_canonical_header(const std::vector<std::string>& header);

// Detects a file's kind from its content. Errors: kNotFound / kIoError when it cannot be
// read; kRejected ("x.csv: cannot tell what kind of file this is ...") when no detector
// recognises it - an unknown kind is a whole-file rejection (formats.md).
core::Result<FileKind> detect_file_kind(const std::string& path);

}  // namespace agmon::ingest
