// Renderings of a gap table: JSON (equity.md §3 shape), CSV and an aligned text table.
// A suppressed GapRow holds no figures at all, so these functions cannot leak one; they only
// decide how "nothing" is written (null, empty cell, "*").
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "agmon/core/equity.h"

namespace agmon::core {
namespace {

// A figure already rounded to `decimals`. JSON and CSV take the shortest form (0.2500 -> "0.25",
// 1 -> "1"); the text table keeps every decimal so columns read evenly.
std::string number(double x, int decimals, bool shortest = true) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  std::string s = buf;
  if (shortest && s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no "-0"
  return s;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

template <typename T>
std::string opt_json(const std::optional<T>& v, int decimals) {
  if (!v) return "null";
  return number(static_cast<double>(*v), decimals);
}

std::string opt_json_bool(const std::optional<bool>& v) {
  if (!v) return "null";
  return *v ? "true" : "false";
}

std::string rate_json(const GapRow& row) {
  if (!row.rate_bound.empty()) return json_string(row.rate_bound);
  return opt_json(row.rate, 4);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

template <typename T>
std::string opt_text(const std::optional<T>& v, int decimals, const std::string& none, bool shortest) {
  return v ? number(static_cast<double>(*v), decimals, shortest) : none;
}

// Every figure of a row as text cells, in the column order shared by CSV and the text table:
// n, count, rate, gap_pp, ppg1, representation_index, risk_ratio, impact_ratio, missing,
// disproportionate.
std::vector<std::string> row_cells(const GapRow& row, const std::string& none, bool shortest) {
  auto cell = [&](const auto& v, int decimals) { return opt_text(v, decimals, none, shortest); };
  std::string rate = !row.rate_bound.empty() ? row.rate_bound : cell(row.rate, 4);
  std::string disp = row.disproportionate ? (*row.disproportionate ? "true" : "false") : none;
  return {cell(row.n, 0),          cell(row.count, 0),      rate,
          cell(row.gap_pp, 2),     cell(row.ppg1, 2),       cell(row.representation_index, 3),
          cell(row.risk_ratio, 3), cell(row.impact_ratio, 3), cell(row.missing, 0), disp};
}

GapRow all_row(const GapTable& t) {
  GapRow row;
  row.group = "all";
  row.suppressed = t.all_suppressed;
  row.n = t.all_n;
  row.count = t.all_count;
  row.rate = t.all_rate;
  return row;
}

}  // namespace

std::string render_gap_json(const GapTable& t) {
  std::string o = "{\"metric\": " + json_string(std::string(metric_name(t.metric.metric)));
  if (uses_system(t.metric.metric)) o += ", \"system\": " + json_string(std::string(system_name(t.metric.system)));
  o += ", \"by\": " + json_string(std::string(grouping_name(t.grouping)));
  o += ", \"school\": " + (t.school ? json_string(*t.school) : std::string("null"));
  o += ", \"year\": " + json_string(t.year);
  o += ", \"min_n\": " + std::to_string(t.min_n);
  o += ", \"definition\": {\"population\": " + json_string(t.definition.population) +
       ", \"measure\": " + json_string(t.definition.measure) +
       ", \"as_of\": " + (t.as_of.empty() ? std::string("null") : json_string(t.as_of)) + "}";
  o += ", \"all\": {\"n\": " + opt_json(t.all_n, 0) + ", \"count\": " + opt_json(t.all_count, 0) +
       ", \"rate\": " + opt_json(t.all_rate, 4) +
       ", \"suppressed\": " + (t.all_suppressed ? "true" : "false") + "}";
  o += ", \"groups\": [";
  for (size_t i = 0; i < t.groups.size(); ++i) {
    const GapRow& r = t.groups[i];
    if (i > 0) o += ", ";
    o += "{\"group\": " + json_string(r.group);
    if (r.suppressed) o += ", \"suppressed\": true";
    o += ", \"n\": " + opt_json(r.n, 0) + ", \"count\": " + opt_json(r.count, 0) +
         ", \"rate\": " + rate_json(r) + ", \"gap_pp\": " + opt_json(r.gap_pp, 2) +
         ", \"ppg1\": " + opt_json(r.ppg1, 2) +
         ", \"representation_index\": " + opt_json(r.representation_index, 3) +
         ", \"risk_ratio\": " + opt_json(r.risk_ratio, 3) +
         ", \"impact_ratio\": " + opt_json(r.impact_ratio, 3) + ", \"missing\": " + opt_json(r.missing, 0) +
         ", \"disproportionate\": " + opt_json_bool(r.disproportionate);
    if (!r.suppressed) o += ", \"suppressed\": false";
    o += "}";
  }
  return o + "]}";
}

std::string render_gap_csv(const GapTable& t, bool with_header) {
  std::string o;
  if (with_header) {
    o += "metric,by,school,year,group,n,count,rate,gap_pp,ppg1,representation_index,risk_ratio,"
         "impact_ratio,missing,disproportionate,suppressed\n";
  }
  std::string prefix = csv_field(metric_key(t.metric)) + "," + csv_field(std::string(grouping_name(t.grouping))) +
                       "," + csv_field(t.school.value_or("")) + "," + csv_field(t.year) + ",";
  std::vector<GapRow> rows = {all_row(t)};
  rows.insert(rows.end(), t.groups.begin(), t.groups.end());
  for (const GapRow& r : rows) {
    o += prefix + csv_field(r.group);
    for (const std::string& cell : row_cells(r, "", true)) o += "," + csv_field(cell);
    o += r.suppressed ? ",true\n" : ",false\n";
  }
  return o;
}

std::string render_gap_text(const GapTable& t) {
  std::vector<std::vector<std::string>> rows = {
      {"group", "n", "count", "rate", "gap_pp", "ppg1", "rep_index", "risk_ratio", "impact", "missing", "dispr."}};
  std::vector<GapRow> data = {all_row(t)};
  data.insert(data.end(), t.groups.begin(), t.groups.end());
  bool any_suppressed = false;
  for (const GapRow& r : data) {
    std::vector<std::string> cells = {r.group};
    for (const std::string& c : row_cells(r, r.suppressed ? "*" : "-", false)) cells.push_back(c);
    any_suppressed = any_suppressed || r.suppressed;
    rows.push_back(cells);
  }
  std::vector<size_t> width(rows[0].size(), 0);
  for (const auto& r : rows) {
    for (size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  std::string o = "Metric " + metric_key(t.metric) + " by " + std::string(grouping_name(t.grouping)) + ", " +
                  (t.school ? "school " + *t.school : std::string("all schools")) + ", " + t.year + "\n";
  o += "Population: " + t.definition.population + "\n";
  o += "Measure: " + t.definition.measure + "\n";
  if (!t.as_of.empty()) o += "As of: " + t.as_of + "\n";
  o += "\n";
  for (const auto& r : rows) {
    std::string line;
    for (size_t c = 0; c < r.size(); ++c) {
      if (c == 0) {
        line += r[c] + std::string(width[c] - r[c].size(), ' ');
      } else {
        line += "  " + std::string(width[c] - r[c].size(), ' ') + r[c];  // numbers right-aligned
      }
    }
    o += line + "\n";
  }
  if (any_suppressed) {
    o += "\n* suppressed to protect student privacy: groups under " + std::to_string(t.min_n) +
         " students, and the groups needed so a small one cannot be found by subtraction.\n";
  }
  return o;
}

}  // namespace agmon::core
