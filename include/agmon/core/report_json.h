// report_to_json: the student report as the JSON of ../shared/spec/interfaces.md "The student
// report" (agmon check --json, GET /api/v1/students/{id}). Extra keys beyond the contract are
// appended after the contract's own keys in each object.
#pragma once

#include <string>
#include <string_view>

#include "agmon/core/report.h"

namespace agmon::core {

// `alerts_json_array` is the student's alerts, already encoded as a JSON array (the alert
// layer owns that shape); it is inserted verbatim as "alerts".
std::string report_to_json(const StudentReport& report, std::string_view alerts_json_array = "[]");

}  // namespace agmon::core
