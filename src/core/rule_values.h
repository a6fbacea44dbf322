// Parsers for the values of the ag.* rule keys (rule_overrides.cpp): booleans, integers,
// GPAs, term lists, comma lists. Each returns nullopt on a malformed value. Not a public API.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/rule_set.h"

namespace agmon::core::rule_values {

std::string trim(std::string_view s);
std::string lower(std::string_view s);
// true/yes/on/1, false/no/off/0 (any case).
std::optional<bool> parse_bool(std::string_view text);
// A whole number within [lo, hi].
std::optional<long> parse_int(std::string_view text, long lo, long hi);
std::optional<double> parse_double(std::string_view text);
// "3.00" -> 300: at most two decimals, 0..5.
std::optional<int> parse_gpa(std::string_view text);
// "2019-2020:S2, 2020-2021:S1" -> terms; blank -> no terms.
std::optional<std::set<TermKey>> parse_terms(std::string_view text);
// "a, b,c" -> {"a", "b", "c"}; blanks dropped.
std::vector<std::string> parse_list(std::string_view text);

}  // namespace agmon::core::rule_values
