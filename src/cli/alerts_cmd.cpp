// `agmon alerts`: the alert list (a counselor's caseload, or the administrators' subgroup
// alerts), `alerts ack ID` and the weekly `alerts digest` for e-mail.
#include <unistd.h>

#include <cstdlib>

#include "agmon/service/alerts.h"
#include "cli/commands_list.h"

namespace agmon::cli {
namespace {

const char* kUsage =
    "usage: agmon alerts [--school ID] [--counselor ID] [--kind KIND] [--student ID]\n"
    "                    [--status open|acknowledged|resolved|all] [--json|--csv]\n"
    "       agmon alerts ack ID [--note TEXT] [--by NAME]\n"
    "       agmon alerts digest --counselor ID [--since YYYY-MM-DD]\n"
    "\n"
    "Alerts are recomputed after every import: new ones open, those no longer true resolve,\n"
    "and they reopen if they become true again. The list (default: --status open) is grouped\n"
    "by counselor, then student, oldest first; subgroup alerts for administrators follow.\n"
    "Student kinds: AG_DF_UNVALIDATED AG_OFF_TRACK AG_NO_MATH AG_ELEVEN_AT_RISK\n"
    "  AG_SENIOR_SHORT AG_GEOMETRY_MISSING AG_GPA_RISK AP_READY_NOT_ENROLLED AG_STATUS_CHANGED\n"
    "Subgroup kinds: GAP_AP_UNDERREPRESENTED GAP_AG_COMPLETION GAP_WIDENING GAP_ZERO_ACCESS\n"
    "ack     marks an open alert acknowledged (with a note; --by defaults to $USER); it stays\n"
    "        acknowledged while it holds. Exit 1 for an unknown or resolved alert.\n"
    "digest  plain text for e-mail: what opened and resolved on a caseload since a date\n"
    "        (default: 7 days ago), and how many are open now.\n";

int fail(CommandContext& ctx, const core::Error& e) {
  if (e.code == core::ErrorCode::kInvalidArgument) return usage_error(ctx, e.message);
  ctx.err << "agmon: " << e.message << "\n";
  return kExitFailure;
}

std::unique_ptr<store::Database> open_db(CommandContext& ctx, store::OpenMode mode) {
  if (access(ctx.global.db_path.c_str(), F_OK) != 0) {
    ctx.err << "agmon: no database at " << ctx.global.db_path << " (run `agmon import` first)\n";
    return nullptr;
  }
  auto db = store::Database::open(ctx.global.db_path, mode);
  if (!db) {
    ctx.err << "agmon: " << db.error().message << "\n";
    return nullptr;
  }
  return std::move(db.value());
}

int ack(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::parse(argv, {"note", "by"}, {}, &error);
  if (!args) return usage_error(ctx, error);
  if (args->positionals().size() != 1) return usage_error(ctx, "alerts ack needs exactly one alert ID");
  const std::string& id_text = args->positionals()[0];
  if (id_text.empty() || id_text.size() > 15 || id_text.find_first_not_of("0123456789") != std::string::npos)
    return usage_error(ctx, "alert ID must be a positive whole number, not '" + id_text + "'");
  const char* user = std::getenv("USER");
  std::string actor = args->get("by").value_or(user && *user ? user : "cli");
  auto db = open_db(ctx, store::OpenMode::kReadWrite);
  if (!db) return kExitFailure;
  auto alert = service::acknowledge_alert(*db, std::stol(id_text), actor, args->get("note").value_or(""));
  if (!alert) return fail(ctx, alert.error());
  ctx.out << "alert " << alert->alert_id << " (" << alert->kind << ") acknowledged by " << alert->acknowledged_by
          << "\n";
  return kExitOk;
}

int digest(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::parse(argv, {"counselor", "since"}, {}, &error);
  if (!args) return usage_error(ctx, error);
  if (!args->positionals().empty()) return usage_error(ctx, "alerts digest takes no positional arguments");
  auto counselor = args->get("counselor");
  if (!counselor || counselor->empty()) return usage_error(ctx, "alerts digest needs --counselor ID");
  auto db = open_db(ctx, store::OpenMode::kReadOnly);
  if (!db) return kExitFailure;
  auto text = service::alerts_digest(*db, *counselor, args->get("since"));
  if (!text) return fail(ctx, text.error());
  ctx.out << *text;
  return kExitOk;
}

int list(CommandContext& ctx) {
  std::string error;
  auto args = Args::parse(ctx.argv, {"school", "counselor", "kind", "status", "student"}, {"json", "csv"}, &error);
  if (!args) return usage_error(ctx, error);
  if (!args->positionals().empty())
    return usage_error(ctx, "unknown alerts subcommand '" + args->positionals()[0] + "' (ack or digest)");
  if (args->has("json") && args->has("csv")) return usage_error(ctx, "give --json or --csv, not both");
  service::AlertQuery q;
  q.school = args->get("school");
  q.counselor = args->get("counselor");
  q.kind = args->get("kind");
  q.student = args->get("student");
  q.status = args->get("status").value_or("open");
  auto db = open_db(ctx, store::OpenMode::kReadOnly);
  if (!db) return kExitFailure;
  auto alerts = service::list_alerts(*db, q);
  if (!alerts) return fail(ctx, alerts.error());
  if (args->has("json")) ctx.out << service::alerts_json(*alerts) << "\n";
  else if (args->has("csv")) ctx.out << service::alerts_csv(*alerts);
  else ctx.out << service::alerts_text(*alerts);
  return kExitOk;
}

int run(CommandContext& ctx) {
  if (!ctx.argv.empty() && ctx.argv[0] == "ack") return ack(ctx, {ctx.argv.begin() + 1, ctx.argv.end()});
  if (!ctx.argv.empty() && ctx.argv[0] == "digest") return digest(ctx, {ctx.argv.begin() + 1, ctx.argv.end()});
  return list(ctx);
}

}  // namespace

CommandSpec alerts_command() {
  return {"alerts", "counselor and subgroup alerts: list, ack, weekly digest", kUsage, run};
}

}  // namespace agmon::cli
