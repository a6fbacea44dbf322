// Code sets and value normalisers (see code_sets.h). Values come from formats.md §1 and the
// CALPADS code sets in reference/formats-research.md §1.10.
#include "agmon/ingest/code_sets.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace agmon::ingest {
namespace {

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// Digits only, at most 9 of them (so the value fits an int).
std::optional<int> small_number(std::string_view s) {
  if (!all_digits(s) || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::optional<std::string> make_date(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  int max_day = kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
  if (d > max_day) return std::nullopt;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

bool in(std::string_view value, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

}  // namespace

const std::vector<std::string_view> kHssTypes = {"world_history", "us_history", "civics",
                                                 "social_science"};
// physical_science: ag-rules.md §3 lists it beside formats.md's five.
const std::vector<std::string_view> kScienceDisciplines = {
    "biology", "chemistry", "physics", "earth_space", "interdisciplinary", "physical_science"};
const std::vector<std::string_view> kVpaDisciplines = {"dance", "music", "theater",
                                                       "visual_arts", "media_arts"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> normalize_grade_level(std::string_view text) {
  std::string s = to_upper(trim(text));
  if (in(s, {"TK", "KN", "US", "UE", "AD"})) return s;
  if (s.size() > 2) return std::nullopt;
  auto n = small_number(s);
  if (!n || *n < 1 || *n > 12) return std::nullopt;
  return std::string(1, static_cast<char>('0' + *n / 10)) + static_cast<char>('0' + *n % 10);
}

std::optional<std::string> normalize_gender(std::string_view text) {
  std::string s = to_upper(trim(text));
  if (in(s, {"F", "M", "X"})) return s;
  return std::nullopt;
}

std::optional<bool> parse_flag(std::string_view text) {
  std::string s = to_upper(trim(text));
  if (in(s, {"Y", "YES", "TRUE", "1"})) return true;
  if (in(s, {"N", "NO", "FALSE", "0"})) return false;
  return std::nullopt;
}

bool is_race_code(int c) {
  return c == 100 || (c >= 201 && c <= 299) || (c >= 301 && c <= 399) || c == 400 || c == 600 ||
         c == 700;
}

std::optional<std::vector<int>> parse_race_codes(std::string_view text, std::string* bad) {
  std::vector<int> codes;
  while (true) {
    std::size_t semi = text.find(';');
    std::string_view piece = trim(text.substr(0, semi));
    if (!piece.empty()) {
      auto n = piece.size() == 3 ? small_number(piece) : std::nullopt;
      if (!n || !is_race_code(*n)) {
        if (bad != nullptr) *bad = std::string(piece);
        return std::nullopt;
      }
      if (std::find(codes.begin(), codes.end(), *n) == codes.end()) codes.push_back(*n);
    }
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
  return codes;
}

std::optional<std::string> normalize_el_status(std::string_view text) {
  std::string s = to_upper(trim(text));
  if (in(s, {"EO", "EL", "IFEP", "RFEP", "TBD"})) return s;
  return std::nullopt;
}

std::optional<std::string> normalize_date(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {  // YYYY-MM-DD
    auto y = small_number(s.substr(0, 4)), m = small_number(s.substr(5, 2)),
         d = small_number(s.substr(8, 2));
    if (y && m && d) return make_date(*y, *m, *d);
    return std::nullopt;
  }
  if (s.size() == 8 && all_digits(s)) {  // CCYYMMDD
    return make_date(*small_number(s.substr(0, 4)), *small_number(s.substr(4, 2)),
                     *small_number(s.substr(6, 2)));
  }
  std::size_t s1 = s.find('/'), s2 = s.rfind('/');
  if (s1 != std::string_view::npos && s2 != s1) {  // MM/DD/YYYY, M/D/YYYY
    std::string_view ms = s.substr(0, s1), ds = s.substr(s1 + 1, s2 - s1 - 1),
                     ys = s.substr(s2 + 1);
    if (ms.size() > 2 || ds.size() > 2 || ys.size() != 4) return std::nullopt;
    auto m = small_number(ms), d = small_number(ds), y = small_number(ys);
    if (y && m && d) return make_date(*y, *m, *d);
  }
  return std::nullopt;
}

std::optional<std::string> normalize_school_year(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() != 9 && s.size() != 7) return std::nullopt;
  if (s[4] != '-') return std::nullopt;
  auto first = small_number(s.substr(0, 4));
  auto second = small_number(s.substr(5));
  if (!first || !second || *first < 1900 || *first > 2998) return std::nullopt;
  int next = *first + 1;
  if (s.size() == 9 ? *second != next : *second != next % 100) return std::nullopt;
  return std::to_string(*first) + "-" + std::to_string(next);
}

std::optional<std::string> normalize_term_code(std::string_view text) {
  std::string s = to_upper(trim(text));
  if (s == "SU") return std::string("SS");
  if (in(s, {"S1", "S2", "FY", "T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4", "SS"})) return s;
  return std::nullopt;
}

std::optional<std::string> normalize_mark_status(std::string_view text) {
  std::string s = to_lower(trim(text));
  std::replace(s.begin(), s.end(), ' ', '_');
  std::replace(s.begin(), s.end(), '-', '_');
  if (in(s, {"completed", "in_progress", "withdrawn"})) return s;
  return std::nullopt;
}

std::optional<std::string> normalize_word_code(std::string_view text,
                                               const std::vector<std::string_view>& allowed) {
  std::string s = to_lower(trim(text));
  std::replace(s.begin(), s.end(), ' ', '_');
  std::replace(s.begin(), s.end(), '-', '_');
  if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return s;
  return std::nullopt;
}

std::string join_list(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string rigor_key(std::string_view text) {
  std::string s = to_upper(trim(text));
  std::replace(s.begin(), s.end(), ' ', '_');
  std::replace(s.begin(), s.end(), '-', '_');
  return s;
}

std::optional<std::string> normalize_program_code(std::string_view text) {
  std::string s = to_upper(trim(text));
  if (s.size() == 3 && all_digits(s)) return s;
  if (in(s, {"SWD", "FOSTER", "SED", "EL"})) return s;
  return std::nullopt;
}

std::optional<int> parse_int_in(std::string_view text, int lo, int hi) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  while (s.size() > 1 && s[0] == '0') s.remove_prefix(1);
  auto n = small_number(s);
  if (!n) return std::nullopt;
  int v = negative ? -*n : *n;
  if (v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<double> parse_decimal(std::string_view text) {
  std::string_view s = trim(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() && frac.empty()) return std::nullopt;
  if ((!whole.empty() && !all_digits(whole)) || (!frac.empty() && !all_digits(frac))) {
    return std::nullopt;
  }
  if (whole.size() > 12) return std::nullopt;  // no credit value is that large
  double v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  double scale = 0.1;
  for (char c : frac.substr(0, 12)) {
    v += (c - '0') * scale;
    scale /= 10;
  }
  return negative ? -v : v;
}

bool is_state_course_code(std::string_view text) { return text.size() == 4 && all_digits(text); }

}  // namespace agmon::ingest
