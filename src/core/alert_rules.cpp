// Alert kinds (names, audiences) and the `alerts.*` threshold overrides (equity.md §4).
#include "agmon/core/alert_rules.h"

#include <algorithm>
#include <cctype>

#include "core/equity_settings.h"

namespace agmon::core {
namespace {

struct KindRow {
  AlertKind kind;
  std::string_view name;
};
constexpr KindRow kKinds[] = {
    {AlertKind::ag_df_unvalidated, "AG_DF_UNVALIDATED"},
    {AlertKind::ag_off_track, "AG_OFF_TRACK"},
    {AlertKind::ag_no_math, "AG_NO_MATH"},
    {AlertKind::ag_eleven_at_risk, "AG_ELEVEN_AT_RISK"},
    {AlertKind::ag_senior_short, "AG_SENIOR_SHORT"},
    {AlertKind::ag_geometry_missing, "AG_GEOMETRY_MISSING"},
    {AlertKind::ag_gpa_risk, "AG_GPA_RISK"},
    {AlertKind::ap_ready_not_enrolled, "AP_READY_NOT_ENROLLED"},
    {AlertKind::ag_status_changed, "AG_STATUS_CHANGED"},
    {AlertKind::gap_ap_underrepresented, "GAP_AP_UNDERREPRESENTED"},
    {AlertKind::gap_ag_completion, "GAP_AG_COMPLETION"},
    {AlertKind::gap_widening, "GAP_WIDENING"},
    {AlertKind::gap_zero_access, "GAP_ZERO_ACCESS"},
};

std::string upper(std::string_view text) {
  std::string s = equity_settings::trim_value(text);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Status parse_kind_list(const std::string& key, std::string_view text, std::vector<AlertKind>& out) {
  std::vector<AlertKind> kinds;
  std::string item;
  std::string s(text);
  s += ',';
  for (char c : s) {
    if (c != ',' && c != ';') {
      item += c;
      continue;
    }
    if (!equity_settings::trim_value(item).empty()) {
      auto kind = parse_alert_kind(item);
      if (!kind) {
        return make_error(ErrorCode::kInvalidArgument,
                          "setting '" + key + "': unknown alert kind '" + equity_settings::trim_value(item) + "'");
      }
      kinds.push_back(*kind);
    }
    item.clear();
  }
  out = kinds;
  return Status::success();
}

}  // namespace

const std::vector<AlertKind>& all_alert_kinds() {
  static const std::vector<AlertKind> kinds = [] {
    std::vector<AlertKind> v;
    for (const auto& row : kKinds) v.push_back(row.kind);
    return v;
  }();
  return kinds;
}

std::string_view alert_kind_name(AlertKind kind) {
  for (const auto& row : kKinds) {
    if (row.kind == kind) return row.name;
  }
  return "";
}

std::optional<AlertKind> parse_alert_kind(std::string_view name) {
  std::string u = upper(name);
  for (const auto& row : kKinds) {
    if (row.name == u) return row.kind;
  }
  return std::nullopt;
}

bool is_subgroup_alert(AlertKind kind) {
  return kind == AlertKind::gap_ap_underrepresented || kind == AlertKind::gap_ag_completion ||
         kind == AlertKind::gap_widening || kind == AlertKind::gap_zero_access;
}

Status apply_alert_overrides(AlertThresholds& thresholds,
                             const std::map<std::string, std::string>& config) {
  using equity_settings::parse_double_value;
  AlertThresholds next = thresholds;
  for (const auto& [key, value] : config) {
    if (key.rfind("alerts.", 0) != 0) continue;
    Status st;
    if (key == "alerts.gpa_ready") {
      st = parse_double_value(key, value, 0.0, 6.0, next.gpa_ready);
    } else if (key == "alerts.gpa_uc_min") {
      st = parse_double_value(key, value, 0.0, 6.0, next.gpa_uc_min);
    } else if (key == "alerts.gpa_csu_min") {
      st = parse_double_value(key, value, 0.0, 6.0, next.gpa_csu_min);
    } else if (key == "alerts.eleven_min") {
      st = parse_double_value(key, value, 0.0, 60.0, next.eleven_min);
    } else if (key == "alerts.off_track_max_grade") {
      st = equity_settings::parse_int_value(key, value, 9, 12, next.off_track_max_grade);
    } else if (key == "alerts.ri_under") {
      st = parse_double_value(key, value, 0.0, 10.0, next.ri_under);
    } else if (key == "alerts.gap_ag_pp") {
      st = parse_double_value(key, value, -100.0, 0.0, next.gap_ag_pp);
    } else if (key == "alerts.widening_pp") {
      st = parse_double_value(key, value, 0.0, 100.0, next.widening_pp);
    } else if (key == "alerts.disabled") {
      st = parse_kind_list(key, value, next.disabled);
    } else {
      return make_error(ErrorCode::kInvalidArgument, "unknown alert setting '" + key + "'");
    }
    if (!st.ok()) return st;
  }
  thresholds = next;
  return Status::success();
}

}  // namespace agmon::core
