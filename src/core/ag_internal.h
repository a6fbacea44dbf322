// Internals of the A-G evaluator shared by its source files (ag_records.cpp, ag_repeats.cpp,
// area_credit.cpp, ag_gpa_calc.cpp, ag_outcomes.cpp, ag_evaluator.cpp). Not a public API.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/mark_table.h"
#include "agmon/core/model.h"
#include "agmon/core/report.h"
#include "agmon/core/rule_set.h"

namespace agmon::core::ag_detail {

inline constexpr int kS = kUnitsPerSemester;

// What a record earns under one system's rules (ag-rules §3 step 3).
enum class Credit : std::uint8_t {
  pass,  // letter C- or better (C1), or P/CR inside the window (R4), or a C19 exemption
  fail,  // D, F (or C- when the system refuses it)
  none,  // NP/NC, I, P outside the window, an unknown mark: earns nothing
  ip,    // in progress: passing for projections (R9)
  skip,  // withdrawn: as if not taken
};

// a-area course types (hss_type); other = no or another type (fills any free slot).
enum Hss : std::uint8_t { kWorld, kUs, kCivics, kHssOther };
// Science classes: UC core (bio, chem, phys), other (earth/space, physical science,
// interdisciplinary, anything else named), computer science / engineering (UC: only beyond
// the two required years, so they only roll into g), unclassified (blank: fills any free slot).
enum Sci : std::uint8_t { kBio, kChem, kPhys, kEarth, kInter, kCsEng, kUnclassified, kSciCount };

// Per-record facts that do not depend on the system. Records are kept in canonical order
// (school year, course, term end, then every field): the order a transcript reads in, with each
// course's records in time order; it makes the report independent of the input order.
struct Prepared {
  const CourseRecord* rec = nullptr;
  std::optional<MarkInfo> mark;  // nullopt: not in the mark table
  bool has_area = false;
  Area area = Area::g;
  int year = 0;        // school-year start; 0 when malformed
  int pos = 0;         // year * 16 + when the term ends within the year
  int units = 0;       // subject credit of this record (C12; college = 2 semesters)
  int grade = 0;       // grade just completed for SS rows (C11), else the grade taken
  int gpa_band = 0;    // 10 / 11 / 12 for the GPA window, 0 outside it
  bool summer = false;
  bool college = false;
  bool withdrawn = false;
  bool in_progress = false;  // IP/blank mark or status in_progress
  bool middle_school = false;  // 7th/8th grade
  bool counts_for_area = false;  // in play for its area (R8: 7th/8th only c and e)
  bool esl = false;              // b course whose title marks it ESL/ELD (C15)
  Hss hss = kHssOther;
  Sci sci = kUnclassified;
  bool has_science = false;  // science_discipline given (g-area science for CSU d)
  bool has_hss = false;      // hss_type given (g-area social science for CSU a)
  int math_level = 0;        // clamped to 0..4
  int lote_level = 0;        // clamped to 0..8
  int group = 0;      // index of (school_code, course_id)
  int language = -1;  // index into the language table for e records
  int vpa = -1;       // index of (vpa discipline), or of the course group under C13
};

struct PreparedSet {
  std::vector<Prepared> recs;
  std::vector<std::string> languages;  // lower-cased lote_language values
  int groups = 0;
  int vpa_keys = 0;
};

PreparedSet prepare_records(const std::vector<CourseRecord>& records, const RuleSet& rules);

Credit credit_of(const Prepared& p, const SystemRules& sys, const RuleSet& rules);

// Repeat resolution for one system (R7, §8, C7). Indexes are into PreparedSet::recs.
struct RepeatLinks {
  std::vector<int> target;       // the record a repeat repeats (chain head at that time), -1
  std::vector<bool> replaces;    // the target was deficient: the repeat takes its place
  std::vector<int> replaced_by;  // for a superseded record: the repeat that replaced it, -1
};

RepeatLinks resolve_repeats(const PreparedSet& set, const std::vector<Credit>& credit);

// Whether record i is out of play in a view: superseded by a repeat (in the current view only
// once the repeat has a grade) or a repeat of a semester already passed. Inline: it runs for
// every record of every view.
inline bool dropped(const RepeatLinks& links, const std::vector<Credit>& credit, int i, bool projected) {
  if (links.target[i] != -1 && !links.replaces[i]) return true;  // repeat of a passed semester
  int by = links.replaced_by[i];
  if (by == -1) return false;
  // An in-progress repeat clears the deficiency only in the projection.
  return projected || credit[by] != Credit::ip;
}

// One view of the transcript: a system, with or without in-progress courses passing, all
// grades or only through 11th grade.
struct View {
  AgSystem system = AgSystem::uc;
  bool projected = false;
  bool before_senior = false;
};

struct ViewResult {
  std::array<int, 7> credit{};     // per area, units, capped at required
  int total = 0;                   // Σ credit, adjusted for C9 when validated semesters may not count
  bool pattern_complete = false;
  int geometry_units = 0;          // c slot 2 (level-2 math credited or validated)
  int highest_math_level = 0;      // highest level with an actual pass
};

// The per-record inputs a view needs, computed once per system.
struct SystemState {
  std::vector<Credit> credit;
  RepeatLinks links;
  std::vector<int> same_course_validator;       // current view: later term of the same course
  std::vector<int> same_course_validator_proj;  // the same with in-progress passing
};

SystemState system_state(const PreparedSet& set, const RuleSet& rules, AgSystem system);

ViewResult evaluate_view(const PreparedSet& set, const SystemState& state, const RuleSet& rules,
                         const View& view);

// GPA of one system (§2); also fills the UC honors count.
struct GpaResult {
  std::optional<double> unweighted, weighted_capped, fully_weighted;
  bool meets_minimum = false;
  int honors_semesters = 0;
};

GpaResult compute_gpa(const PreparedSet& set, const SystemState& state, const RuleSet& rules,
                      AgSystem system);

// The per-course list of the report (status, reason, validated_by), from the UC view with
// CSU differences mentioned.
std::vector<CourseOutcome> course_outcomes(const PreparedSet& set, const SystemState& uc,
                                           const SystemState& csu, const RuleSet& rules);

}  // namespace agmon::core::ag_detail
