// `agmon audit`: who read which student record, when, through which endpoint (FERPA).
#include <unistd.h>

#include <cstdlib>

#include "agmon/service/audit.h"
#include "cli/commands_list.h"

namespace agmon::cli {
namespace {

const char* kUsage =
    "usage: agmon audit [--student ID] [--since DATE] [--limit N] [--json]\n"
    "\n"
    "Lists the audit log of student-record reads through the daemon (reports and rows of\n"
    "lists): time (UTC), token name and role, student, endpoint, client address. Oldest first;\n"
    "--limit N shows the newest N. DATE is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC, inclusive).\n"
    "Refused reads (out of scope) are not reads and are not listed.\n";

int run(CommandContext& ctx) {
  std::string error;
  auto args = Args::parse(ctx.argv, {"student", "since", "limit"}, {"json"}, &error);
  if (!args) return usage_error(ctx, error);
  if (!args->positionals().empty()) return usage_error(ctx, "audit takes no positional arguments");
  service::AuditFilter filter;
  filter.student = args->get("student");
  filter.since = args->get("since");
  if (filter.since) {
    auto st = service::validate_since(*filter.since);
    if (!st) return usage_error(ctx, st.error().message);
  }
  if (auto limit = args->get("limit")) {
    char* end = nullptr;
    long n = std::strtol(limit->c_str(), &end, 10);
    if (limit->empty() || *end != '\0' || n < 1 || n > 100000000)
      return usage_error(ctx, "--limit must be a positive whole number");
    filter.limit = static_cast<int>(n);
  }
  if (access(ctx.global.db_path.c_str(), F_OK) != 0) {
    ctx.err << "agmon: no database at " << ctx.global.db_path << "\n";
    return kExitFailure;
  }
  auto db = store::Database::open(ctx.global.db_path, store::OpenMode::kReadOnly);
  if (!db) {
    ctx.err << "agmon: " << db.error().message << "\n";
    return kExitFailure;
  }
  auto rows = service::list_audit(**db, filter);
  if (!rows) {
    ctx.err << "agmon: " << rows.error().message << "\n";
    return kExitFailure;
  }
  if (args->has("json")) ctx.out << service::audit_json(*rows) << "\n";
  else ctx.out << service::audit_text(*rows);
  return kExitOk;
}

}  // namespace

CommandSpec audit_command() { return {"audit", "who read which student record, when (FERPA)", kUsage, run}; }

}  // namespace agmon::cli
