// The canonical CSV driver: binds header names to columns, then reads the file row by row,
// sending each row to its kind's mapper (canonical_students/courses/marks.cpp) and counting.
#include "agmon/ingest/canonical_mapper.h"

#include "agmon/core/mark_table.h"
#include "agmon/ingest/code_sets.h"
#include "canonical_columns.h"
#include "canonical_row.h"

namespace agmon::ingest {
namespace {

using canonical::ColumnSpec;

struct Binding {
  std::vector<int> field_of;  // per known column: its field in each record, or -1
  std::size_t width = 0;      // fields in the header
};

// Matches header names to the kind's columns; names the columns it does not know.
core::Result<Binding> bind_header(const CsvRecord& header, const std::vector<ColumnSpec>& specs,
                                  const std::string& file, RecordSink& sink, FileStats& stats) {
  Binding b;
  b.field_of.assign(specs.size(), -1);
  b.width = header.fields.size();
  std::string ignored;
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    std::string name = to_lower(trim(header.fields[f]));
    std::string note;
    std::size_t c = 0;
    while (c < specs.size() && specs[c].name != name) ++c;
    if (c < specs.size() && b.field_of[c] < 0) {
      b.field_of[c] = static_cast<int>(f);
      continue;
    }
    if (c < specs.size()) note = " (a second copy)";
    if (name.empty()) name = "(no name, column " + std::to_string(f + 1) + ")";
    ignored += (ignored.empty() ? "" : ", ") + name + note;
  }
  std::string missing;
  int missing_count = 0;
  for (std::size_t c = 0; c < specs.size(); ++c) {
    if (specs[c].required && b.field_of[c] < 0) {
      missing += std::string(missing.empty() ? "'" : ", '") + std::string(specs[c].name) + "'";
      ++missing_count;
    }
  }
  if (missing_count > 0) {
    return core::make_error(core::ErrorCode::kRejected,
                            file + ": missing required column" + (missing_count > 1 ? "s " : " ") +
                                missing);
  }
  if (!ignored.empty()) {
    sink.on_warning(file, header.line, "ignored unknown columns: " + ignored);
    ++stats.warnings;
  }
  return b;
}

bool all_blank(const CsvRecord& rec) {
  for (std::string_view f : rec.fields) {
    if (!trim(f).empty()) return false;
  }
  return true;
}

RowError make_row_error(const std::string& file, const CsvRecord& rec, std::string column,
                        std::string value, RowErrorKind kind, std::string message) {
  return RowError{file, rec.line, std::move(column), std::move(value), kind, std::move(message),
                  std::string(rec.raw)};
}

void map_row(FileKind kind, canonical::RowReader& row, const core::MarkTable& marks,
             RecordSink& sink) {
  switch (kind) {
    case FileKind::kStudents: canonical::map_student_row(row, sink); break;
    case FileKind::kCourses: canonical::map_course_row(row, sink); break;
    case FileKind::kCourseMarks: canonical::map_mark_row(row, marks, sink); break;
    case FileKind::kStudentPrograms: canonical::map_program_row(row, sink); break;
    case FileKind::kAgCourseList: canonical::map_ag_course_row(row, sink); break;
    default: break;
  }
}

}  // namespace

core::Result<FileStats> parse_canonical(CsvReader& reader, FileKind kind,
                                        const ParseOptions& options, RecordSink& sink) {
  const std::string file = options.display_name.empty() ? "input" : options.display_name;
  if (!is_canonical_kind(kind)) {
    return core::make_error(core::ErrorCode::kInvalidArgument,
                            file + ": '" + std::string(file_kind_name(kind)) +
                                "' is not a canonical CSV kind");
  }
  static const core::MarkTable kDefaultMarks = core::MarkTable::defaults();
  const core::MarkTable& marks = options.marks != nullptr ? *options.marks : kDefaultMarks;
  const std::vector<ColumnSpec>& specs = canonical::columns_for(kind);

  FileStats stats;
  stats.kind = kind;
  switch (reader.next()) {
    case CsvStatus::kRecord: break;
    case CsvStatus::kEnd:
      return core::make_error(core::ErrorCode::kRejected, file + ": the file is empty (no header row)");
    case CsvStatus::kMalformed:
      return core::make_error(core::ErrorCode::kRejected,
                              file + ": the header row is malformed (" + reader.error_message() + ")");
    case CsvStatus::kIoError:
      return core::make_error(core::ErrorCode::kIoError, file + ": " + reader.error_message());
  }
  auto bound = bind_header(reader.record(), specs, file, sink, stats);
  if (!bound) return bound.error();
  const Binding& binding = *bound;

  for (;;) {
    CsvStatus status = reader.next();
    if (status == CsvStatus::kEnd) break;
    if (status == CsvStatus::kIoError) {
      return core::make_error(core::ErrorCode::kIoError, file + ": " + reader.error_message());
    }
    const CsvRecord& rec = reader.record();
    // A row of only delimiters (",,,,", as spreadsheets export trailing rows) is a blank line.
    if (status == CsvStatus::kRecord && all_blank(rec)) continue;
    ++stats.rows_read;
    if (status == CsvStatus::kMalformed) {
      sink.on_error(make_row_error(file, rec, "", "", RowErrorKind::kMalformedCsv,
                                   "the row could not be read as CSV: " + reader.error_message() +
                                       "; reading went on at the next line"));
      ++stats.rows_quarantined;
      continue;
    }
    if (rec.fields.size() != binding.width) {
      sink.on_error(make_row_error(
          file, rec, "", std::to_string(rec.fields.size()), RowErrorKind::kWrongColumnCount,
          "the row has " + std::to_string(rec.fields.size()) + " fields but the header has " +
              std::to_string(binding.width) + " columns"));
      ++stats.rows_quarantined;
      continue;
    }
    canonical::RowReader row(specs, binding.field_of, rec);
    map_row(kind, row, marks, sink);
    if (const auto& failure = row.failure()) {
      std::string column = failure->column >= 0 ? std::string(row.name(failure->column)) : "";
      std::string value = failure->column >= 0 ? std::string(row.get(failure->column)) : "";
      sink.on_error(make_row_error(file, rec, std::move(column), std::move(value), failure->kind,
                                   failure->message));
      ++stats.rows_quarantined;
      continue;
    }
    ++stats.rows_emitted;
    for (const std::string& w : row.warnings()) {
      sink.on_warning(file, rec.line, w);
      ++stats.warnings;
    }
  }
  return stats;
}

core::Result<FileStats> parse_canonical_file(const std::string& path, FileKind kind,
                                             const ParseOptions& options, RecordSink& sink) {
  ParseOptions named = options;
  if (named.display_name.empty()) named.display_name = base_name(path);
  CsvReader reader;
  core::Status opened = reader.open(path);
  if (!opened) {
    return core::make_error(opened.error().code, named.display_name + ": " + opened.error().message);
  }
  return parse_canonical(reader, kind, named, sink);
}

}  // namespace agmon::ingest
