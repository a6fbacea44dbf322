// School-year helpers and the roll-up of raw GROUP BY cells into per-group counts.
#include "service/gap_counts.h"

#include <cctype>
#include <map>

namespace agmon::service {
namespace {

std::optional<int> first_year(const std::string& y) {
  if (y.size() != 9 || y[4] != '-') return std::nullopt;
  for (size_t i = 0; i < 9; ++i)
    if (i != 4 && !std::isdigit(static_cast<unsigned char>(y[i]))) return std::nullopt;
  int a = std::stoi(y.substr(0, 4));
  int b = std::stoi(y.substr(5, 4));
  if (b != a + 1) return std::nullopt;
  return a;
}

std::string year_from(int a) { return std::to_string(a) + "-" + std::to_string(a + 1); }

}  // namespace

bool is_school_year(const std::string& text) { return first_year(text).has_value(); }

std::string previous_school_year(const std::string& year) {
  auto a = first_year(year);
  return a && *a > 1000 ? year_from(*a - 1) : "";
}

std::string next_school_year(const std::string& year) {
  auto a = first_year(year);
  return a && *a < 9998 ? year_from(*a + 1) : "";
}

std::string group_from_column(core::Grouping grouping, const std::string& raw) {
  switch (grouping) {
    case core::Grouping::el:
    case core::Grouping::sed:
    case core::Grouping::swd:
    case core::Grouping::foster:
    case core::Grouping::homeless: return core::flag_group(grouping, raw != "0" && !raw.empty());
    case core::Grouping::grade: {
      bool numeric = !raw.empty() && raw.find_first_not_of("-0123456789") == std::string::npos;
      return numeric ? core::grade_group(std::stoi(raw)) : raw;
    }
    default: return raw;
  }
}

std::vector<core::GroupCount> group_counts(const std::vector<store::GapCell>& cells, size_t key,
                                           core::Grouping grouping, size_t measure) {
  std::map<std::string, core::GroupCount> by_group;
  for (const auto& c : cells) {
    if (c.n[measure] == 0) continue;
    std::string g = group_from_column(grouping, c.keys[key]);
    auto& slot = by_group[g];
    slot.group = g;
    slot.n += c.n[measure];
    slot.k += c.k[measure];
  }
  std::vector<core::GroupCount> out;
  for (auto& [g, count] : by_group) out.push_back(std::move(count));
  return out;  // compute_gap_table() puts them in canonical order
}

}  // namespace agmon::service
