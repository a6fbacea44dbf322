// libFuzzer target: the CSV reader. The first two bytes pick the options (delimiter, quoting,
// a small block size, a small record limit); the rest is the file. The same input is read
// from memory and from a file in small blocks, and both must give the same records, lines,
// raw text and verdicts (a record must not depend on where a block ends).
#include <string>
#include <vector>

#include "agmon/ingest/csv_reader.h"
#include "fuzz/fuzz_support.h"

namespace {

using agmon::ingest::CsvOptions;
using agmon::ingest::CsvReader;
using agmon::ingest::CsvStatus;

struct Seen {
  CsvStatus status;
  long line;
  std::string raw;
  std::vector<std::string> fields;
  bool operator==(const Seen& o) const {
    return status == o.status && line == o.line && raw == o.raw && fields == o.fields;
  }
};

std::vector<Seen> read_all(CsvReader& reader) {
  std::vector<Seen> out;
  long last_line = 0;
  for (int guard = 0; guard < 1000000; ++guard) {
    CsvStatus st = reader.next();
    if (st == CsvStatus::kEnd) return out;
    agmon::fuzz::require(st != CsvStatus::kIoError, "I/O error reading a scratch file");
    const auto& r = reader.record();
    agmon::fuzz::require(r.line > last_line, "record lines must increase");
    last_line = r.line;
    if (st == CsvStatus::kMalformed) agmon::fuzz::require(!reader.error_message().empty(), "malformed without a reason");
    Seen s{st, r.line, std::string(r.raw), {}};
    for (auto f : r.fields) s.fields.emplace_back(f);
    out.push_back(std::move(s));
  }
  agmon::fuzz::require(false, "the reader never ended");
  return {};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  CsvOptions o;
  static const char kDelims[] = {',', '^', '\t', ';'};
  o.delimiter = kDelims[data[0] & 3];
  o.quoting = (data[0] & 4) == 0;
  o.max_record_bytes = (data[0] & 8) ? 64 + data[1] * 4 : o.max_record_bytes;
  std::size_t block = 1 + (data[1] & 63);
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

  CsvReader from_memory(o);
  from_memory.open_text(text);
  auto a = read_all(from_memory);

  o.block_size = block;
  CsvReader from_file(o);
  std::string path = agmon::fuzz::write_scratch(data + 2, size - 2, ".csv");
  agmon::fuzz::require(static_cast<bool>(from_file.open(path)), "cannot open the scratch file");
  auto b = read_all(from_file);
  agmon::fuzz::require(a == b, "records differ between memory and small-block file reads");
  return 0;
}
