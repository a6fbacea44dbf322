// `agmon token add|list|revoke`: API tokens for the daemon. The secret is printed once, alone
// on stdout, and only its hash is stored.
#include <unistd.h>

#include "agmon/core/json_writer.h"
#include "agmon/service/tokens.h"
#include "cli/commands_list.h"

namespace agmon::cli {
namespace {

const char* kUsage =
    "usage: agmon token add --role counselor|admin|importer [--school ID]... [--counselor ID] --name TEXT\n"
    "                       [--expires-days N]\n"
    "       agmon token list [--json]\n"
    "       agmon token revoke NAME\n"
    "\n"
    "add     creates a token for `agmon serve` and prints it ONCE, alone on one line of stdout;\n"
    "        only its SHA-256 hash is stored, so keep it now. Roles: counselor (students, alerts\n"
    "        and gaps of its --school(s), at least one; of one caseload with --counselor), admin\n"
    "        (everything), importer (uploads and import history only).\n"
    "list    every token: name, role, scope, created, expires, revoked (never the secret).\n"
    "revoke  disables a token at once; the daemon refuses it from the next request on.\n"
    "\n"
    "Clients send the token as `Authorization: Bearer TOKEN`.\n";

std::unique_ptr<store::Database> open_db(CommandContext& ctx) {
  auto db = store::Database::open(ctx.global.db_path);
  if (!db) {
    ctx.err << "agmon: " << db.error().message << "\n";
    return nullptr;
  }
  return std::move(db.value());
}

int fail(CommandContext& ctx, const core::Error& e) {
  ctx.err << "agmon: " << e.message << "\n";
  return e.code == core::ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

int add(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::parse(argv, {"role", "school", "counselor", "name", "expires-days"}, {}, &error);
  if (!args) return usage_error(ctx, error);
  if (!args->positionals().empty()) return usage_error(ctx, "token add takes no positional arguments");
  auto role_text = args->get("role");
  if (!role_text) return usage_error(ctx, "token add needs --role counselor|admin|importer");
  auto role = service::parse_role(*role_text);
  if (!role) return usage_error(ctx, "--role must be counselor, admin or importer");
  auto name = args->get("name");
  if (!name) return usage_error(ctx, "token add needs --name TEXT");
  service::NewToken t;
  t.name = *name;
  t.role = *role;
  t.schools = args->all("school");
  t.counselor_id = args->get("counselor").value_or("");
  if (auto days = args->get("expires-days")) {
    if (days->empty() || days->size() > 5 || days->find_first_not_of("0123456789") != std::string::npos)
      return usage_error(ctx, "--expires-days must be a whole number of days (0 = never)");
    t.expires_days = std::stoi(*days);
  }
  auto db = open_db(ctx);
  if (!db) return kExitFailure;
  auto token = service::add_token(*db, t);
  if (!token) return fail(ctx, token.error());
  ctx.out << *token << "\n" << std::flush;
  ctx.err << "agmon: token '" << t.name << "' (" << service::role_name(t.role);
  if (!t.schools.empty()) ctx.err << ", schools " << join(t.schools);
  if (!t.counselor_id.empty()) ctx.err << ", caseload " << t.counselor_id;
  ctx.err << ") created, " << (t.expires_days ? "valid " + std::to_string(t.expires_days) + " days" : std::string("never expires"))
          << "; it is shown only this once\n";
  return kExitOk;
}

int list(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::parse(argv, {}, {"json"}, &error);
  if (!args) return usage_error(ctx, error);
  if (!args->positionals().empty()) return usage_error(ctx, "token list takes no positional arguments");
  auto db = open_db(ctx);
  if (!db) return kExitFailure;
  auto tokens = service::list_tokens(*db);
  if (!tokens) return fail(ctx, tokens.error());
  if (args->has("json")) {
    core::JsonWriter w;
    w.begin_array();
    for (const auto& t : *tokens) {
      w.begin_object().field("name", t.name).field("role", service::role_name(t.role));
      w.key("schools").begin_array();
      for (const auto& s : t.schools) w.value(s);
      w.end_array().field("counselor_id", t.counselor_id).field("created_at", t.created_at);
      w.key("expires_at");
      if (t.expires_at) w.value(*t.expires_at);
      else w.null();
      w.key("revoked_at");
      if (t.revoked_at) w.value(*t.revoked_at);
      else w.null();
      w.end_object();
    }
    w.end_array();
    ctx.out << w.str() << "\n";
    return kExitOk;
  }
  if (tokens->empty()) ctx.err << "agmon: no tokens (create one with `agmon token add`)\n";
  for (const auto& t : *tokens) {
    ctx.out << t.name << "  " << service::role_name(t.role);
    if (!t.schools.empty()) ctx.out << "  schools " << join(t.schools);
    if (!t.counselor_id.empty()) ctx.out << "  caseload " << t.counselor_id;
    ctx.out << "  created " << t.created_at;
    ctx.out << "  expires " << t.expires_at.value_or("never");
    if (t.revoked_at) ctx.out << "  REVOKED " << *t.revoked_at;
    ctx.out << "\n";
  }
  return kExitOk;
}

int revoke(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::parse(argv, {}, {}, &error);
  if (!args) return usage_error(ctx, error);
  if (args->positionals().size() != 1) return usage_error(ctx, "token revoke needs exactly one NAME");
  auto db = open_db(ctx);
  if (!db) return kExitFailure;
  auto st = service::revoke_token(*db, args->positionals()[0]);
  if (!st) return fail(ctx, st.error());
  ctx.err << "agmon: token '" << args->positionals()[0] << "' revoked\n";
  return kExitOk;
}

int run(CommandContext& ctx) {
  if (ctx.argv.empty()) return usage_error(ctx, "token needs add, list or revoke (see `agmon help token`)");
  std::string sub = ctx.argv[0];
  std::vector<std::string> rest(ctx.argv.begin() + 1, ctx.argv.end());
  if (sub == "add") return add(ctx, rest);
  if (sub == "list") return list(ctx, rest);
  if (sub == "revoke") return revoke(ctx, rest);
  return usage_error(ctx, "unknown token command '" + sub + "' (add, list or revoke)");
}

}  // namespace

CommandSpec token_command() { return {"token", "create, list and revoke API tokens for the daemon", kUsage, run}; }

}  // namespace agmon::cli
