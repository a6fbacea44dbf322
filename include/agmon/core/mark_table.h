// The mark table: how each SIS mark maps to a letter, grade points and A-G meaning.
// District-editable data (a district adds "A-" variants, "CR" semantics, local codes);
// unknown marks are quarantined by the importers.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace agmon::core {

enum class MarkKind {
  kLetter,      // A..F with optional +/-: earns grade points
  kPass,        // P, CR: subject credit only inside the P/NP windows (R4), never in the GPA
  kNoPass,      // NP, NC: earns nothing
  kInProgress,  // IP or blank: no credit yet, counts as passing for projections (R9)
  kIncomplete,  // I: no credit, not in the GPA
  kWithdrawn,   // W: as if not taken
};

struct MarkInfo {
  MarkKind kind = MarkKind::kLetter;
  char letter = 0;      // 'A'..'F' for letters (D and F are "deficient")
  int modifier = 0;     // +1 for "+", -1 for "-"
  int grade_points = 0; // A=4 B=3 C=2 D=1 F=0 (+/- dropped, ag-rules §2)
};

class MarkTable {
 public:
  // The default table: A+..F, P, NP, CR, NC, I, IP, W, and blank (in progress).
  static MarkTable defaults();
  // Adds or replaces a mark (upper-cased key).
  void set(std::string mark, MarkInfo info);
  // Looks a mark up case-insensitively, ignoring surrounding spaces; nullopt if unknown.
  std::optional<MarkInfo> find(std::string_view mark) const;
  // Parses a config value "letter:B" / "pass" / "no_pass" / "in_progress" / "incomplete" /
  // "withdrawn" into MarkInfo; nullopt when malformed.
  static std::optional<MarkInfo> parse_spec(std::string_view spec);

 private:
  std::map<std::string, MarkInfo, std::less<>> marks_;
};

}  // namespace agmon::core
