// RowError: why one input row was quarantined (file, line, column, value, reason).
#pragma once

#include <string>
#include <string_view>

namespace agmon::ingest {

enum class RowErrorKind {
  kWrongColumnCount,
  kMissingKey,
  kBadCode,
  kBadDate,
  kBadNumber,
  kUnknownMark,
  kOrphan,        // student or course unknown after the whole call was read
  kDuplicateKey,  // a later row with the same key won; this one is reported
  kMalformedCsv,  // unterminated quote etc.
  kDanglingReference,
};
std::string_view row_error_kind_name(RowErrorKind kind);  // "wrong_column_count", ...

struct RowError {
  std::string file;
  long line = 0;         // 1-based physical line where the record starts
  std::string column;    // column name (or CALPADS field number and name)
  std::string value;     // the offending value
  RowErrorKind kind = RowErrorKind::kBadCode;
  std::string message;   // the reason a clerk reads
  std::string raw;       // the record verbatim
};

}  // namespace agmon::ingest
