// Late duplicates of a first load (store/first_load_marks.h): course marks whose key came
// back after their student's run of consecutive marks had ended. The store no longer knows
// the earlier rows, so the call's files are read once more, for those keys alone, and every
// earlier row of each key is reported as displaced ("keep the last, report the first").
// Rare: SIS exports list a student's marks together, so this costs one extra parse only for
// files that do not.
#pragma once

#include <string>
#include <vector>

#include "agmon/ingest/parse_options.h"
#include "service/staging_sink.h"

namespace agmon::service {

struct CallFile {
  std::string path;
  std::string display;  // the name row errors carry
};

// `files` in the order they were applied; `options` as they were parsed with (display_name
// is set per file). Adds the quarantined rows to `sink`.
void report_late_duplicates(const std::vector<CallFile>& files, const ingest::ParseOptions& options,
                            const std::vector<std::string>& keys, StagingSink& sink);

}  // namespace agmon::service
