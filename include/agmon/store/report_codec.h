// How a student's report JSON is kept in student_evaluations.report_packed (schema 0003):
// a zstd frame at level 1 with a preset dictionary of the report's keys and recurring phrases,
// about 10x smaller than the text (8.2 KB -> 0.77 KB per student), so a statewide database
// holds its reports in about 1.5 GB instead of 16 GB. Rows packed before with zlib (level 1,
// same dictionary) still unpack; report_codec.cpp describes both formats. Thread-safe (one
// zstd context per thread): the evaluator packs reports on its worker threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace agmon::store {

// The packed form of `json` (binary, for a BLOB column).
std::string pack_report(std::string_view json);

// The JSON text of a packed report; nullopt when `packed` is not one (corrupt, or packed
// with a dictionary this build does not know).
std::optional<std::string> unpack_report(std::string_view packed);

// The stored report of a student_evaluations row: the packed column when set, else the
// plain report_json text (rows written before schema 0003, or by hand).
std::optional<std::string> stored_report(std::string_view report_json, std::string_view report_packed);

}  // namespace agmon::store
