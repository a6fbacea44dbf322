// Demo students: demographics drawn to the shape of Fresno Unified 2008-09, fake names, a
// latent ability, and the planted AP placement rule; written as students.csv rows.
#include <algorithm>
#include <array>
#include <cstdio>

#include "service/demo_data_internal.h"

namespace agmon::service::demo {
namespace {

constexpr std::uint64_t kProfileStream = 1;

// Obviously made-up names, no commas. Last names are sorted: counselors split the
// alphabet, as schools do.
constexpr std::array<const char*, 48> kLastNames = {
    "Acornfield", "Applebottom", "Bananafoot", "Biscuitwood", "Bramblepatch", "Buttonwillow",
    "Candlewick", "Cloudberry", "Cobblepot", "Crumpetson", "Dandelion", "Dumplingham",
    "Elderberry", "Everbloom", "Fiddlesticks", "Flapjack", "Gingersnap", "Gumdrop",
    "Hazelnut", "Hollyhock", "Inkwell", "Jellybean", "Juniperberry", "Kettlecorn",
    "Lemondrop", "Lollipopper", "Marmalade", "Meadowlark", "Muffinton", "Nutmeg",
    "O'Pancake", "Oatmealy", "Peppermint", "Puddleduck", "Quackenbush", "Raspberry-Sample",
    "Rumbleton", "Snickerdoodle", "Sprinkleton", "Teacup", "Thimbleberry", "Toffeeapple",
    "Umbrellaby", "Velveteen", "Waffleston", "Wigglesworth", "Yodelmeyer", "Zucchini"};
constexpr std::array<const char*, 40> kFirstNames = {
    "Ada", "Alex", "Ari", "Bea", "Cal", "Cam", "Dani", "Dex", "Eli", "Ema",
    "Fer", "Finn", "Gabi", "Gus", "Hana", "Ian", "Ivy", "Jae", "Jo", "Kai",
    "Lani", "Leo", "Lu", "Max", "Mia", "Nico", "Noa", "Omi", "Pax", "Quin",
    "Remy", "Rio", "Sam", "Sol", "Tam", "Uma", "Val", "Wren", "Xio", "Zed"};

constexpr std::array<int, 12> kMonthDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Group shares (Fresno Unified 2008-09); two_or_more and not_reported share the remainder.
struct GroupShare {
  Group group;
  double share;
};
constexpr std::array<GroupShare, 9> kGroups = {{{Group::kHispanic, 0.601},
                                                {Group::kAfricanAmerican, 0.107},
                                                {Group::kWhite, 0.139},
                                                {Group::kAsian, 0.134},
                                                {Group::kFilipino, 0.004},
                                                {Group::kPacificIslander, 0.004},
                                                {Group::kAmericanIndian, 0.007},
                                                {Group::kTwoOrMore, 0.003},
                                                {Group::kNotReported, 0.001}}};

Group draw_group(Rng& rng) {
  double u = rng.uniform();
  for (const GroupShare& g : kGroups) {
    if (u < g.share) return g.group;
    u -= g.share;
  }
  return Group::kNotReported;
}

const char* pick(Rng& rng, std::initializer_list<const char*> codes) {
  return codes.begin()[rng.below(static_cast<int>(codes.size()))];
}

// race_codes for a group; Hispanic students report a race too (mostly White), which the CDE
// rule must ignore. Asian: Fresno's Hmong, Lao, Khmer and Punjabi communities dominate.
std::string race_codes_for(Group g, Rng& rng) {
  switch (g) {
    case Group::kHispanic: {
      const double u = rng.uniform();
      return u < 0.70 ? "700" : u < 0.85 ? "" : u < 0.95 ? "100" : "100;700";
    }
    case Group::kAfricanAmerican: return "600";
    case Group::kWhite: return "700";
    case Group::kAsian: {
      const double u = rng.uniform();
      return u < 0.45 ? "208" : u < 0.60 ? "206" : u < 0.70 ? "207" : u < 0.85 ? "205"
           : u < 0.90 ? "201" : u < 0.95 ? "204" : "299";
    }
    case Group::kFilipino: return "400";
    case Group::kPacificIslander: return pick(rng, {"301", "302", "303", "399"});
    case Group::kAmericanIndian: return "100";
    case Group::kTwoOrMore: return pick(rng, {"600;700", "208;700", "100;600", "205;400"});
    case Group::kNotReported: return "";
  }
  return "";
}

// English learner status. EL shares by group give 26% overall:
// 0.601*0.32 + 0.134*0.40 + 0.265*0.05 = 0.1923 + 0.0536 + 0.0133 = 0.259.
const char* draw_el_status(Group g, Rng& rng) {
  const bool big_el_group = g == Group::kHispanic || g == Group::kAsian;
  const double el = g == Group::kHispanic ? 0.32 : g == Group::kAsian ? 0.40 : 0.05;
  const double u = rng.uniform();
  if (u < el) return "EL";
  const double v = rng.uniform();
  if (big_el_group) return v < 0.45 ? "RFEP" : v < 0.55 ? "IFEP" : "EO";
  return v < 0.04 ? "RFEP" : v < 0.08 ? "IFEP" : "EO";
}

}  // namespace

int last_name_count() { return static_cast<int>(kLastNames.size()); }

std::string student_id(int index) { return std::to_string(1000001 + index); }

Profile make_profile(std::uint64_t seed, int index, int start_year, double ap_holdback,
                     const std::vector<double>& school_cumulative_weights) {
  Rng rng(seed, kProfileStream, static_cast<std::uint64_t>(index));
  Profile p;
  p.index = index;
  const double us = rng.uniform() * school_cumulative_weights.back();
  p.school = static_cast<int>(std::upper_bound(school_cumulative_weights.begin(),
                                               school_cumulative_weights.end(), us) -
                              school_cumulative_weights.begin());
  p.school = std::min(p.school, static_cast<int>(school_cumulative_weights.size()) - 1);
  // Grades 9-12 roughly equal, a little attrition by 12th: 26/25/25/24.
  const double ug = rng.uniform();
  p.grade = ug < 0.26 ? 9 : ug < 0.51 ? 10 : ug < 0.76 ? 11 : 12;
  const double ux = rng.uniform();
  p.gender = ux < 0.495 ? 'F' : ux < 0.99 ? 'M' : 'X';
  p.group = draw_group(rng);
  p.hispanic = p.group == Group::kHispanic ? 'Y' : 'N';
  if (p.group == Group::kNotReported && rng.chance(0.5)) p.hispanic = 0;
  p.race_codes = race_codes_for(p.group, rng);
  p.el_status = draw_el_status(p.group, rng);
  // Free/reduced lunch 80.4%: White 0.55, others 0.845 -> 0.139*0.55 + 0.861*0.845 = 0.804.
  p.sed = rng.chance(p.group == Group::kWhite ? 0.55 : 0.845);
  p.swd = rng.chance(0.11);
  p.foster = rng.chance(0.005);
  p.homeless = rng.chance(0.03);
  p.first_name = rng.below(static_cast<int>(kFirstNames.size()));
  p.last_name = rng.below(static_cast<int>(kLastNames.size()));
  // Born between Sep 2 and Sep 1 of the cohort: 14 on Sep 1 of the 9th-grade year.
  int day = rng.below(365);
  p.birth_year = start_year - p.grade - 6;
  p.birth_month = 9;
  p.birth_day = 2;
  for (int m = 8, d = 2; day > 0; --day) {  // walk forward from Sep 2 (m is 0-based)
    if (++d > kMonthDays[m]) {
      d = 1;
      if (++m == 12) {
        m = 0;
        ++p.birth_year;
      }
    }
    p.birth_month = m + 1;
    p.birth_day = d;
  }
  // Ability: no group effect is planted here; the program flags carry the usual
  // achievement gaps, so group differences arise only through them (and the AP rule below).
  const bool el = p.el_status[0] == 'E' && p.el_status[1] == 'L';
  p.ability = rng.normal() - (el ? 0.4 : 0) - (p.sed ? 0.25 : 0) - (p.swd ? 0.5 : 0) -
              (p.homeless ? 0.2 : 0) - (p.foster ? 0.3 : 0);
  p.ap_ready = p.ability >= 0.8;
  const bool targeted =
      p.group == Group::kHispanic || p.group == Group::kAfricanAmerican || el;
  // Drawn for everyone so that the stream stays aligned whatever the outcome.
  const bool unlucky = rng.chance(ap_holdback);
  p.held_back = p.ap_ready && targeted && unlucky;
  return p;
}

void write_student_header(CsvOut& out) {
  out.str("student_id,ssid,school_code,academic_year,grade_level,counselor_id,last_name,"
          "first_name,birth_date,gender,hispanic,race_codes,el_status,sed,swd,foster,homeless");
  out.end_row();
}

void write_student_row(const Profile& p, const std::string& school_code,
                       const std::string& counselor_id, const std::string& school_year,
                       CsvOut& out) {
  char ssid[16];
  std::snprintf(ssid, sizeof ssid, "8%09d", p.index + 1);
  char birth[16];
  std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", p.birth_year, p.birth_month,
                p.birth_day);
  auto yn = [](bool b) { return b ? 'Y' : 'N'; };
  out.num(1000001 + p.index).ch(',').str(ssid).ch(',').str(school_code).ch(',');
  out.str(school_year).ch(',');
  if (p.grade < 10) out.ch('0');
  out.num(p.grade).ch(',').str(counselor_id).ch(',');
  out.str(kLastNames[static_cast<std::size_t>(p.last_name)]).ch(',');
  out.str(kFirstNames[static_cast<std::size_t>(p.first_name)]).ch(',').str(birth).ch(',');
  out.ch(p.gender).ch(',');
  if (p.hispanic) out.ch(p.hispanic);
  out.ch(',').str(p.race_codes).ch(',').str(p.el_status).ch(',');
  out.ch(yn(p.sed)).ch(',').ch(yn(p.swd)).ch(',').ch(yn(p.foster)).ch(',').ch(yn(p.homeless));
  out.end_row();
}

}  // namespace agmon::service::demo
