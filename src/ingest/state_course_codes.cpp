// The AP / IB state course code table, as data. Source: CALPADS Valid Code Combinations v12.0,
// sheet "Course Group Master Combos", summarised in reference/formats-research.md §1.11.
// Deliberately left out: the Pre-AP codes (9021 9083 9097 9121 9201 9279 9304 9360), which
// carry AP = Y in the CDE table but are not AP courses, and the IB Middle Years Programme codes
// (9006 9094 9113 9114 9138 9139 9181 9235 9261-9265 9285 9286 9301 9317 9353 9382), which
// are not college-level. AP courses created after v12 (AP Precalculus, AP African American
// Studies) are not here: a district sets `rigor` for them.
#include "agmon/ingest/state_course_codes.h"

#include "agmon/ingest/code_sets.h"

namespace agmon::ingest {
namespace {

struct CodeRange {
  int first;
  int last;
};

// AP: the 2019-20 code set (9002 Studio Art 3-D ... 9350 Biology), then the legacy codes
// (2018-19 and earlier) that older students' transcripts still carry.
constexpr CodeRange kApCodes[] = {
    {9002, 9005}, {9066, 9067}, {9118, 9119}, {9146, 9153}, {9191, 9199}, {9225, 9226},
    {9266, 9268}, {9300, 9300}, {9344, 9350},
    {2170, 2171}, {2270, 2279}, {2370, 2370}, {2470, 2472}, {2480, 2481}, {2483, 2483},
    {2670, 2676}, {2770, 2778}, {2825, 2826}, {2870, 2870}, {2874, 2876},
};

// IB Diploma Programme codes, then legacy IB. The legacy IB ranges as published overlap the
// legacy AP codes (2170-2171, 2270-2279, 2770-2778); AP is looked up first and wins there.
constexpr CodeRange kIbCodes[] = {
    {9007, 9007}, {9052, 9052}, {9068, 9069}, {9081, 9081}, {9093, 9093}, {9095, 9095},
    {9115, 9117}, {9140, 9145}, {9182, 9190}, {9269, 9272}, {9281, 9284}, {9302, 9302},
    {9351, 9352}, {9354, 9357},
    {2160, 2175}, {2260, 2283}, {2360, 2362}, {2460, 2469}, {2473, 2473}, {2479, 2479},
    {2560, 2560}, {2660, 2668}, {2760, 2780}, {2860, 2861}, {2960, 2962},
};

template <std::size_t N>
bool in_table(const CodeRange (&table)[N], int code) {
  for (const CodeRange& r : table) {
    if (code >= r.first && code <= r.last) return true;
  }
  return false;
}

}  // namespace

std::optional<core::Rigor> rigor_from_state_course_code(std::string_view code) {
  std::string_view s = trim(code);
  if (!is_state_course_code(s)) return std::nullopt;
  int n = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  if (in_table(kApCodes, n)) return core::Rigor::ap;
  if (in_table(kIbCodes, n)) return core::Rigor::ib;
  return std::nullopt;
}

}  // namespace agmon::ingest
