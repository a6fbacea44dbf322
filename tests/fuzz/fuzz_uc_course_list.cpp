// libFuzzer target: the UC A-G course list JSON (the detector and the parser with its own
// JSON reading): any bytes must give courses, quarantined course objects or one refusal.
#include <algorithm>
#include <map>
#include <string>

#include "agmon/ingest/uc_course_list.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace agmon::ingest;
  FileSniff sniff;
  sniff.path = "courselist-institution-99990.json";
  sniff.head = std::string(reinterpret_cast<const char*>(data), std::min(size, kSniffBytes));
  (void)detect_uc_course_list(sniff);
  std::string path = agmon::fuzz::write_scratch(data, size, "-institution-99990.json");
  static const std::map<std::string, std::string> kConfig = {{"ingest.uc.institutions", "99990:9900011"},
                                                             {"ingest.uc.list_year", "2025-2026"}};
  ParseOptions options;
  options.display_name = "courselist.json";
  options.config = &kConfig;
  agmon::fuzz::CheckingSink sink;
  auto stats = parse_uc_course_list_file(path, FileKind::kUcCourseList, options, sink);
  if (stats) {
    agmon::fuzz::require(stats->rows_quarantined == sink.errors, "quarantined courses != on_error calls");
  } else {
    agmon::fuzz::require(!stats.error().message.empty(), "a refusal without a message");
  }
  return 0;
}
