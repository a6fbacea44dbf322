#include "agmon/store/health_repo.h"

namespace agmon::store {

long HealthRepo::students_evaluated() {
  auto st = db_.prepare("SELECT count(*) FROM student_evaluations");
  return st.step() ? static_cast<long>(st.integer(0)) : 0;
}

std::map<std::string, long> HealthRepo::open_alerts_by_kind() {
  std::map<std::string, long> out;
  auto st = db_.prepare("SELECT kind, count(*) FROM alerts WHERE status = 'open' GROUP BY kind");
  while (st.step()) out[st.str(0)] = static_cast<long>(st.integer(1));
  return out;
}

}  // namespace agmon::store
