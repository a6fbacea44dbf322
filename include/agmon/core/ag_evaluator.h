// The A-G evaluator: one student's transcript in, their UC and CSU standing out
// (../shared/spec/ag-rules.md). Pure: no I/O, no clock, no globals; the same records in any
// order give the same report. Safe to call from several threads at once.
#pragma once

#include <string>
#include <vector>

#include "agmon/core/model.h"
#include "agmon/core/report.h"
#include "agmon/core/rule_set.h"

namespace agmon::core {

// Evaluates `records` (already joined with the catalog, see catalog.h) against `rules`.
// `as_of_year` (YYYY-YYYY) is the current school year: it decides which records count as
// "this year" (AP enrolment, math in progress). Records with an unknown mark earn nothing and
// say so in their reason; nothing here fails.
StudentReport evaluate(const Student& student, const std::vector<CourseRecord>& records,
                       const RuleSet& rules, const std::string& as_of_year);

}  // namespace agmon::core
