// PLACEHOLDER until the UC A-G course list matcher lands (issue 8): every entry is reported
// as not applied, so nothing is silently ignored.
#include "service/import_log.h"
#include "service/staging_sink.h"

namespace agmon::service {

void apply_ag_course_list(store::Database&, std::vector<ingest::AgCourseListEntry>& entries,
                          StagingSink& sink, ImportReport&) {
  for (const auto& e : entries)
    sink.on_warning("ag_course_list", 0, "UC course list entry " + e.ucop_course_id +
                                              " not applied: matching is not built yet");
}

}  // namespace agmon::service
