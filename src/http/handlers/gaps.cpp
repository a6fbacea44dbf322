// GET /api/v1/gaps: the subgroup table (small cells suppressed by the service). Counselors see
// their own schools only; nobody can lower the suppression threshold through the API.
#include "agmon/core/equity.h"
#include "agmon/core/json_writer.h"
#include "agmon/service/gaps.h"
#include "agmon/service/scope.h"
#include "http/handlers/handlers.h"

namespace agmon::http {

Reply handle_gaps(Exchange& ex) {
  QueryReader q(ex.query, {"metric", "by", "school", "year", "years", "system", "min_n"});
  service::GapQuery gq;
  if (auto metric = q.text("metric", 32)) gq.metric = *metric;
  if (auto by = q.text("by", 64)) gq.by = *by;
  if (auto system = q.choice("system", {"uc", "csu"})) gq.system = *system;
  gq.school = q.code("school");
  gq.year = q.school_year("year");
  gq.years = q.text("years", 32);
  const int floor = ex.ctx.settings.gap_options().min_n;
  long min_n = q.integer("min_n", floor, 1000000, 0);  // raising the threshold is allowed
  if (min_n) gq.min_n = static_cast<int>(min_n);
  if (!q.ok()) return bad_query(q);
  auto db = ex.db();
  if (!db) return error_reply(db.error());
  // Counselors: their own schools only, applied by the service.
  auto tables = service::gap_tables_for(*(*db)->db, ex.ctx.settings, ex.principal, gq);
  if (!tables) {
    auto e = tables.error();
    if (e.code == core::ErrorCode::kInvalidArgument) e.message = "parameter " + e.message;
    return error_reply(e);
  }
  if (!gq.years && tables->size() == 1) return json_reply(200, core::render_gap_json(tables->front()));
  core::JsonWriter w;
  w.begin_object().key("tables").begin_array();
  for (const auto& t : *tables) w.raw(core::render_gap_json(t));
  w.end_array().end_object();
  return json_reply(200, w.take());
}

}  // namespace agmon::http
