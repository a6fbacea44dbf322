// `agmon check STUDENT_ID`: where one student stands on A-G, for a counselor.
#include <unistd.h>

#include "agmon/service/student_report.h"
#include "cli/commands_list.h"
#include "cli/settings_loader.h"

namespace agmon::cli {
namespace {

const char* kUsage =
    "usage: agmon check [--json] STUDENT_ID\n"
    "\n"
    "Prints the student's UC and CSU A-G progress per area (required / earned / in progress /\n"
    "missing), GPAs, eligibility, the courses needing attention and open alerts. --json prints\n"
    "the student report of interfaces.md. Exit 1 when there is no such student.\n";

int run(CommandContext& ctx) {
  std::string error;
  auto args = Args::parse(ctx.argv, {}, {"json"}, &error);
  if (!args) return usage_error(ctx, error);
  if (args->positionals().size() != 1) return usage_error(ctx, "check needs exactly one STUDENT_ID");
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
  auto view = service::student_view(**db, *settings, args->positionals()[0]);
  if (!view) {
    ctx.err << "agmon: " << view.error().message << "\n";
    return kExitFailure;
  }
  if (args->has("json")) ctx.out << service::student_view_json(*view) << "\n";
  else ctx.out << service::student_view_text(*view);
  return kExitOk;
}

}  // namespace

CommandSpec check_command() { return {"check", "where one student stands on A-G (UC and CSU)", kUsage, run}; }

}  // namespace agmon::cli
