// `agmon import`: load a district's nightly files in one transaction.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "agmon/service/importer.h"
#include "cli/commands_list.h"
#include "cli/settings_loader.h"

namespace agmon::cli {
namespace {

const char* kUsage =
    "usage: agmon import [--mode full|incremental] [--dry-run] [--max-reject-rate R] [--json] FILE...\n"
    "\n"
    "Detects each file's kind (canonical CSV, CALPADS, OneRoster folder or zip, UC A-G list),\n"
    "validates every row and applies all files of the call in ONE transaction. Bad rows are\n"
    "quarantined with file, line and reason; above --max-reject-rate (default 0.01) nothing is\n"
    "applied. full mode: the files are the whole truth for the (school, year) pairs they hold.\n"
    "\n"
    "exit codes: 0 applied; 3 applied, some rows quarantined; 2 rejected, nothing changed;\n"
    "            1 other failure, nothing changed; 64 bad usage\n";

int run(CommandContext& ctx) {
  std::string error;
  auto args = Args::parse(ctx.argv, {"mode", "max-reject-rate"}, {"dry-run", "json"}, &error);
  if (!args) return usage_error(ctx, error);
  service::ImportOptions options;
  std::string mode = args->get("mode").value_or("incremental");
  if (mode == "full") options.mode = store::ImportMode::kFull;
  else if (mode != "incremental") return usage_error(ctx, "--mode must be full or incremental");
  options.dry_run = args->has("dry-run");
  if (auto rate = args->get("max-reject-rate")) {
    char* end = nullptr;
    options.max_reject_rate = std::strtod(rate->c_str(), &end);
    if (rate->empty() || *end != '\0' || options.max_reject_rate < 0 || options.max_reject_rate > 1)
      return usage_error(ctx, "--max-reject-rate must be a number from 0 to 1");
  }
  if (args->positionals().empty()) return usage_error(ctx, "import needs at least one FILE");
  auto settings = load_settings(ctx);
  if (!settings) return kExitUsage;
  if (isatty(STDERR_FILENO)) {
    options.progress = [&ctx](const std::string& status) { ctx.err << "\r\033[K" << status << std::flush; };
  }
  auto report = service::run_import(ctx.global.db_path, args->positionals(), options, *settings);
  if (options.progress) ctx.err << "\r\033[K" << std::flush;
  if (args->has("json")) ctx.out << service::import_report_json(report) << "\n";
  else ctx.out << service::import_report_text(report);
  if (report.exit_code == service::kImportRejected || report.exit_code == service::kImportFailed)
    ctx.err << "agmon: " << report.message << "\n";
  return report.exit_code;
}

}  // namespace

CommandSpec import_command() { return {"import", "load nightly files (CSV, CALPADS, OneRoster, UC list)", kUsage, run}; }

}  // namespace agmon::cli
