#include "agmon/store/alert_repo.h"

namespace agmon::store {

AlertRecord alert_from_row(const Statement& st) {
  AlertRecord a;
  a.alert_id = static_cast<long>(st.integer(0));
  a.identity = st.str(1);
  a.kind = st.str(2);
  a.audience = st.str(3);
  a.school_code = st.str(4);
  a.counselor_id = st.str(5);
  a.student_id = st.str(6);
  a.grouping = st.str(7);
  a.group_name = st.str(8);
  a.metric = st.str(9);
  a.detail = st.str(10);
  a.message = st.str(11);
  a.status = st.str(12);
  a.opened_at = st.str(13);
  // 14 opened_import_id
  a.last_seen_at = st.str(15);
  a.resolved_at = st.str(16);
  // 17 resolved_import_id
  a.acknowledged_by = st.str(18);
  a.acknowledged_at = st.str(19);
  a.ack_note = st.str(20);
  a.times_opened = static_cast<int>(st.integer(21));
  return a;
}

std::vector<AlertRecord> AlertRepo::active_for_student(const std::string& student_id) {
  auto st = db_.prepare(
      "SELECT * FROM alerts WHERE student_id = ? AND status IN ('open', 'acknowledged') "
      "ORDER BY opened_at, alert_id");
  st.bind(1, student_id);
  std::vector<AlertRecord> out;
  while (st.step()) out.push_back(alert_from_row(st));
  return out;
}

}  // namespace agmon::store
