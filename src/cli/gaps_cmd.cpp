// `agmon gaps`: the subgroup table for administrators (equity.md §1-3), small cells suppressed.
#include <unistd.h>

#include "agmon/service/gaps.h"
#include "cli/commands_list.h"
#include "cli/settings_loader.h"

namespace agmon::cli {
namespace {

const char* kUsage =
    "usage: agmon gaps [--metric ap|ag|ag-projected|ag-on-track|missing] [--by GROUPING]\n"
    "                  [--school ID] [--year YYYY-YYYY | --years A..B] [--system uc|csu]\n"
    "                  [--min-n N] [--json|--csv]\n"
    "\n"
    "How a measure is shared across student groups, from the stored evaluations:\n"
    "  ap           grades 9-12 enrolled in at least one AP course this year (default)\n"
    "  ag           grade 12 with the A-G pattern complete (--system uc, the default, or csu)\n"
    "  ag-projected grade 12 who complete the pattern if every course in progress is passed\n"
    "  ag-on-track  grades 9-12 on track for the pattern for their grade\n"
    "  missing      grades 10-12, UC GPA >= 3.00, at a school offering AP, NOT in AP\n"
    "GROUPING: race_ethnicity (default), gender, el, sed, swd, foster, homeless, grade, school.\n"
    "Each row: n, count, rate, gap_pp (vs all), ppg1 (vs the rest), representation_index,\n"
    "risk_ratio, impact_ratio, missing (seats to parity), disproportionate. Groups under\n"
    "--min-n (default privacy.min_n, 11) and the cells that would reveal them show as '*'.\n"
    "--year picks a school year (default: the latest); --years A..B prints one table per year.\n"
    "--json / --csv print the shapes of equity.md §3.\n";

int run(CommandContext& ctx) {
  std::string error;
  auto args = Args::parse(ctx.argv, {"metric", "by", "school", "year", "years", "system", "min-n"},
                          {"json", "csv"}, &error);
  if (!args) return usage_error(ctx, error);
  if (!args->positionals().empty()) return usage_error(ctx, "gaps takes no positional arguments");
  if (args->has("json") && args->has("csv")) return usage_error(ctx, "give --json or --csv, not both");
  if (args->has("year") && args->has("years")) return usage_error(ctx, "give --year or --years, not both");

  service::GapQuery q;
  q.metric = args->get("metric").value_or(q.metric);
  q.by = args->get("by").value_or(q.by);
  q.system = args->get("system").value_or(q.system);
  q.school = args->get("school");
  q.year = args->get("year");
  q.years = args->get("years");
  if (auto text = args->get("min-n")) {
    if (text->empty() || text->size() > 7 || text->find_first_not_of("0123456789") != std::string::npos)
      return usage_error(ctx, "--min-n must be a whole number of at least 1");
    q.min_n = std::stoi(*text);
  }

  auto settings = load_settings(ctx);
  if (!settings) return kExitUsage;
  if (access(ctx.global.db_path.c_str(), F_OK) != 0) {
    ctx.err << "agmon: no database at " << ctx.global.db_path << " (run `agmon import` first)\n";
    return kExitFailure;
  }
  auto db = store::Database::open(ctx.global.db_path, store::OpenMode::kReadOnly);
  if (!db) {
    ctx.err << "agmon: " << db.error().message << "\n";
    return kExitFailure;
  }
  auto tables = service::gap_tables(**db, *settings, q);
  if (!tables) {
    // A malformed parameter is bad usage; "no such year / school / data" is a failure.
    if (tables.error().code == core::ErrorCode::kInvalidArgument) return usage_error(ctx, tables.error().message);
    ctx.err << "agmon: " << tables.error().message << "\n";
    return kExitFailure;
  }
  if (args->has("json")) ctx.out << service::gap_tables_json(*tables, q.years.has_value()) << "\n";
  else if (args->has("csv")) ctx.out << service::gap_tables_csv(*tables);
  else ctx.out << service::gap_tables_text(*tables);
  return kExitOk;
}

}  // namespace

CommandSpec gaps_command() {
  return {"gaps", "subgroup gaps in AP and A-G (small groups suppressed)", kUsage, run};
}

}  // namespace agmon::cli
