// The command-line front end: one function per subcommand, a registry, and the small
// argument parser they share. Exit codes: 0 ok, 64 bad usage (one-line reason), others per
// command (interfaces.md).
#pragma once

#include <functional>
#include <ostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace agmon::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 64;

// Options every command accepts, after config resolution.
struct GlobalOptions {
  std::string db_path;      // --db, else agmon.db.path from config, else ./agmon.db
  std::string config_path;  // --config
  std::string log_level = "info";
  std::map<std::string, std::string> config;  // every key of the config file
};

// Parsed arguments of one subcommand: --flag, --flag VALUE / --flag=VALUE, positionals.
class Args {
 public:
  // `value_flags`: flags that take a value; `bool_flags`: flags that do not. Repeated value
  // flags accumulate. Unknown flags make parse() fail with a one-line reason.
  static std::optional<Args> parse(const std::vector<std::string>& argv,
                                   const std::set<std::string>& value_flags,
                                   const std::set<std::string>& bool_flags, std::string* error);
  bool has(const std::string& flag) const;
  std::optional<std::string> get(const std::string& flag) const;  // last value
  std::vector<std::string> all(const std::string& flag) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

struct CommandContext {
  GlobalOptions global;
  std::vector<std::string> argv;  // the arguments after the subcommand name
  std::ostream& out;
  std::ostream& err;
};

struct CommandSpec {
  std::string name;     // "import", "alerts ack" is handled inside "alerts"
  std::string summary;  // one line for `agmon help`
  std::string usage;    // full help text
  std::function<int(CommandContext&)> run;
};

// Every subcommand; each lives in src/cli/<name>_cmd.cpp and is listed in src/cli/commands.cpp.
const std::vector<CommandSpec>& commands();
const CommandSpec* find_command(const std::string& name);

// Parses global options, loads the config, dispatches. Never throws.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// Prints "agmon: <message>" to err and returns kExitUsage.
int usage_error(CommandContext& ctx, const std::string& message);

}  // namespace agmon::cli
