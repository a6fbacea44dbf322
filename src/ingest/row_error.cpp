#include "agmon/ingest/row_error.h"

namespace agmon::ingest {

std::string_view row_error_kind_name(RowErrorKind kind) {
  switch (kind) {
    case RowErrorKind::kWrongColumnCount: return "wrong_column_count";
    case RowErrorKind::kMissingKey: return "missing_key";
    case RowErrorKind::kBadCode: return "bad_code";
    case RowErrorKind::kBadDate: return "bad_date";
    case RowErrorKind::kBadNumber: return "bad_number";
    case RowErrorKind::kUnknownMark: return "unknown_mark";
    case RowErrorKind::kOrphan: return "orphan";
    case RowErrorKind::kDuplicateKey: return "duplicate_key";
    case RowErrorKind::kMalformedCsv: return "malformed_csv";
    case RowErrorKind::kDanglingReference: return "dangling_reference";
  }
  return "unknown";
}

}  // namespace agmon::ingest
