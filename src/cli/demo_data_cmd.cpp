// `agmon demo-data`: writes a synthetic district (canonical CSV + demo_truth.json) to a folder.
#include <charconv>
#include <ctime>
#include <ostream>

#include "agmon/service/demo_data.h"
#include "cli/commands_list.h"

namespace agmon::cli {
namespace {

constexpr const char* kUsage =
    "usage: agmon demo-data --students N [--seed S] [--year YYYY-YYYY] [--schools K] --out DIR\n"
    "\n"
    "Writes a synthetic district shaped on Fresno Unified 2008-09 (60% Hispanic, 26% English\n"
    "learners, 80% free/reduced lunch) as canonical CSV files in DIR:\n"
    "  students.csv, courses.csv, course_marks.csv   (import them: agmon import DIR/*.csv)\n"
    "  demo_truth.json   what was planted: the AP-ready Hispanic, African American and English\n"
    "                    learner students held back from AP (held_back_from_ap)\n"
    "\n"
    "  --students N   number of students in grades 9-12 (1..2000000)\n"
    "  --seed S       random seed (default 1); the same seed and options give identical files\n"
    "  --year Y       the current school year (default: the one containing today; a school\n"
    "                 year starts on August 1). The data are as of mid-year: fall (S1) marks\n"
    "                 of the current year are given, spring (S2) is in progress.\n"
    "  --schools K    number of high schools (default: one per ~2,000 students)\n"
    "  --out DIR      output folder (created if missing; files of those names are replaced)\n";

template <typename T>
bool parse_number(const std::string& text, T* value) {
  const char* end = text.data() + text.size();
  auto r = std::from_chars(text.data(), end, *value);
  return r.ec == std::errc() && r.ptr == end && !text.empty();
}

// The school year containing today: August 1 starts a new one. The only clock use.
std::string current_school_year() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const int year = local.tm_year + 1900;
  const int start = local.tm_mon >= 7 ? year : year - 1;  // tm_mon 7 = August
  return std::to_string(start) + "-" + std::to_string(start + 1);
}

int run(CommandContext& ctx) {
  std::string error;
  auto args = Args::parse(ctx.argv, {"students", "seed", "year", "schools", "out"}, {"help"},
                          &error);
  if (!args) return usage_error(ctx, error);
  if (args->has("help")) {
    ctx.out << kUsage;
    return kExitOk;
  }
  if (!args->positionals().empty()) {
    return usage_error(ctx, "demo-data takes no arguments besides options: '" +
                                args->positionals().front() + "'");
  }
  service::DemoDataOptions options;
  const auto students = args->get("students");
  if (!students) return usage_error(ctx, "demo-data needs --students N");
  if (!parse_number(*students, &options.students) || options.students < 1) {
    return usage_error(ctx, "--students must be a positive whole number, got '" + *students + "'");
  }
  if (auto seed = args->get("seed"); seed && !parse_number(*seed, &options.seed)) {
    return usage_error(ctx, "--seed must be a non-negative whole number, got '" + *seed + "'");
  }
  if (auto schools = args->get("schools")) {
    if (!parse_number(*schools, &options.schools) || options.schools < 1) {
      return usage_error(ctx, "--schools must be a positive whole number, got '" + *schools + "'");
    }
  }
  options.school_year = args->get("year").value_or(current_school_year());
  const auto out = args->get("out");
  if (!out || out->empty()) return usage_error(ctx, "demo-data needs --out DIR");
  if (core::Status st = service::validate_demo_options(options); !st) {
    return usage_error(ctx, st.error().message);
  }

  const auto result = service::write_demo_data(options, *out);
  if (!result.ok()) {
    ctx.err << "agmon: demo-data: " << result.error().message << "\n";
    return kExitFailure;
  }
  const service::DemoDataSummary& s = *result;
  ctx.out << "wrote " << s.student_rows << " students in " << s.options.schools
          << (s.options.schools == 1 ? " school, " : " schools, ") << s.course_rows << " courses, " << s.mark_rows
          << " course marks for " << s.options.school_year << " to " << *out << " ("
          << s.held_back_from_ap.size() << " AP-ready students held back from AP, listed in "
          << "demo_truth.json)\n";
  return kExitOk;
}

}  // namespace

CommandSpec demo_data_command() {
  return {"demo-data", "write a synthetic district as canonical CSV files", kUsage, run};
}

}  // namespace agmon::cli
