// parse_file_pipelined(): ingest::parse_file with the parsing on a worker thread and the sink
// calls made on the calling thread, so an import parses and validates the next records while
// it stages the last ones in SQLite (both about a second per million course marks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "agmon/core/result.h"
#include "agmon/ingest/importer_registry.h"

namespace agmon::service {

struct PipelineOptions {
  // Inputs smaller than this (a folder: its files together) are parsed on the calling thread:
  // a thread would cost more than it saves.
  std::uintmax_t min_input_bytes = 256 * 1024;
  // Sink calls handed over at once, and how many such batches may wait: memory stays bounded
  // (about 5 MB: a call takes up to 488 bytes) however long the file, and a parser faster than
  // the sink waits for it. Batches of 4096 were no faster and took 13 MB.
  std::size_t batch_calls = 1024;
  std::size_t queued_batches = 8;
};

// The same as ingest::parse_file(path, options, sink): the same sink calls in the same order,
// all on the calling thread, then the same result; an error is returned after every call made
// before it. The parser thread works on `sink`'s calpads_state() meanwhile (the sink's own
// methods must leave it alone), so the CALPADS files of one call still see each other.
// When a sink method throws, the parser stops at its next hand-over, is joined, and the
// exception propagates; an exception of the parser propagates after the calls before it.
core::Result<ingest::FileStats> parse_file_pipelined(const std::string& path,
                                                     const ingest::ParseOptions& options,
                                                     ingest::RecordSink& sink,
                                                     const PipelineOptions& pipeline = {});

}  // namespace agmon::service
