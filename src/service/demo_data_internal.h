// Internals of the demo-data generator shared by its source files: a portable random
// generator, the course catalog, the student profile and the transcript planner.
#pragma once

#include <charconv>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace agmon::service::demo {

// xoshiro256** seeded by splitmix64: fixed algorithm (unlike std:: distributions, whose
// output differs between standard libraries), so a seed means the same district everywhere.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);
  std::uint64_t next();
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0,1)
  bool chance(double p) { return uniform() < p; }
  int below(int n) { return static_cast<int>(uniform() * n); }
  double normal();  // standard normal (Box-Muller)

 private:
  std::uint64_t s_[4];
};

// Buffered CSV output: appends to a string and writes it out in large blocks.
class CsvOut {
 public:
  explicit CsvOut(std::ostream& os) : os_(os) { buf_.reserve(kBlock + 4096); }
  CsvOut& str(std::string_view s) { buf_.append(s.data(), s.size()); return *this; }
  CsvOut& ch(char c) { buf_.push_back(c); return *this; }
  CsvOut& num(long long v) {
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buf_.append(tmp, r.ptr);
    return *this;
  }
  // Ends a row; writes the buffer out once it is large.
  void end_row() {
    buf_.push_back('\n');
    if (buf_.size() >= kBlock) flush();
  }
  void flush() { os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size())); buf_.clear(); }
  bool good() const { return os_.good(); }

 private:
  static constexpr std::size_t kBlock = 1 << 20;
  std::ostream& os_;
  std::string buf_;
};

// ---- catalog (demo_catalog.cpp) ----

enum class Cid : std::uint8_t {
  kEng9, kEng10, kEng10H, kEng11, kEng12, kApEngLang, kApEngLit, kEld,
  kWorldHist, kApWorldHist, kUsHist, kApUsHist, kCivics, kEcon,
  kAlg1, kGeom, kAlg2, kPrecalc, kApCalcAb, kApStats,
  kBio, kChem, kChemH, kPhys, kEarthSci, kApBio, kApChem,
  kSpan1, kSpan2, kSpan3, kSpan4, kApSpan,
  kArt1, kMusic, kTheater,
  kPe, kHealth, kStudySkills, kAutoShop,
  kCount
};
inline constexpr int kCourseCount = static_cast<int>(Cid::kCount);

struct CatalogCourse {
  Cid cid;
  const char* id;     // local_course_id
  const char* title;
  char area;          // 'a'..'g', 0 = not A-G
  const char* rigor;  // "", "AP", "UC_HONORS"
  const char* state_code;
  int math_level;
  int lote_level;
  const char* hss_type;
  const char* science;
  const char* vpa;
  bool semester;      // a one-semester course (else year-long: S1 + S2)
  double difficulty;  // subtracted from the mark score
};

const CatalogCourse& course(Cid cid);
inline bool is_ap(Cid cid) { return course(cid).rigor[0] == 'A'; }
// Writes courses.csv (header + one block per school); returns the number of rows.
std::size_t write_catalog(const std::vector<std::string>& school_codes, CsvOut& out);

// ---- students (demo_students.cpp) ----

enum class Group : std::uint8_t {
  kHispanic, kAfricanAmerican, kWhite, kAsian, kFilipino, kPacificIslander,
  kAmericanIndian, kTwoOrMore, kNotReported
};

struct Profile {
  int index = 0;
  int school = 0;  // index into the school list
  int grade = 9;   // 9..12
  char gender = 'F';
  char hispanic = 'N';  // 'Y' / 'N' / 0 (blank)
  std::string race_codes;
  Group group = Group::kNotReported;
  const char* el_status = "EO";
  bool sed = false, swd = false, foster = false, homeless = false;
  int first_name = 0, last_name = 0;  // indexes into the name lists
  int birth_year = 0, birth_month = 1, birth_day = 1;
  double ability = 0;  // latent; drives marks and placement
  bool ap_ready = false;   // would be placed in AP
  bool held_back = false;  // ... but the planted rule kept them out
};

// The draw for student `index` (its own random stream: independent of other students).
Profile make_profile(std::uint64_t seed, int index, int start_year, double ap_holdback,
                     const std::vector<double>& school_cumulative_weights);
int last_name_count();
// Writes the students.csv header / one row.
void write_student_header(CsvOut& out);
void write_student_row(const Profile& p, const std::string& school_code,
                       const std::string& counselor_id, const std::string& school_year,
                       CsvOut& out);
std::string student_id(int index);

// ---- transcripts (demo_transcripts.cpp, demo_marks.cpp) ----

enum class Term : std::uint8_t { kS1, kS2, kSS };

struct MarkRow {
  Cid cid;
  Term term;
  int year_back;   // 0 = current year, 1 = the year before, ...
  int grade;       // grade_level_taken
  const char* mark;  // "" = in progress
};

struct Transcript {
  std::vector<MarkRow> rows;
};

// Plans and marks every course of student `p` from grade 9 to their current grade.
void plan_transcript(const Profile& p, std::uint64_t seed, bool current_s1_graded,
                     Transcript& out);

// Mark drawing: a letter from the student's ability, the course and noise.
const char* draw_mark(Rng& rng, double ability, double course_effect, Cid cid, double bonus);
bool is_deficient(const char* mark);  // D or F (any modifier)
int grade_points(const char* mark);   // A=4 .. F=0 (+/- dropped)

// Writes the course_marks.csv header / the rows of one student; returns rows written.
void write_mark_header(CsvOut& out);
std::size_t write_mark_rows(const std::string& student, const std::string& school_code,
                            const std::vector<std::string>& years_back, const Transcript& t,
                            CsvOut& out);

}  // namespace agmon::service::demo
