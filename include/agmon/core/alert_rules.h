// Alert rules (../shared/spec/equity.md §4): which alerts hold for one student's evaluation
// and for a gap table, as pure functions. The service diffs these findings against the stored
// alerts by `identity` (open / still true / resolved / reopened). No I/O, no clock.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/equity.h"
#include "agmon/core/report.h"
#include "agmon/core/result.h"

namespace agmon::core {

enum class AlertKind {
  // student alerts (audience: the student's counselor)
  ag_df_unvalidated,
  ag_off_track,
  ag_no_math,
  ag_eleven_at_risk,
  ag_senior_short,
  ag_geometry_missing,
  ag_gpa_risk,
  ap_ready_not_enrolled,
  ag_status_changed,
  // subgroup alerts (audience: administrators)
  gap_ap_underrepresented,
  gap_ag_completion,
  gap_widening,
  gap_zero_access,
};

const std::vector<AlertKind>& all_alert_kinds();
std::string_view alert_kind_name(AlertKind kind);  // "AG_DF_UNVALIDATED", ...
std::optional<AlertKind> parse_alert_kind(std::string_view name);  // case-insensitive
bool is_subgroup_alert(AlertKind kind);

inline constexpr std::string_view kAudienceCounselor = "counselor";
inline constexpr std::string_view kAudienceAdministrator = "administrator";

// One alert that holds now. Field names follow the `alerts` table.
struct AlertFinding {
  AlertKind kind = AlertKind::ag_off_track;
  std::string audience;    // "counselor" / "administrator"
  std::string school;
  std::string counselor;   // student alerts
  std::string student_id;  // student alerts
  std::string grouping, group, metric;  // subgroup alerts (metric as metric_key())
  std::string detail;      // "ALG1 S2 2024-2025", "c,e", "uc", ...; the detail key
  std::string identity;    // kind|student|detail, or kind|school|grouping|group|metric
  std::string message;     // one sentence; never a student's name
};

// Thresholds (config keys `alerts.*`; defaults per equity.md §4).
struct AlertThresholds {
  double gpa_ready = 3.00;        // alerts.gpa_ready: AP_READY_NOT_ENROLLED, UC weighted-capped >=
  double gpa_uc_min = 3.00;       // alerts.gpa_uc_min: AG_GPA_RISK (UC) when under
  double gpa_csu_min = 2.50;      // alerts.gpa_csu_min: AG_GPA_RISK (CSU) when under
  double eleven_min = 22;         // alerts.eleven_min: AG_ELEVEN_AT_RISK when projected under
  int off_track_max_grade = 12;   // alerts.off_track_max_grade: AG_OFF_TRACK in grades 9..this
  double ri_under = 0.80;         // alerts.ri_under: GAP_AP_UNDERREPRESENTED when RI under
  double gap_ag_pp = -10;         // alerts.gap_ag_pp: GAP_AG_COMPLETION when gap_pp <= this
  double widening_pp = 5;         // alerts.widening_pp: GAP_WIDENING when worse by >= this
  std::vector<AlertKind> disabled;  // alerts.disabled = KIND,KIND (never reported)
};
// Applies `alerts.*` keys from a flat config map (other keys ignored). Unknown `alerts.*` keys
// and malformed values are kInvalidArgument, leaving `thresholds` unchanged.
Status apply_alert_overrides(AlertThresholds& thresholds,
                             const std::map<std::string, std::string>& config);

// The student's status at the previous evaluation (for AG_STATUS_CHANGED).
struct PreviousStatus {
  bool uc_complete_projected = false;
  bool csu_complete_projected = false;
  bool on_track = false;
};

struct StudentAlertContext {
  bool school_offers_ap = false;
  std::optional<PreviousStatus> previous;  // none: first evaluation of this student
  // Details ("uc_pattern", "csu_pattern", "on_track") of this student's AG_STATUS_CHANGED
  // alerts that are still open or acknowledged: such an alert keeps holding while the status
  // stays "no", so the next import does not resolve it before the family is told.
  std::vector<std::string> open_status_changes;
};

// Every student alert that holds for `now`, in AlertKind order (then by detail). Rules:
//  AG_DF_UNVALIDATED   a course outcome needs_validation / below_c in an A-G area (one per
//                      record; detail "COURSE TERM YEAR");
//  AG_OFF_TRACK        grade 9..off_track_max_grade and !on_track;
//  AG_NO_MATH          grade 9-11 and no c course this year (in progress or marked, not W);
//  AG_ELEVEN_AT_RISK   grade 11 and uc.semesters_before_senior_projected < eleven_min;
//  AG_SENIOR_SHORT     grade 12 and !uc.pattern_complete_projected (detail: areas short "c,e");
//  AG_GEOMETRY_MISSING grade 11-12, highest credited math level >= 3, no geometry;
//  AG_GPA_RISK         on track and UC GPA < gpa_uc_min (detail "uc") / CSU GPA < gpa_csu_min
//                      (detail "csu"); no GPA yet -> no alert;
//  AP_READY_NOT_ENROLLED grade 10-12, UC GPA >= gpa_ready, no AP this year, school offers AP;
//  AG_STATUS_CHANGED   uc/csu projected complete or on track went yes -> no since the previous
//                      evaluation (or an open one still holds); "on_track" is not repeated when
//                      "uc_pattern" fired in the same evaluation.
std::vector<AlertFinding> student_alerts(const StudentReport& now, const StudentAlertContext& ctx,
                                         const AlertThresholds& thresholds);

// Every subgroup alert for `current` (never for a suppressed or top-coded group):
//  GAP_AP_UNDERREPRESENTED metric ap, representation_index < ri_under;
//  GAP_AG_COMPLETION       metric ag or ag-on-track, gap_pp <= gap_ag_pp;
//  GAP_WIDENING            `previous` (same metric, grouping and school; the prior school year)
//                          has the group shown and its gap_pp is worse now by >= widening_pp
//                          (lower, or higher for the `missing` metric);
//  GAP_ZERO_ACCESS         metric ap, school_offers_ap, the group has n >= min_n and count 0.
// Identity: KIND|school (or "*" for all schools)|grouping|group|metric_key.
std::vector<AlertFinding> subgroup_alerts(const GapTable& current, const GapTable* previous,
                                          bool school_offers_ap, const AlertThresholds& thresholds);

}  // namespace agmon::core
