#include "agmon/store/audit_repo.h"

#include <algorithm>

namespace agmon::store {

void AuditRepo::append(const std::vector<AuditRecord>& records) {
  auto st = db_.prepare(
      "INSERT INTO audit_log(at, token_name, role, student_id, endpoint, client) VALUES "
      "(?,?,?,?,?,?)");
  for (const auto& e : records) {
    st.bind(1, e.at).bind(2, e.token_name).bind(3, e.role).bind(4, e.student_id);
    st.bind(5, e.endpoint).bind(6, e.client);
    st.run();
    st.reset();
  }
}

std::vector<AuditRecord> AuditRepo::list(const AuditQuery& q) {
  std::string sql =
      "SELECT at, token_name, role, student_id, endpoint, client FROM audit_log WHERE 1";
  if (q.student) sql += " AND student_id = ?1";
  if (q.since) sql += " AND at >= ?2";
  // Newest first when limited (the tail is what one looks at), then back to oldest first.
  sql += q.limit > 0 ? " ORDER BY audit_id DESC LIMIT ?3" : " ORDER BY audit_id";
  auto st = db_.prepare(sql);
  if (q.student) st.bind(1, *q.student);
  if (q.since) st.bind(2, *q.since);
  if (q.limit > 0) st.bind(3, q.limit);
  std::vector<AuditRecord> out;
  while (st.step())
    out.push_back({st.str(0), st.str(1), st.str(2), st.str(3), st.str(4), st.str(5)});
  if (q.limit > 0) std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace agmon::store
