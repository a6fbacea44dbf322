// read_zip() (see oneroster_zip.h): the end-of-central-directory record, the central
// directory, then each entry's local header and data, inflated and CRC-checked.
#include <fstream>

#include "agmon/ingest/oneroster_zip.h"

namespace agmon::ingest {
namespace {

// An archive or its contents beyond this are refused (a roster export is far smaller).
constexpr std::size_t kMaxArchive = std::size_t{1} << 30;
constexpr std::size_t kMaxTotal = std::size_t{1} << 30;

core::Error refuse(const std::string& why) { return core::make_error(core::ErrorCode::kRejected, why); }

struct Reader {
  std::string_view b;
  bool ok(std::size_t at, std::size_t n) const { return at <= b.size() && n <= b.size() - at; }
  std::uint32_t u16(std::size_t at) const {
    return static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1]) << 8;
  }
  std::uint32_t u32(std::size_t at) const { return u16(at) | u16(at + 2) << 16; }
};

}  // namespace

bool looks_like_zip(std::string_view head) {
  return head.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         head.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

core::Result<std::vector<ZipEntry>> read_zip_bytes(std::string_view bytes) {
  Reader r{bytes};
  // The end record is the last thing in the file, followed by a comment of up to 64 KB.
  std::size_t eocd = std::string_view::npos;
  if (bytes.size() >= 22) {
    std::size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    for (std::size_t at = bytes.size() - 22 + 1; at-- > lowest;) {
      if (r.u32(at) == 0x06054b50u) {
        eocd = at;
        break;
      }
    }
  }
  if (eocd == std::string_view::npos) return refuse("not a zip archive (no central directory)");
  std::uint32_t entries = r.u16(eocd + 10);
  std::uint32_t cd_size = r.u32(eocd + 12), cd_offset = r.u32(eocd + 16);
  if (entries == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_offset == 0xFFFFFFFFu)
    return refuse("ZIP64 archives are not supported");
  if (!r.ok(cd_offset, cd_size)) return refuse("the zip central directory lies outside the file");

  std::vector<ZipEntry> out;
  std::size_t total = 0, at = cd_offset;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (!r.ok(at, 46) || r.u32(at) != 0x02014b50u) return refuse("a damaged zip central directory");
    std::uint32_t flags = r.u16(at + 8), method = r.u16(at + 10), crc = r.u32(at + 16);
    std::uint32_t csize = r.u32(at + 20), usize = r.u32(at + 24);
    std::uint32_t nlen = r.u16(at + 28), xlen = r.u16(at + 30), clen = r.u16(at + 32);
    std::uint32_t local = r.u32(at + 42);
    if (!r.ok(at + 46, nlen)) return refuse("a damaged zip central directory");
    ZipEntry e;
    e.name = std::string(bytes.substr(at + 46, nlen));
    at += 46 + nlen + xlen + clen;
    if (!e.name.empty() && e.name.back() == '/') continue;  // a folder
    const std::string who = "zip entry " + e.name + ": ";
    if (flags & 1) return refuse(who + "encrypted entries are not supported");
    if (csize == 0xFFFFFFFFu || usize == 0xFFFFFFFFu) return refuse("ZIP64 archives are not supported");
    total += usize;
    if (total > kMaxTotal) return refuse("zip entries larger than 1 GB in total");
    if (!r.ok(local, 30) || r.u32(local) != 0x04034b50u) return refuse(who + "damaged local header");
    std::size_t data = local + 30 + r.u16(local + 26) + r.u16(local + 28);
    if (!r.ok(data, csize)) return refuse(who + "data lies outside the file");
    std::string_view packed = bytes.substr(data, csize);
    if (method == 0) {
      if (csize != usize) return refuse(who + "stored sizes disagree");
      e.data = std::string(packed);
    } else if (method == 8) {
      auto inflated = inflate_raw(packed, usize);
      if (!inflated) return refuse(who + inflated.error().message);
      e.data = std::move(*inflated);
    } else {
      return refuse(who + "compression method " + std::to_string(method) +
                    " is not supported (only stored and deflate)");
    }
    if (e.data.size() != usize) return refuse(who + "size mismatch");
    if (crc32(e.data) != crc) return refuse(who + "CRC mismatch (the archive is damaged)");
    out.push_back(std::move(e));
  }
  return out;
}

core::Result<std::vector<ZipEntry>> read_zip(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return core::make_error(core::ErrorCode::kNotFound, "cannot open " + path);
  auto size = static_cast<std::size_t>(in.tellg());
  if (size > kMaxArchive) return refuse("zip archives larger than 1 GB are not supported");
  std::string bytes(size, '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return core::make_error(core::ErrorCode::kIoError, "cannot read " + path);
  return read_zip_bytes(bytes);
}

}  // namespace agmon::ingest
