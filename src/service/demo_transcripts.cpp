// Demo transcripts: which courses a student takes each year from 9th grade to now (6 periods
// a year), their marks, and the repeats of D/F semesters (summer or next year).
#include <algorithm>

#include "service/demo_data_internal.h"

namespace agmon::service::demo {
namespace {

constexpr std::uint64_t kTranscriptStream = 2;
constexpr std::size_t kPeriods = 6;
constexpr Cid kNone = Cid::kCount;
constexpr double kRepeatBonus = 0.3;  // credit recovery is graded a little more kindly

struct Slot {
  Cid s1;
  Cid s2;  // == s1 for a year course; kNone for an empty second semester
};

struct Pending {
  Cid cid;
  Term term;
};

class Planner {
 public:
  Planner(const Profile& p, Rng& rng, bool s1_graded, Transcript& out)
      : p_(p), rng_(rng), s1_graded_(s1_graded), out_(out) {
    ap_track_ = p.ap_ready && !p.held_back;
    dabbler_ = !p.ap_ready && p.ability >= 0.3 && rng_.chance(0.12);
    el_ = p.el_status[0] == 'E' && p.el_status[1] == 'L';
    math_level_ = p.ability > 1.0 && rng_.chance(0.7) ? 2 : 1;  // Algebra 1 done in 8th
    math_stalls_ = p.ability < -1.2 && rng_.chance(0.5);     // never reaches geometry
    if (rng_.chance(p.ability > -0.5 ? 0.8 : 0.55)) {
      lang_start_ = rng_.chance(0.6) ? 9 : 10;
      const bool heritage = p.group == Group::kHispanic && rng_.chance(0.3);
      lang_level_ = heritage ? 2 : 1;
      lang_years_ = 2;
      if (rng_.chance(p.ability > 0 ? 0.6 : 0.3)) ++lang_years_;
      if (lang_years_ == 3 && rng_.chance(p.ability > 0.5 ? 0.5 : 0.2)) ++lang_years_;
    }
    if (rng_.chance(0.85)) {
      const double u = rng_.uniform();
      art_grade_ = u < 0.4 ? 9 : u < 0.75 ? 10 : u < 0.9 ? 11 : 12;
      art_years_ = rng_.chance(0.2) ? 2 : 1;
    }
    const double ua = rng_.uniform();
    art_course_ = ua < 0.5 ? Cid::kArt1 : ua < 0.8 ? Cid::kMusic : Cid::kTheater;
  }

  void run() {
    for (int grade = 9; grade <= p_.grade; ++grade) do_year(grade);
  }

 private:
  bool has(const std::vector<Slot>& slots, Cid cid) const {
    return std::any_of(slots.begin(), slots.end(),
                       [cid](const Slot& s) { return s.s1 == cid || s.s2 == cid; });
  }

  Cid english(int grade) {
    switch (grade) {
      case 9: return Cid::kEng9;
      case 10: return p_.ability >= 0.6 && rng_.chance(0.7) ? Cid::kEng10H : Cid::kEng10;
      case 11:
        return (ap_track_ && rng_.chance(0.75)) || (dabbler_ && rng_.chance(0.5))
                   ? Cid::kApEngLang : Cid::kEng11;
      default: return ap_track_ && rng_.chance(0.75) ? Cid::kApEngLit : Cid::kEng12;
    }
  }

  Cid math(int grade) {
    if (math_done_) return kNone;
    const bool skip = grade == 11 ? rng_.chance(0.04)
                    : grade == 12 ? rng_.chance(p_.ability < -0.5 ? 0.45 : 0.25) : false;
    if (skip) return kNone;
    switch (math_level_) {
      case 1: return Cid::kAlg1;
      case 2: return Cid::kGeom;
      case 3: return Cid::kAlg2;
      default: break;
    }
    if (!precalc_done_) {
      return ap_track_ && grade == 12 && rng_.chance(0.5) ? Cid::kApStats : Cid::kPrecalc;
    }
    if (ap_track_) return rng_.chance(0.85) ? Cid::kApCalcAb : Cid::kApStats;
    if (dabbler_ && rng_.chance(0.5)) return Cid::kApStats;
    return kNone;
  }

  Cid science(int grade) {
    switch (grade) {
      case 9: return p_.ability > 0.2 ? Cid::kBio : Cid::kEarthSci;
      case 10:
        if (!bio_) return Cid::kBio;
        return p_.ability >= 0.5 && rng_.chance(0.6) ? Cid::kChemH : Cid::kChem;
      case 11:
        if (!chem_ && p_.ability > -0.5) return Cid::kChem;
        if (!phys_ && p_.ability > 0) return Cid::kPhys;
        if (!bio_) return Cid::kBio;
        return rng_.chance(0.5) ? Cid::kPhys : kNone;
      default:
        if (ap_track_ && rng_.chance(0.6)) return chem_ && rng_.chance(0.5) ? Cid::kApChem
                                                                            : Cid::kApBio;
        if (!phys_ && p_.ability > 0.3 && rng_.chance(0.5)) return Cid::kPhys;
        return kNone;
    }
  }

  Cid history(int grade) {
    if (grade == 10) return ap_track_ && rng_.chance(0.85) ? Cid::kApWorldHist : Cid::kWorldHist;
    if (grade == 11) {
      return (ap_track_ && rng_.chance(0.8)) || (dabbler_ && rng_.chance(0.5)) ? Cid::kApUsHist
                                                                               : Cid::kUsHist;
    }
    return kNone;  // 12th grade: the civics/economics semester pair, added by the caller
  }

  Cid language(int grade) {
    if (lang_years_ <= 0 || grade < lang_start_) return kNone;
    switch (lang_level_) {
      case 1: return Cid::kSpan1;
      case 2: return Cid::kSpan2;
      case 3: return Cid::kSpan3;
      default: return ap_track_ ? Cid::kApSpan : Cid::kSpan4;
    }
  }

  // The year's periods in priority order; what does not fit in six waits a year (or is lost).
  std::vector<Slot> plan_year(int grade) {
    std::vector<Slot> slots;
    auto add = [&](Cid cid) {
      if (cid != kNone && !has(slots, cid)) slots.push_back({cid, cid});
    };
    add(english(grade));
    add(math(grade));
    if (el_ && (grade <= 10 || (grade == 11 && rng_.chance(0.5)))) add(Cid::kEld);
    add(science(grade));
    add(history(grade));
    if (grade == 12) slots.push_back({Cid::kCivics, Cid::kEcon});
    if (grade <= 10) add(Cid::kPe);
    add(language(grade));
    if (art_years_ > 0 && grade >= art_grade_) add(art_course_);
    if (!health_done_) slots.push_back({Cid::kHealth, kNone});
    // Electives fill the rest, starting at a random one.
    const Cid fillers[] = {Cid::kStudySkills, Cid::kPe, Cid::kAutoShop, art_course_};
    const int start = rng_.below(4);
    for (int k = 0; k < 4 && slots.size() < kPeriods; ++k) {
      const Cid f = fillers[(start + k) % 4];
      if (f == Cid::kAutoShop && grade < 10) continue;
      if (f == Cid::kStudySkills && !p_.swd && p_.ability > -0.5 && rng_.chance(0.7)) continue;
      add(f);
    }
    if (slots.size() > kPeriods) slots.resize(kPeriods);
    return slots;
  }

  const char* mark_for(Cid cid, Term term, bool current, double effect, double bonus) {
    if (current && (term == Term::kS2 || !s1_graded_)) return "";
    return draw_mark(rng_, p_.ability, effect, cid, bonus);
  }

  void push(Cid cid, Term term, int year_back, int grade, const char* mark) {
    out_.rows.push_back({cid, term, year_back, grade, mark});
  }

  void do_year(int grade);
  void after_course(const Slot& slot, const char* m1, const char* m2, int grade, bool current);

  const Profile& p_;
  Rng& rng_;
  bool s1_graded_;
  Transcript& out_;
  bool ap_track_ = false, dabbler_ = false, el_ = false;
  int math_level_ = 1;
  bool math_stalls_ = false, math_done_ = false, precalc_done_ = false;
  bool bio_ = false, chem_ = false, phys_ = false;
  int lang_start_ = 99, lang_level_ = 0, lang_years_ = 0;
  int art_grade_ = 99, art_years_ = 0;
  Cid art_course_ = Cid::kArt1;
  bool health_done_ = false;
  std::vector<Pending> pending_;  // repeats due next year
  int summer_year_back_ = 0, summer_grade_ = 0;
};

void Planner::do_year(int grade) {
  const int year_back = p_.grade - grade;
  const bool current = year_back == 0;
  std::vector<Slot> slots = plan_year(grade);
  std::vector<Pending> repeats;
  repeats.swap(pending_);
  for (const Pending& r : repeats) {
    if (has(slots, r.cid)) continue;  // never two records of one course in one term
    push(r.cid, r.term, year_back, grade, mark_for(r.cid, r.term, current, 0, kRepeatBonus));
  }
  summer_year_back_ = year_back;
  summer_grade_ = grade;
  for (const Slot& s : slots) {
    const double effect = 0.5 * rng_.normal();  // this student in this class, both halves
    const char* m1 = mark_for(s.s1, Term::kS1, current, effect, 0);
    push(s.s1, Term::kS1, year_back, grade, m1);
    const char* m2 = "";
    if (s.s2 != kNone) {
      m2 = mark_for(s.s2, Term::kS2, current, effect, 0);
      push(s.s2, Term::kS2, year_back, grade, m2);
    }
    after_course(s, m1, m2, grade, current);
  }
  // A few students take an enrichment course in the summer after a finished year.
  if (!current && rng_.chance(0.03)) {
    const Cid c = health_done_ ? Cid::kArt1 : Cid::kHealth;
    if (!has(slots, c)) {
      push(c, Term::kSS, year_back, grade, mark_for(c, Term::kSS, false, 0, 0));
      if (c == Cid::kHealth) health_done_ = true;
    }
  }
}

// Moves the student's sequences on and schedules repeats of D/F semesters.
void Planner::after_course(const Slot& slot, const char* m1, const char* m2, int grade,
                           bool current) {
  const Cid cid = slot.s1;
  const CatalogCourse& c = course(cid);
  if (cid == Cid::kHealth) health_done_ = true;
  if (cid == art_course_ && art_years_ > 0 && grade >= art_grade_) --art_years_;
  if (c.science[0] == 'b') bio_ = true;
  if (c.science[0] == 'c') chem_ = true;
  if (c.science[0] == 'p') phys_ = true;
  const bool f1 = m1[0] == 'F', f2 = m2[0] == 'F';
  const bool d1 = m1[0] != 0 && is_deficient(m1), d2 = m2[0] != 0 && is_deficient(m2);
  if (c.area == 'c' || c.area == 'e') {
    // An F means the course again (summer or next year); a D is left to validation by the
    // next level, as counselors do.
    bool advance = !(f1 || f2);
    if ((f1 || f2) && !current && rng_.chance(0.4)) {
      const char* m = mark_for(cid, Term::kSS, false, 0, kRepeatBonus);
      push(cid, Term::kSS, summer_year_back_, summer_grade_, m);
      advance = !is_deficient(m);
    }
    if (c.area == 'c') {
      if (cid == Cid::kPrecalc) precalc_done_ = true;
      if (advance) ++math_level_;
      if (math_level_ >= 2 && math_stalls_) math_done_ = true;
      if (cid == Cid::kApCalcAb || cid == Cid::kApStats) math_done_ = true;
    } else {
      if (advance) ++lang_level_;
      if (advance || rng_.chance(0.3)) --lang_years_;
      if (lang_level_ > 4) lang_years_ = 0;
    }
    return;
  }
  if (current || !c.area || c.area == 'f') return;  // f courses are never repeats
  // Other A-G courses: the earliest D/F semester goes to summer school or next year.
  if (!(d1 || d2)) return;
  const Term first = d1 ? Term::kS1 : Term::kS2;
  const double u = rng_.uniform();
  if (u < 0.45) {
    push(d1 ? slot.s1 : slot.s2, Term::kSS, summer_year_back_, summer_grade_,
         mark_for(d1 ? slot.s1 : slot.s2, Term::kSS, false, 0, kRepeatBonus));
  } else if (u < 0.70) {
    pending_.push_back({d1 ? slot.s1 : slot.s2, first});
  }
  if (d1 && d2 && slot.s2 == slot.s1 && rng_.chance(0.5)) pending_.push_back({slot.s2, Term::kS2});
}

}  // namespace

void plan_transcript(const Profile& p, std::uint64_t seed, bool current_s1_graded,
                     Transcript& out) {
  out.rows.clear();
  Rng rng(seed, kTranscriptStream, static_cast<std::uint64_t>(p.index));
  Planner planner(p, rng, current_s1_graded, out);
  planner.run();
}

}  // namespace agmon::service::demo
