// The OneRoster 1.1 / 1.2 CSV importer (formats.md §3): a folder or zip with manifest.csv,
// users.csv, demographics.csv, orgs.csv, academicSessions.csv, courses.csv, classes.csv,
// enrollments.csv, categories.csv, lineItems.csv and results.csv (1.2: roles.csv). Columns
// are found by header name, case-insensitively, with an alias table; unknown columns are
// ignored. Mapping per formats-research.md §6.4.
#pragma once

#include <optional>
#include <string>

#include "agmon/core/result.h"
#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest {

// A folder holding manifest.csv or users.csv, or a zip archive (a file detector).
std::optional<FileKind> detect_oneroster(const FileSniff& sniff);

// Streams the export to the sink:
//   users (role student) + demographics -> on_student_update (fill blanks, create if unknown),
//     so a students.csv of the same import keeps what it gives and OneRoster fills the rest;
//     federal race booleans -> one code each (100, 299, 399, 600, 700: no Filipino);
//   courses -> on_course_default (a courses.csv of the same import wins);
//   final results (line items in a category whose title contains ingest.oneroster.final_category,
//     default "final") -> on_mark: 1.2 textScore, else a "mark=X" comment, else the score
//     through ingest.oneroster.score_marks (default 97:A+,93:A,90:A-,...,60:D-,0:F);
//   student enrollments with no final result -> in-progress marks.
// Terms: a school year's semesters by start date S1 S2 (3 terms T1-T3, 4 Q1-Q4; "summer" SS);
// ingest.oneroster.terms = "<session sourcedId>:<term>,..." overrides. Schools: a 14-digit
// CDS org identifier gives its last 7 digits; ingest.oneroster.school_codes = "<org>:<code>,..."
// overrides. SSID: the userIds entry of type ingest.oneroster.ssid_type (default CA-SSID).
// Warnings name what OneRoster could not carry. Errors (whole export refused): kRejected when
// users.csv is missing, a file lacks a required column, the zip is unreadable, or a setting
// is malformed.
core::Result<FileStats> parse_oneroster(const std::string& path, FileKind kind,
                                        const ParseOptions& options, RecordSink& sink);

}  // namespace agmon::ingest
