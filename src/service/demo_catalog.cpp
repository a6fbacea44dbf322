// The demo district's course catalog with its A-G crosswalk: the same list at every school,
// written as courses.csv with a blank academic_year (the row applies to every year).
#include <array>

#include "service/demo_data_internal.h"

namespace agmon::service::demo {
namespace {

// State course codes: the AP ones are CALPADS' (formats-research §1.11); the others are
// plausible codes from the right 2019+ range that are none of the AP, Pre-AP, IB or college
// codes listed there, so no course becomes AP by its state code by accident.
// difficulty: AP courses grade a little harder, PE and ELD a lot easier.
constexpr std::array<CatalogCourse, kCourseCount> kCatalog = {{
    {Cid::kEng9, "ENG9", "English 9", 'b', "", "9105", 0, 0, "", "", "", false, 0},
    {Cid::kEng10, "ENG10", "English 10", 'b', "", "9106", 0, 0, "", "", "", false, 0},
    {Cid::kEng10H, "ENG10H", "Honors English 10", 'b', "UC_HONORS", "9106", 0, 0, "", "", "",
     false, 0.2},
    {Cid::kEng11, "ENG11", "English 11", 'b', "", "9107", 0, 0, "", "", "", false, 0},
    {Cid::kEng12, "ENG12", "English 12", 'b', "", "9108", 0, 0, "", "", "", false, 0},
    {Cid::kApEngLang, "APENGLAN", "AP English Language", 'b', "AP", "9119", 0, 0, "", "", "",
     false, 0.35},
    {Cid::kApEngLit, "APENGLIT", "AP English Literature", 'b', "AP", "9118", 0, 0, "", "", "",
     false, 0.35},
    {Cid::kEld, "ELD", "English Language Development", 0, "", "9104", 0, 0, "", "", "", false,
     -0.8},
    {Cid::kWorldHist, "WHIST", "World History", 'a', "", "9170", 0, 0, "world_history", "", "",
     false, 0},
    {Cid::kApWorldHist, "APWHIST", "AP World History", 'a', "AP", "9191", 0, 0, "world_history",
     "", "", false, 0.35},
    {Cid::kUsHist, "USHIST", "US History", 'a', "", "9173", 0, 0, "us_history", "", "", false,
     0},
    {Cid::kApUsHist, "APUSH", "AP US History", 'a', "AP", "9194", 0, 0, "us_history", "", "",
     false, 0.35},
    {Cid::kCivics, "CIVICS", "Civics and Government", 'a', "", "9175", 0, 0, "civics", "", "",
     true, 0},
    {Cid::kEcon, "ECON", "Economics", 'g', "", "9176", 0, 0, "social_science", "", "", true, 0},
    {Cid::kAlg1, "ALG1", "Algebra 1", 'c', "", "9250", 1, 0, "", "", "", false, 0.1},
    {Cid::kGeom, "GEOM", "Geometry", 'c', "", "9251", 2, 0, "", "", "", false, 0.1},
    {Cid::kAlg2, "ALG2", "Algebra 2", 'c', "", "9252", 3, 0, "", "", "", false, 0.15},
    {Cid::kPrecalc, "PRECALC", "Precalculus", 'c', "", "9254", 4, 0, "", "", "", false, 0.15},
    {Cid::kApCalcAb, "APCALCAB", "AP Calculus AB", 'c', "AP", "9268", 4, 0, "", "", "", false,
     0.35},
    {Cid::kApStats, "APSTATS", "AP Statistics", 'c', "AP", "9266", 4, 0, "", "", "", false,
     0.35},
    {Cid::kBio, "BIO", "Biology", 'd', "", "9320", 0, 0, "", "biology", "", false, 0},
    {Cid::kChem, "CHEM", "Chemistry", 'd', "", "9325", 0, 0, "", "chemistry", "", false, 0.1},
    {Cid::kChemH, "CHEMH", "Honors Chemistry", 'd', "UC_HONORS", "9325", 0, 0, "", "chemistry",
     "", false, 0.25},
    {Cid::kPhys, "PHYS", "Physics", 'd', "", "9330", 0, 0, "", "physics", "", false, 0.1},
    {Cid::kEarthSci, "ESCI", "Earth Science", 'd', "", "9335", 0, 0, "", "earth_space", "",
     false, 0},
    {Cid::kApBio, "APBIO", "AP Biology", 'd', "AP", "9350", 0, 0, "", "biology", "", false,
     0.35},
    {Cid::kApChem, "APCHEM", "AP Chemistry", 'd', "AP", "9349", 0, 0, "", "chemistry", "",
     false, 0.4},
    {Cid::kSpan1, "SPAN1", "Spanish 1", 'e', "", "9131", 0, 1, "", "", "", false, 0},
    {Cid::kSpan2, "SPAN2", "Spanish 2", 'e', "", "9132", 0, 2, "", "", "", false, 0},
    {Cid::kSpan3, "SPAN3", "Spanish 3", 'e', "", "9133", 0, 3, "", "", "", false, 0.05},
    {Cid::kSpan4, "SPAN4", "Spanish 4", 'e', "", "9134", 0, 4, "", "", "", false, 0.05},
    {Cid::kApSpan, "APSPAN", "AP Spanish Language", 'e', "AP", "9150", 0, 5, "", "", "", false,
     0.3},
    {Cid::kArt1, "ART1", "Art 1", 'f', "", "9000", 0, 0, "", "", "visual_arts", false, -0.2},
    {Cid::kMusic, "MUSIC", "Music", 'f', "", "9290", 0, 0, "", "", "music", false, -0.3},
    {Cid::kTheater, "THEATER", "Theater", 'f', "", "9090", 0, 0, "", "", "theater", false,
     -0.2},
    {Cid::kPe, "PE", "Physical Education", 0, "", "9310", 0, 0, "", "", "", false, -0.9},
    {Cid::kHealth, "HEALTH", "Health", 0, "", "9160", 0, 0, "", "", "", true, -0.5},
    {Cid::kStudySkills, "STUDYSK", "Study Skills", 0, "", "", 0, 0, "", "", "", true, -0.6},
    {Cid::kAutoShop, "AUTOSHOP", "Auto Shop", 0, "", "8440", 0, 0, "", "", "", false, -0.3},
}};

void abbrev(const CatalogCourse& c, CsvOut& out) {
  // "ENG9A|ENG9B" for a year course, as transcripts print the two halves.
  if (c.semester) {
    out.str(c.id);
    return;
  }
  out.str(c.id).ch('A').ch('|').str(c.id).ch('B');
}

}  // namespace

const CatalogCourse& course(Cid cid) { return kCatalog[static_cast<std::size_t>(cid)]; }

std::size_t write_catalog(const std::vector<std::string>& school_codes, CsvOut& out) {
  out.str(
      "school_code,local_course_id,course_title,academic_year,ag_area,rigor,state_course_code,"
      "math_level,lote_language,lote_level,hss_type,science_discipline,vpa_discipline,"
      "transcript_abbrev,uc_approved,credit_value,course_length");
  out.end_row();
  std::size_t rows = 0;
  for (const std::string& school : school_codes) {
    for (const CatalogCourse& c : kCatalog) {
      out.str(school).ch(',').str(c.id).ch(',').str(c.title).str(",,");
      if (c.area) out.ch(c.area);
      out.ch(',').str(c.rigor).ch(',').str(c.state_code).ch(',');
      if (c.math_level) out.num(c.math_level);
      out.ch(',');
      if (c.lote_level) out.str("Spanish");
      out.ch(',');
      if (c.lote_level) out.num(c.lote_level);
      out.ch(',').str(c.hss_type).ch(',').str(c.science).ch(',').str(c.vpa).ch(',');
      abbrev(c, out);
      out.ch(',').ch(c.area ? 'Y' : 'N').str(",5.00,").str(c.semester ? "semester" : "year");
      out.end_row();
      ++rows;
    }
  }
  return rows;
}

}  // namespace agmon::service::demo
