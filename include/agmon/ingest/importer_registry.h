// parse_file(): the single entry point the import service calls. It detects a file's kind and
// dispatches to the parser registered for it. A new format registers its parser in
// importer_registry.cpp (and its detector in file_kind.cpp).
#pragma once

#include <string>
#include <vector>

#include "agmon/core/result.h"
#include "agmon/ingest/file_kind.h"
#include "agmon/ingest/parse_options.h"
#include "agmon/ingest/record_sink.h"

namespace agmon::ingest {

// A parser for one or more kinds: streams the file's records to the sink.
using FileParser = core::Result<FileStats> (*)(const std::string& path, FileKind kind,
                                               const ParseOptions& options, RecordSink& sink);

struct ParserEntry {
  FileKind kind;
  FileParser parse;
};

// The registered parsers (canonical CSV today; CALPADS, OneRoster, UC JSON join here).
const std::vector<ParserEntry>& file_parsers();

// Detects the kind of `path` (detect_file_kind) and parses it. Errors: those of
// detect_file_kind and of the parser; kRejected "x: files of kind 'calpads_senr' cannot be
// imported yet" for a recognised kind with no parser.
core::Result<FileStats> parse_file(const std::string& path, const ParseOptions& options,
                                   RecordSink& sink);

// The same with the kind already known (e.g. an operator override).
core::Result<FileStats> parse_file_as(const std::string& path, FileKind kind,
                                      const ParseOptions& options, RecordSink& sink);

}  // namespace agmon::ingest
