// Small-cell suppression: primary, complementary, yes/no pairs, CDE's not_reported rule, and
// top-coding (equity.md §3; reference/equity-research.md §3.1).
#include "agmon/core/suppression.h"

namespace agmon::core {
namespace {

bool hidden(Suppression s) { return s != Suppression::none; }

}  // namespace

std::vector<Suppression> suppress_cells(Grouping grouping, const std::vector<CellSize>& cells,
                                        int min_n) {
  std::vector<Suppression> out(cells.size(), Suppression::none);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].n < min_n) out[i] = Suppression::primary;
  }
  // Each pass can only hide more cells, so this ends after at most cells.size() passes.
  for (bool changed = true; changed;) {
    changed = false;
    bool any_hidden = false;
    for (Suppression s : out) any_hidden = any_hidden || hidden(s);
    if (!any_hidden) break;

    // Wisconsin-style both-or-neither for yes/no groupings: one side = all - the other.
    if (is_two_group(grouping)) {
      for (auto& s : out) {
        if (!hidden(s)) {
          s = Suppression::pair;
          changed = true;
        }
      }
    }
    // CDE: "Not Reported" is suppressed regardless of size when another race group is.
    if (grouping == Grouping::race_ethnicity) {
      bool other_hidden = false;
      for (size_t i = 0; i < cells.size(); ++i) {
        other_hidden = other_hidden || (hidden(out[i]) && cells[i].group != "not_reported");
      }
      for (size_t i = 0; i < cells.size() && other_hidden; ++i) {
        if (cells[i].group == "not_reported" && !hidden(out[i])) {
          out[i] = Suppression::not_reported;
          changed = true;
        }
      }
    }
    // Beside the `all` row, the hidden cells' total is all - shown: one hidden cell is
    // recovered exactly, and a hidden total under min_n is itself a small cell.
    long hidden_count = 0, hidden_sum = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (hidden(out[i])) {
        ++hidden_count;
        hidden_sum += cells[i].n;
      }
    }
    if (hidden_count == 1 || hidden_sum < min_n) {
      long best = -1;
      for (size_t i = 0; i < cells.size(); ++i) {
        if (!hidden(out[i]) && (best < 0 || cells[i].n < cells[static_cast<size_t>(best)].n)) {
          best = static_cast<long>(i);
        }
      }
      if (best >= 0) {
        out[static_cast<size_t>(best)] = Suppression::complementary;
        changed = true;
      }
    }
  }
  return out;
}

bool all_row_suppressed(long n_all, int min_n) { return n_all > 0 && n_all < min_n; }

std::string top_code_bound(long n, long k, int min_n, bool top_code) {
  // Bands as Delaware publishes them (<5% / >95%); only the exact extremes are coded
  // (equity.md §3), and only for groups small enough that the extreme is telling.
  if (!top_code || n <= 0 || n >= 2L * min_n) return "";
  if (k == 0) return "<5%";
  if (k == n) return ">95%";
  return "";
}

}  // namespace agmon::core
