// RuleSet: the UC and CSU A-G rules as data (../shared/spec/ag-rules.md §1-§4, §9): area
// requirements, the mark table, honors caps, P/NP windows, term weights, every §4 switch
// (C1-C19) and the on-track thresholds. Districts override any of it with `ag.*` config keys
// (etc/agmon.rules.properties lists them all with their defaults).
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agmon/core/mark_table.h"
#include "agmon/core/model.h"
#include "agmon/core/result.h"

namespace agmon::core {

// Semester counts are fixed-point: 1 semester = 12 units, so trimesters (2/3 semester) and
// quarters (1/2) add up exactly and "earned >= required" never suffers rounding.
inline constexpr int kUnitsPerSemester = 12;

enum class AgSystem { uc, csu };

// A term of a school year: {2019, "S2"} is 2019-2020 S2. Summer (SS) belongs to the school
// year it follows (the SS record carries the grade just completed).
using TermKey = std::pair<int, std::string>;

// C7: what a second (third...) repeat of the same deficient semester does.
enum class MultipleRepeats { latest, average };
// C8: CSU repeat rule.
enum class CsuRepeatRule { same_as_uc, keep_both };
// C11: what grade_level means on a summer (SS) record.
enum class SummerGradeMapping { grade_completed, grade_entering };
// C16.
enum class GpaRounding { truncate, round_half_up };
// C17.
enum class Residency { resident, nonresident };

// The rules one system (UC or CSU) applies.
struct SystemRules {
  std::array<int, 7> required_units{};  // per area (indexed by Area), in units
  bool accept_c_minus = true;           // C1 (UC switch; CSU always accepts C-)
  int max_honors_units = 0;             // honors semesters in the capped GPA, in units
  int max_honors_units_grade10 = 0;     // of which at most this many from 10th grade
  int college_gpa_weight = 1;           // C3: grades (and honors points) per college record
  int min_gpa_hundredths = 0;           // C17 resident minimum (300 = 3.00)
  int min_gpa_nonresident_hundredths = 0;
  std::set<TermKey> pnp_terms;          // C10: terms whose P/CR grades earn A-G credit

  int required(Area area) const { return required_units[static_cast<int>(area)]; }
  int total_required_units() const;
};

// C12: how many units one record of each term code is worth.
struct TermWeights {
  // S1 S2 FY T1 T2 T3 Q1 Q2 Q3 Q4 SS, in that order.
  static constexpr std::array<std::string_view, 11> kTerms = {"S1", "S2", "FY", "T1", "T2", "T3",
                                                             "Q1", "Q2", "Q3", "Q4", "SS"};
  std::array<int, 11> units = {12, 12, 24, 8, 8, 8, 6, 6, 6, 6, 12};
  int college_units = 24;  // a UC-transferable college course = 1 year of subject credit
  // Units of one record with this term code; an unknown code counts as one semester.
  int units_for(std::string_view term) const;
};

// §9: credited (projected) A-G semesters a student should have by the end of each grade.
struct OnTrackRules {
  int grade9_units = 4 * kUnitsPerSemester;
  int grade9_b_units = 2 * kUnitsPerSemester;
  int grade9_c_units = 2 * kUnitsPerSemester;
  int grade10_units = 10 * kUnitsPerSemester;
  int grade11_units = 22 * kUnitsPerSemester;
  bool grade12_full_pattern = true;  // else grade12_units
  int grade12_units = 30 * kUnitsPerSemester;
};

struct RuleSet {
  SystemRules uc;
  SystemRules csu;
  MarkTable marks = MarkTable::defaults();
  bool chemistry_s2_validates_s1 = true;            // C4
  bool geometry_deficiency_by_level4 = false;       // C5
  bool csu_gpa_include_completed_12th = false;      // C6
  MultipleRepeats multiple_repeats = MultipleRepeats::latest;  // C7
  CsuRepeatRule csu_repeat_rule = CsuRepeatRule::same_as_uc;   // C8
  bool validated_semesters_count_for_15_and_11 = true;        // C9
  SummerGradeMapping summer_grade_mapping = SummerGradeMapping::grade_completed;  // C11
  TermWeights term_weights;                         // C12
  bool f_require_sequential = false;                // C13
  int d_uc_ess_interdisciplinary_max_years = 1;     // C14
  int b_esl_max_units = 2 * kUnitsPerSemester;      // C15
  bool b_esl_not_in_senior_year = true;             // C15
  std::vector<std::string> b_esl_title_markers;     // C15: a b course whose title holds one is ESL/ELD
  GpaRounding gpa_rounding = GpaRounding::truncate; // C16
  Residency residency = Residency::resident;        // C17
  std::string course_list_source = "sis";           // C18: sis | uc_cmp (read by the importers)
  std::string lote_exemption_source = "exemption";  // C19: e records with mark P and this source
  int eleven_before_senior_units = 22 * kUnitsPerSemester;  // R5
  OnTrackRules on_track;                            // §9

  // The spec defaults (ag-rules §1-§4 "default first" column).
  static RuleSet defaults();
  const SystemRules& system(AgSystem s) const { return s == AgSystem::uc ? uc : csu; }
  // The GPA minimum for the configured residency, in hundredths.
  int min_gpa_hundredths(AgSystem s) const;
};

// Applies `ag.*` keys (e.g. "ag.uc.accept_c_minus" = "false", "ag.marks.H" = "letter:A") to
// `rules`. Keys without the "ag." prefix are ignored. An unknown ag.* key or a bad value
// returns kInvalidArgument naming the key; `rules` may then be partly updated, so callers
// apply overrides to a copy and keep it only on success.
Status apply_rule_overrides(RuleSet& rules, const std::map<std::string, std::string>& config);

// Parses a semester count ("4", "2/3", "0.5") into units; nullopt unless it is a
// non-negative whole number of units (1/12 semester).
std::optional<int> parse_semester_units(std::string_view text);

}  // namespace agmon::core
