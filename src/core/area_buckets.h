// Area credit internals (ag-rules §3 step 5): the per-view buckets the evaluator fills from
// the records, and the a-f formulas that turn them into credit (area_formulas.cpp). All counts
// are in units (1/12 semester). "Actual" semesters were passed; "validated" ones were cleared
// by validation and never overflow into g. Not a public API.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "ag_internal.h"

namespace agmon::core::ag_detail {

constexpr int kLevels = 9;  // math levels 0..4, LOTE levels 0..8 (0 = not given)

struct AreaOut {
  int credit = 0;     // capped at the requirement
  int validated = 0;  // part of credit that was validated, not passed
  int overflow = 0;   // actual high-school semesters this area does not use
};

struct LevelBuckets {
  std::array<int, kLevels> act{}, val{}, hs{};
};

// A fixed-size array that lives inline up to N elements (the usual case: a student studies
// one or two languages and a few arts), else on the heap. Zero-initialised.
template <typename T, std::size_t N>
class SmallArray {
 public:
  void resize(std::size_t n) {
    size_ = n;
    if (n > N) heap_.assign(n, T{});
  }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return size_ > N ? heap_[i] : inline_[i]; }
  const T& operator[](std::size_t i) const { return size_ > N ? heap_[i] : inline_[i]; }
  const T* begin() const { return size_ > N ? heap_.data() : inline_.data(); }
  const T* end() const { return begin() + size_; }

 private:
  std::array<T, N> inline_{};
  std::vector<T> heap_;
  std::size_t size_ = 0;
};

struct Buckets {
  // a: by hss_type; "other" = a-area course with no or another type (fills any free slot).
  int world = 0, us = 0, civics = 0, a_other = 0;
  int b_regular = 0, b_esl = 0;
  LevelBuckets c;
  bool geometry_deficient = false;  // a level-2 semester failed and not validated (C5)
  int highest_math = 0;
  std::array<int, kSciCount> d_act{}, d_val{};
  SmallArray<LevelBuckets, 4> e;  // per language
  SmallArray<int, 8> f;            // per VPA discipline (C13: per course)
  int f_unclassified = 0;
  int g = 0, g_social = 0;
  std::array<int, kSciCount> g_sci{};
};

AreaOut area_a(const Buckets& b, bool uc, int required, int* g_consumed);
AreaOut area_b(const Buckets& b, const RuleSet& rules, int required);
AreaOut area_c(const Buckets& b, const RuleSet& rules, int required, int* geometry);
AreaOut area_d_uc(const Buckets& b, const RuleSet& rules, int required);
AreaOut area_d_csu(const Buckets& b, int required, int* g_consumed);
AreaOut area_e(const Buckets& b, bool uc, int required);
AreaOut area_f(const Buckets& b, int required);

}  // namespace agmon::core::ag_detail
