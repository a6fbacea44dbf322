// libFuzzer target: the CALPADS importer (SENR, SINF, SELA, SPRG, CRSC, SCSC, caret
// delimited, submitted or ODS extract). The kind comes from the record type as in an import;
// otherwise the first byte picks it. Inputs may hold several files separated by a line
// "#NEXT#": they are parsed in order into one sink, as one import call does (SCSC takes
// grades from SENR and sections from CRSC).
#include <string>
#include <vector>

#include "agmon/ingest/calpads_importer.h"
#include "agmon/ingest/file_kind.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace agmon::ingest;
  static const FileKind kKinds[] = {FileKind::kCalpadsSenr, FileKind::kCalpadsSinf, FileKind::kCalpadsSela,
                                    FileKind::kCalpadsSprg, FileKind::kCalpadsCrsc, FileKind::kCalpadsScsc};
  std::string_view all(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> files;
  for (int i = 0; i < 6; ++i) {
    auto at = all.find("\n#NEXT#\n");
    if (at == std::string_view::npos) break;
    files.push_back(all.substr(0, at + 1));
    all.remove_prefix(at + 8);
  }
  files.push_back(all);
  agmon::fuzz::CheckingSink sink;
  ParseOptions options;
  options.display_name = "fuzz.txt";
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto f = files[i];
    FileSniff sniff;
    sniff.path = "fuzz.txt";
    sniff.head = std::string(f.substr(0, kSniffBytes));
    auto kind = detect_calpads(sniff);
    if (!kind) kind = kKinds[(size ? data[0] + i : i) % 6];
    std::string path = agmon::fuzz::write_scratch(reinterpret_cast<const std::uint8_t*>(f.data()), f.size(),
                                                  (".c" + std::to_string(i) + ".txt").c_str());
    long errors_before = sink.errors;
    auto stats = parse_calpads_file(path, *kind, options, sink);
    if (stats) {
      agmon::fuzz::require(stats->rows_read >= 0 && stats->rows_emitted >= 0 && stats->rows_quarantined >= 0,
                           "negative counts");
      agmon::fuzz::require(stats->rows_quarantined <= stats->rows_read, "more rows quarantined than read");
      agmon::fuzz::require(sink.errors >= errors_before, "errors went backwards");
    } else {
      agmon::fuzz::require(!stats.error().message.empty(), "a refusal without a message");
    }
  }
  return 0;
}
