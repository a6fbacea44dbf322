// CALPADS record layouts: which field of a caret record holds what, per record type and CALPADS
// File Specifications version. Positions are data, never code (formats-research.md §1.1): a
// layout table is a CSV (etc/calpads/layouts/<version>.csv, compiled in) with the columns
// record_type,field_no,key,name,type,required - one row per field, in record order. Parsers
// ask for fields by `key` ("student_id"), so a new CFS version that moves fields is a new table.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::ingest {

struct CalpadsField {
  std::string field_no;  // "10.18"
  std::string key;       // "mark": what the parsers ask for
  std::string name;      // "Student Course Final Grade"
  std::string type;      // CS character string, DT date, NU number
  bool required = false; // blank -> the record is quarantined
  // "10.18 Student Course Final Grade", as CALPADS reports name a field.
  std::string label() const { return field_no + " " + name; }
};

struct CalpadsRecordLayout {
  std::string record_type;  // SENR SINF SELA SPRG CRSC SCSC
  std::vector<CalpadsField> fields;
  // The 0-based position of `key`, or -1 when this layout has no such field.
  int index_of(std::string_view key) const;
};

class CalpadsLayout {
 public:
  // Parses a layout table. Errors (kInvalidArgument) name the row and what is wrong:
  // unknown header, a field_no out of order, a duplicate key, a type other than CS/DT/NU.
  static core::Result<CalpadsLayout> parse(std::string_view csv_text, std::string version);

  const std::string& version() const { return version_; }
  // The layout of a record type; CRSE reads as CRSC and SCSE as SCSC (same layout), and an
  // ODS extract's "-R" suffix is ignored. nullptr when the table lacks the type.
  const CalpadsRecordLayout* find(std::string_view record_type) const;

 private:
  std::string version_;
  std::map<std::string, CalpadsRecordLayout, std::less<>> records_;
};

// The layout versions compiled in (etc/calpads/layouts/*.csv), oldest first.
std::vector<std::string> builtin_calpads_layout_versions();
// The verbatim table of a built-in version ("" when unknown).
std::string_view builtin_calpads_layout_csv(std::string_view version);

// The layout named by the config key ingest.calpads.layout: blank = the newest built-in
// version; "v12" = that built-in version; a value ending in ".csv" = a table read from that
// path (a district can follow a new CFS release without a rebuild). Built-in layouts are
// parsed once and cached. Errors: kInvalidArgument naming the key and the value.
core::Result<CalpadsLayout> calpads_layout(const std::string& name);

// The record type codes agmon reads, and the normalised type of a field-1 value: "SCSC-R" ->
// "SCSC", "CRSE" -> "CRSC", "SCSE" -> "SCSC"; "" for anything else.
std::string calpads_base_type(std::string_view record_type);

}  // namespace agmon::ingest
