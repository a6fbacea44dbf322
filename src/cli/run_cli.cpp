// Global option parsing, config loading and dispatch to a subcommand.
#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <exception>
#include <iostream>

#include "agmon/cli/command.h"

namespace agmon::cli {
namespace {

void load_config(const std::string& path, GlobalOptions& global) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> cfg(
      new Poco::Util::PropertyFileConfiguration(path));
  std::vector<std::string> stack{""};
  // Walk every key (Poco exposes the tree one level at a time).
  while (!stack.empty()) {
    std::string prefix = stack.back();
    stack.pop_back();
    Poco::Util::AbstractConfiguration::Keys keys;
    cfg->keys(prefix, keys);
    for (const auto& k : keys) {
      std::string full = prefix.empty() ? k : prefix + "." + k;
      if (cfg->hasOption(full)) global.config[full] = cfg->getRawString(full);
      stack.push_back(full);
    }
  }
}

void print_help(std::ostream& out) {
  out << "agmon - A-G equity and access monitor\n\n"
         "usage: agmon [--db PATH] [--config FILE] [--log-level LEVEL] COMMAND [ARGS]\n\n"
         "commands:\n";
  for (const auto& c : commands()) {
    out << "  " << c.name << std::string(c.name.size() < 12 ? 12 - c.name.size() : 1, ' ')
        << c.summary << "\n";
  }
  out << "  serve       run the daemon: HTTP API, dashboard and inbox\n"
         "\n`agmon help COMMAND` or `agmon COMMAND --help` for details.\n";
}

}  // namespace

int usage_error(CommandContext& ctx, const std::string& message) {
  ctx.err << "agmon: " << message << "\n";
  return kExitUsage;
}

const CommandSpec* find_command(const std::string& name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  GlobalOptions global;
  size_t i = 0;
  std::string db_flag;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto take = [&](const std::string& name, std::string& target) -> int {
      // Accept both "--name VALUE" and "--name=VALUE".
      if (a == name) {
        if (i + 1 >= args.size()) return -1;
        target = args[++i];
        return 1;
      }
      if (a.rfind(name + "=", 0) == 0) {
        target = a.substr(name.size() + 1);
        return 1;
      }
      return 0;
    };
    int r;
    if ((r = take("--db", db_flag)) || (r = take("--config", global.config_path)) ||
        (r = take("--log-level", global.log_level))) {
      if (r < 0) {
        err << "agmon: " << a << " needs a value\n";
        return kExitUsage;
      }
      continue;
    }
    break;
  }
  if (i >= args.size() || args[i] == "--help" || args[i] == "-h") {
    print_help(i >= args.size() ? err : out);
    return i >= args.size() ? kExitUsage : kExitOk;
  }
  static const std::set<std::string> kLevels{"trace", "debug", "info", "warn", "error"};
  if (!kLevels.count(global.log_level)) {
    err << "agmon: --log-level must be one of trace, debug, info, warn, error\n";
    return kExitUsage;
  }
  std::string name = args[i];
  std::vector<std::string> rest(args.begin() + static_cast<long>(i) + 1, args.end());
  if (name == "help") {
    if (rest.empty()) {
      print_help(out);
      return kExitOk;
    }
    const CommandSpec* c = find_command(rest[0]);
    if (!c) {
      err << "agmon: unknown command '" << rest[0] << "'\n";
      return kExitUsage;
    }
    out << c->usage;
    return kExitOk;
  }
  const CommandSpec* cmd = find_command(name);
  if (!cmd) {
    err << "agmon: unknown command '" << name << "' (try `agmon help`)\n";
    return kExitUsage;
  }
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      out << cmd->usage;
      return kExitOk;
    }
  }
  try {
    if (!global.config_path.empty()) load_config(global.config_path, global);
  } catch (const Poco::Exception& e) {
    err << "agmon: cannot read config " << global.config_path << ": " << e.displayText() << "\n";
    return kExitUsage;
  }
  global.db_path = !db_flag.empty() ? db_flag
                   : global.config.count("agmon.db.path") ? global.config["agmon.db.path"]
                                                          : "./agmon.db";
  CommandContext ctx{global, rest, out, err};
  try {
    return cmd->run(ctx);
  } catch (const Poco::Exception& e) {
    err << "agmon: " << e.displayText() << "\n";
  } catch (const std::exception& e) {
    err << "agmon: " << e.what() << "\n";
  }
  return kExitFailure;
}

}  // namespace agmon::cli
