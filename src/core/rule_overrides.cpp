// apply_rule_overrides: reads the `ag.*` configuration keys (etc/agmon.properties)
// into a RuleSet. Every key is listed in one table; an unknown key or a bad value is an error
// that names the key, so a typo in a district's config never silently changes nothing.
#include <functional>

#include "agmon/core/rule_set.h"
#include "rule_values.h"

namespace agmon::core {
namespace {

using namespace rule_values;
using Setter = std::function<bool(RuleSet&, std::string_view)>;

Setter flag(bool RuleSet::*member) {
  return [member](RuleSet& r, std::string_view v) {
    auto b = parse_bool(v);
    if (b) r.*member = *b;
    return b.has_value();
  };
}

Setter sys_flag(SystemRules RuleSet::*sys, bool SystemRules::*member) {
  return [sys, member](RuleSet& r, std::string_view v) {
    auto b = parse_bool(v);
    if (b) (r.*sys).*member = *b;
    return b.has_value();
  };
}

// A semester count stored in units.
Setter sys_units(SystemRules RuleSet::*sys, int SystemRules::*member) {
  return [sys, member](RuleSet& r, std::string_view v) {
    auto u = parse_semester_units(v);
    if (u) (r.*sys).*member = *u;
    return u.has_value();
  };
}

Setter units(int RuleSet::*member) {
  return [member](RuleSet& r, std::string_view v) {
    auto u = parse_semester_units(v);
    if (u) r.*member = *u;
    return u.has_value();
  };
}

Setter on_track_units(int OnTrackRules::*member) {
  return [member](RuleSet& r, std::string_view v) {
    auto u = parse_semester_units(v);
    if (u) r.on_track.*member = *u;
    return u.has_value();
  };
}

Setter sys_gpa(SystemRules RuleSet::*sys, int SystemRules::*member) {
  return [sys, member](RuleSet& r, std::string_view v) {
    auto g = parse_gpa(v);
    if (g) (r.*sys).*member = *g;
    return g.has_value();
  };
}

Setter sys_weight(SystemRules RuleSet::*sys) {
  return [sys](RuleSet& r, std::string_view v) {
    auto n = parse_int(v, 1, 4);
    if (n) (r.*sys).college_gpa_weight = static_cast<int>(*n);
    return n.has_value();
  };
}

Setter sys_terms(SystemRules RuleSet::*sys) {
  return [sys](RuleSet& r, std::string_view v) {
    auto t = parse_terms(v);
    if (t) (r.*sys).pnp_terms = std::move(*t);
    return t.has_value();
  };
}

template <typename E>
Setter choice(E RuleSet::*member, std::vector<std::pair<std::string, E>> options) {
  return [member, options](RuleSet& r, std::string_view v) {
    std::string s = lower(v);
    for (const auto& [name, e] : options) {
      if (s == name) {
        r.*member = e;
        return true;
      }
    }
    return false;
  };
}

const std::map<std::string, Setter, std::less<>>& setters() {
  static const auto* table = new std::map<std::string, Setter, std::less<>>{
      {"ag.uc.accept_c_minus", sys_flag(&RuleSet::uc, &SystemRules::accept_c_minus)},
      {"ag.uc.max_honors_sem", sys_units(&RuleSet::uc, &SystemRules::max_honors_units)},
      {"ag.uc.max_honors_sem_grade10", sys_units(&RuleSet::uc, &SystemRules::max_honors_units_grade10)},
      {"ag.csu.max_honors_sem", sys_units(&RuleSet::csu, &SystemRules::max_honors_units)},
      {"ag.csu.max_honors_sem_grade10", sys_units(&RuleSet::csu, &SystemRules::max_honors_units_grade10)},
      // The spelling used in ag-examples.json's config_notes.
      {"ag.csu.max_honors_semesters_grade10", sys_units(&RuleSet::csu, &SystemRules::max_honors_units_grade10)},
      {"ag.uc.college_course_weight", sys_weight(&RuleSet::uc)},
      {"ag.csu.college_course_weight", sys_weight(&RuleSet::csu)},
      {"ag.uc.min_gpa", sys_gpa(&RuleSet::uc, &SystemRules::min_gpa_hundredths)},
      {"ag.uc.min_gpa_nonresident", sys_gpa(&RuleSet::uc, &SystemRules::min_gpa_nonresident_hundredths)},
      {"ag.csu.min_gpa", sys_gpa(&RuleSet::csu, &SystemRules::min_gpa_hundredths)},
      {"ag.csu.min_gpa_nonresident", sys_gpa(&RuleSet::csu, &SystemRules::min_gpa_nonresident_hundredths)},
      {"ag.uc.pnp_windows", sys_terms(&RuleSet::uc)},
      {"ag.csu.pnp_windows", sys_terms(&RuleSet::csu)},
      {"ag.validation.chemistry_s2_validates_s1", flag(&RuleSet::chemistry_s2_validates_s1)},
      {"ag.validation.geometry_deficiency_by_level4", flag(&RuleSet::geometry_deficiency_by_level4)},
      {"ag.csu.gpa_include_completed_12th", flag(&RuleSet::csu_gpa_include_completed_12th)},
      {"ag.repeat.multiple_repeats",
       choice(&RuleSet::multiple_repeats, {{"latest", MultipleRepeats::latest}, {"average", MultipleRepeats::average}})},
      {"ag.csu.repeat_rule",
       choice(&RuleSet::csu_repeat_rule, {{"same_as_uc", CsuRepeatRule::same_as_uc}, {"keep_both", CsuRepeatRule::keep_both}})},
      {"ag.validated_semesters_count_for_15_and_11", flag(&RuleSet::validated_semesters_count_for_15_and_11)},
      {"ag.summer_grade_mapping",
       choice(&RuleSet::summer_grade_mapping, {{"grade_completed", SummerGradeMapping::grade_completed},
                                                {"grade_entering", SummerGradeMapping::grade_entering}})},
      {"ag.f.require_sequential", flag(&RuleSet::f_require_sequential)},
      {"ag.d.uc_ess_interdisciplinary_max_years",
       [](RuleSet& r, std::string_view v) {
         auto n = parse_int(v, 1, 2);
         if (n) r.d_uc_ess_interdisciplinary_max_years = static_cast<int>(*n);
         return n.has_value();
       }},
      {"ag.b.esl_max_sem", units(&RuleSet::b_esl_max_units)},
      {"ag.b.esl_not_in_senior_year", flag(&RuleSet::b_esl_not_in_senior_year)},
      {"ag.b.esl_title_markers",
       [](RuleSet& r, std::string_view v) {
         r.b_esl_title_markers = parse_list(v);
         return true;
       }},
      {"ag.gpa.rounding",
       choice(&RuleSet::gpa_rounding, {{"truncate", GpaRounding::truncate}, {"round_half_up", GpaRounding::round_half_up}})},
      {"ag.residency",
       choice(&RuleSet::residency, {{"resident", Residency::resident}, {"nonresident", Residency::nonresident}})},
      {"ag.course_list_source",
       [](RuleSet& r, std::string_view v) {
         std::string s = lower(v);
         if (s != "sis" && s != "uc_cmp") return false;
         r.course_list_source = s;
         return true;
       }},
      {"ag.lote.exemption_source",
       [](RuleSet& r, std::string_view v) {
         r.lote_exemption_source = lower(v);
         return true;
       }},
      {"ag.eleven_before_senior_sem", units(&RuleSet::eleven_before_senior_units)},
      {"ag.ontrack.grade9", on_track_units(&OnTrackRules::grade9_units)},
      {"ag.ontrack.grade9_b", on_track_units(&OnTrackRules::grade9_b_units)},
      {"ag.ontrack.grade9_c", on_track_units(&OnTrackRules::grade9_c_units)},
      {"ag.ontrack.grade10", on_track_units(&OnTrackRules::grade10_units)},
      {"ag.ontrack.grade11", on_track_units(&OnTrackRules::grade11_units)},
      {"ag.ontrack.grade12",
       [](RuleSet& r, std::string_view v) {
         if (lower(v) == "pattern") {
           r.on_track.grade12_full_pattern = true;
           return true;
         }
         auto u = parse_semester_units(v);
         if (!u) return false;
         r.on_track.grade12_full_pattern = false;
         r.on_track.grade12_units = *u;
         return true;
       }},
  };
  return *table;
}

// Keys that end in a free part: ag.marks.<MARK>, ag.term_weights.<TERM>, ag.<sys>.required.<area>.
std::optional<bool> apply_family(RuleSet& r, std::string_view key, std::string_view value) {
  auto starts = [&](std::string_view p) { return key.substr(0, p.size()) == p && key.size() > p.size(); };
  if (starts("ag.marks.")) {
    auto info = MarkTable::parse_spec(value);
    if (!info) return false;
    r.marks.set(std::string(key.substr(9)), *info);
    return true;
  }
  if (starts("ag.term_weights.")) {
    std::string term(key.substr(16));
    auto u = parse_semester_units(value);
    if (!u) return false;
    if (term == "college") {
      r.term_weights.college_units = *u;
      return true;
    }
    for (std::size_t i = 0; i < TermWeights::kTerms.size(); ++i) {
      if (TermWeights::kTerms[i] == term) {
        r.term_weights.units[i] = *u;
        return true;
      }
    }
    return std::nullopt;  // unknown term code: an unknown key
  }
  for (AgSystem s : {AgSystem::uc, AgSystem::csu}) {
    std::string_view prefix = s == AgSystem::uc ? "ag.uc.required." : "ag.csu.required.";
    if (!starts(prefix)) continue;
    std::string_view letter = key.substr(prefix.size());
    if (letter.size() != 1 || letter[0] < 'a' || letter[0] > 'g') return std::nullopt;
    auto u = parse_semester_units(value);
    if (!u) return false;
    (s == AgSystem::uc ? r.uc : r.csu).required_units[letter[0] - 'a'] = *u;
    return true;
  }
  return std::nullopt;
}

}  // namespace

Status apply_rule_overrides(RuleSet& rules, const std::map<std::string, std::string>& config) {
  for (const auto& [key, value] : config) {
    if (key.rfind("ag.", 0) != 0) continue;
    const auto& table = setters();
    auto it = table.find(key);
    std::optional<bool> ok;
    if (it != table.end()) {
      ok = it->second(rules, value);
    } else {
      ok = apply_family(rules, key, value);
    }
    if (!ok) return make_error(ErrorCode::kInvalidArgument, "unknown A-G rule key '" + key + "'");
    if (!*ok) {
      return make_error(ErrorCode::kInvalidArgument,
                        "bad value '" + value + "' for A-G rule key '" + key + "'");
    }
  }
  return Status::success();
}

}  // namespace agmon::core
