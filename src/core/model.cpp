#include "agmon/core/model.h"

#include <cctype>

#include "core/text.h"

namespace agmon::core {
char area_letter(Area area) { return static_cast<char>('a' + static_cast<int>(area)); }

std::optional<Area> parse_area(std::string_view text) {
  std::string s = upper_trimmed(text);
  if (s.size() == 1 && s[0] >= 'A' && s[0] <= 'G') return static_cast<Area>(s[0] - 'A');
  // CALPADS 10.19 codes GA..GO are the g (elective) sub-areas.
  if (s.size() == 2 && s[0] == 'G' && s[1] >= 'A' && s[1] <= 'O') return Area::g;
  return std::nullopt;
}

std::string_view rigor_name(Rigor rigor) {
  switch (rigor) {
    case Rigor::none: return "";
    case Rigor::ap: return "AP";
    case Rigor::ib: return "IB";
    case Rigor::uc_honors: return "UC_HONORS";
    case Rigor::local_honors: return "LOCAL_HONORS";
    case Rigor::dual_credit: return "DUAL_CREDIT";
    case Rigor::college_credit: return "COLLEGE_CREDIT";
  }
  return "";
}

std::optional<Rigor> parse_rigor(std::string_view text) {
  std::string s = upper_trimmed(text);
  if (s.empty() || s == "NONE") return Rigor::none;
  for (Rigor r : {Rigor::ap, Rigor::ib, Rigor::uc_honors, Rigor::local_honors, Rigor::dual_credit,
                  Rigor::college_credit}) {
    if (s == rigor_name(r)) return r;
  }
  if (s == "COLLEGE") return Rigor::college_credit;
  return std::nullopt;
}

bool earns_honors_point(Rigor rigor) {
  return rigor == Rigor::ap || rigor == Rigor::ib || rigor == Rigor::uc_honors ||
         rigor == Rigor::college_credit || rigor == Rigor::dual_credit;
}

bool is_college_course(Rigor rigor) {
  return rigor == Rigor::college_credit || rigor == Rigor::dual_credit;
}

int Student::grade_number() const {
  if (grade_level.size() == 2 && std::isdigit(static_cast<unsigned char>(grade_level[0])) &&
      std::isdigit(static_cast<unsigned char>(grade_level[1]))) {
    return (grade_level[0] - '0') * 10 + (grade_level[1] - '0');
  }
  return 0;
}

std::optional<int> school_year_start(std::string_view y) {
  if (y.size() != 9 || y[4] != '-') return std::nullopt;
  int a = 0, b = 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(y[i])) ||
        !std::isdigit(static_cast<unsigned char>(y[5 + i])))
      return std::nullopt;
    a = a * 10 + (y[i] - '0');
    b = b * 10 + (y[5 + i] - '0');
  }
  if (b != a + 1) return std::nullopt;
  return a;
}

}  // namespace agmon::core
