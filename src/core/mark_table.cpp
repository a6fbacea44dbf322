#include "agmon/core/mark_table.h"

#include <cctype>

#include "core/text.h"

namespace agmon::core {
namespace {


int points_of(char letter) {
  switch (letter) {
    case 'A': return 4;
    case 'B': return 3;
    case 'C': return 2;
    case 'D': return 1;
    default: return 0;
  }
}

MarkInfo letter(char l, int modifier) { return MarkInfo{MarkKind::kLetter, l, modifier, points_of(l)}; }

}  // namespace

MarkTable MarkTable::defaults() {
  MarkTable t;
  for (char l : {'A', 'B', 'C', 'D'}) {
    t.set(std::string(1, l), letter(l, 0));
    t.set(std::string(1, l) + "+", letter(l, +1));
    t.set(std::string(1, l) + "-", letter(l, -1));
  }
  t.set("F", letter('F', 0));
  t.set("P", {MarkKind::kPass, 'P', 0, 0});
  t.set("CR", {MarkKind::kPass, 'P', 0, 0});
  t.set("NP", {MarkKind::kNoPass, 'N', 0, 0});
  t.set("NC", {MarkKind::kNoPass, 'N', 0, 0});
  t.set("I", {MarkKind::kIncomplete, 'I', 0, 0});
  t.set("IP", {MarkKind::kInProgress, 0, 0, 0});
  t.set("", {MarkKind::kInProgress, 0, 0, 0});
  t.set("W", {MarkKind::kWithdrawn, 'W', 0, 0});
  return t;
}

void MarkTable::set(std::string mark, MarkInfo info) { marks_[upper_trimmed(mark)] = info; }

std::optional<MarkInfo> MarkTable::find(std::string_view mark) const {
  auto it = marks_.find(upper_trimmed(mark));
  if (it == marks_.end()) return std::nullopt;
  return it->second;
}

std::optional<MarkInfo> MarkTable::parse_spec(std::string_view spec) {
  std::string s = upper_trimmed(spec);
  if (s == "PASS") return MarkInfo{MarkKind::kPass, 'P', 0, 0};
  if (s == "NO_PASS") return MarkInfo{MarkKind::kNoPass, 'N', 0, 0};
  if (s == "IN_PROGRESS") return MarkInfo{MarkKind::kInProgress, 0, 0, 0};
  if (s == "INCOMPLETE") return MarkInfo{MarkKind::kIncomplete, 'I', 0, 0};
  if (s == "WITHDRAWN") return MarkInfo{MarkKind::kWithdrawn, 'W', 0, 0};
  if (s.rfind("LETTER:", 0) == 0 && s.size() >= 8 && s.size() <= 9) {
    char l = s[7];
    if (l != 'A' && l != 'B' && l != 'C' && l != 'D' && l != 'F') return std::nullopt;
    int mod = 0;
    if (s.size() == 9) {
      if (s[8] == '+') mod = 1;
      else if (s[8] == '-') mod = -1;
      else return std::nullopt;
    }
    return letter(l, mod);
  }
  return std::nullopt;
}

}  // namespace agmon::core
