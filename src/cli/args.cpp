#include "agmon/cli/command.h"

namespace agmon::cli {

std::optional<Args> Args::parse(const std::vector<std::string>& argv,
                                const std::set<std::string>& value_flags,
                                const std::set<std::string>& bool_flags, std::string* error) {
  Args args;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      args.positionals_.insert(args.positionals_.end(), argv.begin() + i + 1, argv.end());
      break;
    }
    if (a.size() < 3 || a.compare(0, 2, "--") != 0) {
      args.positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (value_flags.count(name)) {
      if (inline_value) {
        args.values_[name].push_back(*inline_value);
      } else if (i + 1 < argv.size()) {
        args.values_[name].push_back(argv[++i]);
      } else {
        if (error) *error = "--" + name + " needs a value";
        return std::nullopt;
      }
    } else if (bool_flags.count(name)) {
      if (inline_value) {
        if (error) *error = "--" + name + " takes no value";
        return std::nullopt;
      }
      args.values_[name].push_back("");
    } else {
      if (error) *error = "unknown option --" + name;
      return std::nullopt;
    }
  }
  return args;
}

bool Args::has(const std::string& flag) const { return values_.count(flag) > 0; }

std::optional<std::string> Args::get(const std::string& flag) const {
  auto it = values_.find(flag);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::all(const std::string& flag) const {
  auto it = values_.find(flag);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace agmon::cli
