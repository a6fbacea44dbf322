// RowReader: reads one canonical CSV row by column, validating and normalising each value.
// The first problem found is the row's quarantine reason (one RowError per bad row); later
// checks on a failed row are skipped quietly. Warnings are kept for rows that load.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/mark_table.h"
#include "agmon/ingest/csv_reader.h"
#include "agmon/ingest/record_sink.h"
#include "agmon/ingest/row_error.h"
#include "canonical_columns.h"

namespace agmon::ingest::canonical {

struct RowFailure {
  int column = -1;
  RowErrorKind kind = RowErrorKind::kBadCode;
  std::string message;
};

class RowReader {
 public:
  // `field_of[c]` is the record field holding column c, or -1 when the file lacks it.
  RowReader(const std::vector<ColumnSpec>& specs, const std::vector<int>& field_of,
            const CsvRecord& record)
      : specs_(specs), field_of_(field_of), record_(record) {}

  // The trimmed value ("" when the column is absent).
  std::string_view get(int col) const;
  std::string_view name(int col) const { return specs_[col].name; }

  // A value that must not be blank (else kMissingKey).
  std::string key(int col);
  std::string text(int col) { return std::string(get(col)); }
  // A value normalised by `normalise`; "" when blank; kind/`what` (and the accepted `list`,
  // when given) on failure, e.g. "grade_level '13' is not a grade (07-12, ...)". The message
  // is put together only for a failing row: these run for every field of every mark.
  std::string coded(int col, std::optional<std::string> (*normalise)(std::string_view),
                    RowErrorKind kind, std::string_view what, std::string_view list = {});
  std::string word_code(int col, const std::vector<std::string_view>& allowed);
  std::optional<bool> flag(int col);
  std::string date(int col);
  std::string school_year(int col);
  std::optional<core::Area> area(int col);
  // 0 when blank; `what` describes the accepted range.
  int integer(int col, int lo, int hi, std::string_view what);
  // nullopt when blank or bad (bad fails the row).
  std::optional<double> decimal(int col);
  // A credit amount: a decimal, with a warning outside 0..20. The text is kept as given.
  std::string credits(int col, std::string_view owner);

  void fail(int col, RowErrorKind kind, std::string message);
  void warn(std::string message);
  bool failed() const { return failure_.has_value(); }
  const std::optional<RowFailure>& failure() const { return failure_; }
  const std::vector<std::string>& warnings() const { return warnings_; }
  long line() const { return record_.line; }

 private:
  std::string quoted(int col) const;  // "name 'value'"

  const std::vector<ColumnSpec>& specs_;
  const std::vector<int>& field_of_;
  const CsvRecord& record_;
  std::optional<RowFailure> failure_;
  std::vector<std::string> warnings_;
};

// One mapper per canonical kind: reads the row and, unless it failed, hands the record to
// the sink.
void map_student_row(RowReader& row, RecordSink& sink);
void map_course_row(RowReader& row, RecordSink& sink);
void map_mark_row(RowReader& row, const core::MarkTable& mark_table, RecordSink& sink);
void map_program_row(RowReader& row, RecordSink& sink);
void map_ag_course_row(RowReader& row, RecordSink& sink);

}  // namespace agmon::ingest::canonical
