// A minimal zip reader for OneRoster exports (ingest may not use Poco, and zlib is not linked
// into ingest): the central directory, stored and deflated entries (a small RFC 1951 inflater),
// CRC-32 checked. Not supported, refused with a reason: ZIP64, encryption, other methods.
// Sizes are bounded so a hostile archive cannot exhaust memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agmon/core/result.h"

namespace agmon::ingest {

struct ZipEntry {
  std::string name;  // path inside the archive, as stored
  std::string data;  // uncompressed bytes
};

// True when `head` starts like a zip archive ("PK\3\4", or "PK\5\6" for an empty one).
bool looks_like_zip(std::string_view head);

// Every file entry of the archive at `path` (folders skipped). Errors (kRejected) name what
// is wrong: "not a zip archive", "ZIP64 archives are not supported", "entry users.csv: CRC
// mismatch", "entries larger than 1 GB in total". kNotFound / kIoError when unreadable.
core::Result<std::vector<ZipEntry>> read_zip(const std::string& path);
// The same from bytes in memory.
core::Result<std::vector<ZipEntry>> read_zip_bytes(std::string_view bytes);

// Raw deflate (RFC 1951) -> bytes; fails beyond `max_out` bytes or on malformed input.
core::Result<std::string> inflate_raw(std::string_view deflated, std::size_t max_out);

std::uint32_t crc32(std::string_view data);

}  // namespace agmon::ingest
