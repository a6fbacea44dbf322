// libFuzzer target: the OneRoster zip path — a hand-written zip reader and RFC 1951 inflater
// (hostile archives: bad offsets, lying sizes, zip bombs, CRC mismatches) and then the whole
// OneRoster importer over the archive. The first byte picks the stage: raw inflate of the
// rest, or the rest as a zip archive read and imported.
#include <string>

#include "agmon/ingest/oneroster_importer.h"
#include "agmon/ingest/oneroster_zip.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace agmon::ingest;
  if (size < 1) return 0;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] == 'I') {  // a raw deflate stream
    auto out = inflate_raw(rest, 1 << 20);
    if (out) agmon::fuzz::require(out->size() <= (1u << 20), "inflate_raw went past max_out");
    (void)crc32(rest);
    return 0;
  }
  std::string_view archive(reinterpret_cast<const char*>(data), size);
  auto entries = read_zip_bytes(archive);
  if (entries) {
    std::size_t total = 0;
    for (const auto& e : *entries) total += e.data.size();
    agmon::fuzz::require(total <= (std::size_t{1} << 30), "entries past the 1 GB bound");
  } else {
    agmon::fuzz::require(!entries.error().message.empty(), "a refusal without a message");
  }
  std::string path = agmon::fuzz::write_scratch(data, size, ".zip");
  agmon::fuzz::CheckingSink sink;
  ParseOptions options;
  options.display_name = "fuzz.zip";
  auto stats = parse_oneroster(path, FileKind::kOneRosterFolder, options, sink);
  if (!stats) agmon::fuzz::require(!stats.error().message.empty(), "a refusal without a message");
  return 0;
}
