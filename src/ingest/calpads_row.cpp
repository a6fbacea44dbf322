// CalpadsRow and CalpadsFile (see calpads_row.h): field access and CALPADS-report style
// quarantine reasons.
#include "calpads_row.h"

#include "agmon/ingest/calpads_call_state.h"
#include "agmon/ingest/code_sets.h"

namespace agmon::ingest::calpads {
namespace {

// Credits outside this range load with a warning, as in course_marks.csv.
constexpr double kMaxCredits = 20.0;

// "2024-2025" -> "2025-06-30": the last day of that school year.
std::string year_end(const std::string& school_year) {
  auto first = core::school_year_start(school_year);
  if (!first) return "";
  return std::to_string(*first + 1) + "-06-30";
}

}  // namespace

std::string shown(std::string_view value) {
  std::string out(value.substr(0, 60));
  if (value.size() > 60) out += "...";
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return out;
}

void CalpadsFile::quarantine_later(RowError&& error) {
  sink->on_error(std::move(error));
  --stats.rows_emitted;
  ++stats.rows_quarantined;
}

void CalpadsFile::warn(long line, const std::string& message) {
  sink->on_warning(name, line, message);
  ++stats.warnings;
}

std::string_view CalpadsRow::get(int idx) const {
  if (idx < 0 || static_cast<std::size_t>(idx) >= record_.fields.size()) return {};
  return trim(record_.fields[idx]);
}

std::string CalpadsRow::label(int idx) const {
  if (idx < 0 || static_cast<std::size_t>(idx) >= file_.layout->fields.size()) return "";
  return file_.layout->fields[idx].label();
}

void CalpadsRow::fail(int idx, RowErrorKind kind, const std::string& rule) {
  if (failure_) return;
  std::string message = idx >= 0 ? label(idx) + " '" + shown(get(idx)) + "' " + rule : rule;
  failure_ = Failure{idx, kind, std::move(message)};
}

RowError CalpadsRow::error() const {
  RowError e;
  e.file = file_.name;
  e.line = record_.line;
  e.kind = failure_ ? failure_->kind : RowErrorKind::kBadCode;
  e.message = failure_ ? failure_->message : "";
  if (failure_ && failure_->idx >= 0) {
    e.column = label(failure_->idx);
    e.value = std::string(get(failure_->idx));
  } else if (failure_ && failure_->kind == RowErrorKind::kWrongColumnCount) {
    e.value = std::to_string(record_.fields.size());
  }
  e.raw = std::string(record_.raw);
  return e;
}

void CalpadsRow::check_common() {
  const std::size_t n = record_.fields.size();
  std::string_view type = n > 0 ? trim(record_.fields[0]) : std::string_view();
  if (type != file_.record_type) {
    std::string base = calpads_base_type(type);
    if (base.empty()) {
      fail(0, RowErrorKind::kBadCode,
           "is not a CALPADS record type agmon reads (SENR, SINF, SELA, SPRG, CRSC/CRSE, "
           "SCSC/SCSE, with -R for ODS extracts)");
    } else {
      fail(0, RowErrorKind::kBadCode,
           "does not belong in a " + file_.record_type +
               " file (CALPADS files hold one record type each)");
    }
    return;
  }
  if (n != file_.field_count) {
    fail(-1, RowErrorKind::kWrongColumnCount,
         "the record has " + std::to_string(n) + " fields; CALPADS layout " +
             file_.layout_version + " " + file_.record_type + " has " +
             std::to_string(file_.field_count) + " (" + file_.layout->fields.front().field_no +
             "-" + file_.layout->fields.back().field_no + (file_.ods ? " and two ODS dates)" : ")"));
    return;
  }
  for (std::size_t i = 0; i < file_.layout->fields.size(); ++i) {
    if (file_.layout->fields[i].required && get(static_cast<int>(i)).empty()) {
      fail(static_cast<int>(i), RowErrorKind::kMissingKey, "is blank (required)");
      return;
    }
  }
  int tx = file_.at("transaction_type");
  std::string_view t = get(tx);
  if (!t.empty() && t != "A" && t != "R" && t != "a" && t != "r") {
    if (t == "D" || t == "d") {
      fail(tx, RowErrorKind::kBadCode,
           "(delete) is not applied: agmon loads snapshots, so leave deleted records out of the "
           "file (a full import then removes them)");
    } else {
      fail(tx, RowErrorKind::kBadCode, "is not a transaction type (A, R, D, or blank)");
    }
  }
}

std::string CalpadsRow::date(int idx) {
  std::string_view v = get(idx);
  if (v.empty()) return {};
  if (auto d = normalize_date(v)) return *d;
  fail(idx, RowErrorKind::kBadDate, "is not a date (CCYYMMDD, also YYYY-MM-DD or MM/DD/YYYY)");
  return {};
}

std::string CalpadsRow::school_year(int idx) {
  std::string_view v = get(idx);
  if (v.empty()) return {};
  if (auto y = normalize_school_year(v)) return *y;
  fail(idx, RowErrorKind::kBadDate, "is not an academic year (CCYY-CCYY, e.g. 2024-2025)");
  return {};
}

std::string CalpadsRow::coded(int idx, std::optional<std::string> (*normalise)(std::string_view),
                              std::string_view accepted) {
  std::string_view v = get(idx);
  if (v.empty()) return {};
  if (auto n = normalise(v)) return *n;
  fail(idx, RowErrorKind::kBadCode, "is not in the code set (" + std::string(accepted) + ")");
  return {};
}

std::optional<bool> CalpadsRow::flag(int idx) {
  std::string_view v = get(idx);
  if (v.empty()) return std::nullopt;
  if (v == "Y" || v == "y") return true;
  if (v == "N" || v == "n") return false;
  fail(idx, RowErrorKind::kBadCode, "is not Y or N");
  return std::nullopt;
}

std::string CalpadsRow::credits(int idx) {
  std::string_view v = get(idx);
  if (v.empty()) return {};
  auto d = parse_decimal(v);
  if (!d) {
    fail(idx, RowErrorKind::kBadNumber, "is not a number of credits (e.g. 5.00)");
    return {};
  }
  if (*d < 0 || *d > kMaxCredits) {
    warn(label(idx) + " '" + shown(v) + "' is outside 0-20 credits; loaded anyway");
  }
  return std::string(v);
}

std::string as_of_date(const ParseOptions& options, RecordSink& sink,
                       const std::string& file_latest_year) {
  std::string configured = config_value(options, "ingest.as_of_date");
  if (auto d = normalize_date(configured)) return *d;
  std::string end = year_end(config_value(options, "agmon.school_year"));
  if (end.empty()) end = year_end(sink.calpads_state().latest_year());
  if (end.empty()) end = year_end(file_latest_year);
  return end.empty() ? "9999-12-31" : end;
}

}  // namespace agmon::ingest::calpads
