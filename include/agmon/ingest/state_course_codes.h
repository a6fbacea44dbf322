// The CALPADS state course codes that are AP or IB courses: a course whose rigor is blank but
// whose state_course_code is one of these is read as AP / IB (formats.md §1).
#pragma once

#include <optional>
#include <string_view>

#include "agmon/core/model.h"

namespace agmon::ingest {

// AP or IB for a 4-digit state course code in the table; nullopt otherwise (including the
// Pre-AP codes, which the CDE table also flags AP = Y, and the IB Middle Years codes).
std::optional<core::Rigor> rigor_from_state_course_code(std::string_view code);

}  // namespace agmon::ingest
