// RowReader (see canonical_row.h): per-column validation with messages a data clerk reads.
#include "canonical_row.h"

#include "agmon/ingest/code_sets.h"

namespace agmon::ingest::canonical {
namespace {

// Credits outside this range load with a warning (formats.md: "credits out of range").
constexpr double kMaxCredits = 20.0;

// A value as shown inside a message: cut when long, control bytes shown as '?'.
std::string shown(std::string_view value) {
  std::string out(value.substr(0, 60));
  if (value.size() > 60) out += "...";
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20) c = '?';
  }
  return out;
}

}  // namespace

std::string_view RowReader::get(int col) const {
  int f = field_of_[col];
  if (f < 0 || static_cast<std::size_t>(f) >= record_.fields.size()) return {};
  return trim(record_.fields[f]);
}

std::string RowReader::quoted(int col) const {
  return std::string(name(col)) + " '" + shown(get(col)) + "'";
}

void RowReader::fail(int col, RowErrorKind kind, std::string message) {
  if (failure_) return;
  failure_ = RowFailure{col, kind, std::move(message)};
}

void RowReader::warn(std::string message) { warnings_.push_back(std::move(message)); }

std::string RowReader::key(int col) {
  std::string_view v = get(col);
  if (v.empty()) fail(col, RowErrorKind::kMissingKey, std::string(name(col)) + " is blank (required)");
  return std::string(v);
}

std::string RowReader::coded(int col, std::optional<std::string> (*normalise)(std::string_view),
                             RowErrorKind kind, std::string_view what, std::string_view list) {
  std::string_view v = get(col);
  if (v.empty()) return {};
  if (auto n = normalise(v)) return *n;
  std::string message = quoted(col) + " is not " + std::string(what);
  if (!list.empty()) message += " (" + std::string(list) + ")";
  fail(col, kind, std::move(message));
  return {};
}

std::string RowReader::word_code(int col, const std::vector<std::string_view>& allowed) {
  std::string_view v = get(col);
  if (v.empty()) return {};
  if (auto n = normalize_word_code(v, allowed)) return *n;
  fail(col, RowErrorKind::kBadCode,
       quoted(col) + " is not one of " + join_list(allowed));
  return {};
}

std::optional<bool> RowReader::flag(int col) {
  std::string_view v = get(col);
  if (v.empty()) return std::nullopt;
  auto f = parse_flag(v);
  if (!f) fail(col, RowErrorKind::kBadCode, quoted(col) + " is not " + std::string(kFlagList));
  return f;
}

std::string RowReader::date(int col) {
  return coded(col, &normalize_date, RowErrorKind::kBadDate, "a date", kDateList);
}

std::string RowReader::school_year(int col) {
  return coded(col, &normalize_school_year, RowErrorKind::kBadDate, "a school year",
               kSchoolYearList);
}

std::optional<core::Area> RowReader::area(int col) {
  std::string_view v = get(col);
  if (v.empty()) return std::nullopt;
  auto a = core::parse_area(v);
  if (!a) fail(col, RowErrorKind::kBadCode, quoted(col) + " is not an A-G area (a-g, or CALPADS GA-GO)");
  return a;
}

int RowReader::integer(int col, int lo, int hi, std::string_view what) {
  std::string_view v = get(col);
  if (v.empty()) return 0;
  if (auto n = parse_int_in(v, lo, hi)) return *n;
  fail(col, RowErrorKind::kBadNumber, quoted(col) + " is not " + std::string(what));
  return 0;
}

std::optional<double> RowReader::decimal(int col) {
  std::string_view v = get(col);
  if (v.empty()) return std::nullopt;
  auto d = parse_decimal(v);
  if (!d) fail(col, RowErrorKind::kBadNumber, quoted(col) + " is not a number");
  return d;
}

std::string RowReader::credits(int col, std::string_view owner) {
  auto d = decimal(col);
  if (d && (*d < 0 || *d > kMaxCredits)) {
    warn(quoted(col) + " for " + std::string(owner) + " is outside 0-20 credits; loaded anyway");
  }
  return d ? std::string(get(col)) : std::string();
}

}  // namespace agmon::ingest::canonical
