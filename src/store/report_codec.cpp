// Packing of stored student reports. student_evaluations.report_packed holds one of two
// formats, told apart by their first bytes:
//
// - a zstd frame (RFC 8878, bytes 28 B5 2F FD): what pack_report writes. Level 1 with a
//   4,096-entry hash table, the frozen dictionary of report_dictionary.h as raw content (so the
//   frame carries no dictionary ID: ID 0 means that dictionary), the content size and an
//   XXH64 checksum of the text in the frame. A later dictionary must be a zstd-format one with
//   its own ID, so frames name the dictionary they need.
// - a zlib stream (RFC 1950, first byte 0x78): what agmon wrote before. Level 1 with the same
//   dictionary as preset dictionary, named by its Adler-32 in bytes 2..5. Only read, for
//   databases written then.
//
// Why zstd: zlib re-hashes the 11 KB dictionary for every report and runs Adler-32 over it;
// zstd digests it once per thread. On 10,000 demo reports (8.2 KB average) zlib took 37.5 us
// to pack and 13.5 us to unpack a report into 879 bytes; this takes 13.7 us and 5.7 us into
// 774 bytes. The small hash table matters: with level 1's own (32K entries) zstd copies 128 KB
// of dictionary tables into the context for every report over 8 KB (18 us a report). One
// shared CDict cannot be given that size through zstd's stable API (ZSTD_createCDict_advanced
// is experimental, unsafe against a shared libzstd), hence one loaded dictionary per context.
// The checksum costs ~1.3 us a report and keeps what zlib's Adler-32 gave: damaged bytes are
// refused rather than read as another report.
#include "agmon/store/report_codec.h"

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "store/report_dictionary.h"

namespace agmon::store {
namespace {

namespace dict = report_dictionary;

constexpr size_t kDictionarySize = sizeof(dict::kV1) - 1;  // without the literal's '\0'
// zstd would parse a dictionary starting with its dictionary magic (37 A4 30 EC) as a
// zstd-format dictionary instead of raw content.
static_assert(dict::kV1[0] == '{', "the report dictionary must load as raw content");

// A report is a few KB; a frame claiming more is damaged, and is refused before allocating.
constexpr unsigned long long kMaxReportSize = 64ull << 20;

// ---- zstd (written and read) ----

// One compression context per thread, configured once and kept: it holds the digested
// dictionary, so packing a report hashes only the report.
struct Packer {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  bool ok = false;
  Packer() {
    auto set = [this](ZSTD_cParameter p, int v) {
      return !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, p, v));
    };
    ok = cctx && set(ZSTD_c_compressionLevel, 1) && set(ZSTD_c_hashLog, 12) &&
         set(ZSTD_c_checksumFlag, 1) && set(ZSTD_c_contentSizeFlag, 1) &&
         !ZSTD_isError(ZSTD_CCtx_loadDictionary(cctx, dict::kV1, kDictionarySize));
  }
  ~Packer() { ZSTD_freeCCtx(cctx); }
};

struct DDictDeleter {
  void operator()(ZSTD_DDict* d) const { ZSTD_freeDDict(d); }
};

// The digested dictionary for unpacking: read-only, shared by every thread.
const ZSTD_DDict* unpacking_dictionary() {
  static const std::unique_ptr<ZSTD_DDict, DDictDeleter> ddict(
      ZSTD_createDDict(dict::kV1, kDictionarySize));
  return ddict.get();
}

struct Unpacker {
  ZSTD_DCtx* dctx = ZSTD_createDCtx();
  ~Unpacker() { ZSTD_freeDCtx(dctx); }
};

bool is_zstd_frame(std::string_view packed) {
  static constexpr char kMagic[4] = {'\x28', '\xB5', '\x2F', '\xFD'};
  return packed.size() >= 4 && std::memcmp(packed.data(), kMagic, 4) == 0;
}

std::optional<std::string> unpack_zstd(std::string_view packed) {
  // pack_report always records the size; a frame without it, or naming a dictionary (ID != 0),
  // is not one of ours.
  const unsigned long long size = ZSTD_getFrameContentSize(packed.data(), packed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxReportSize ||
      ZSTD_getDictID_fromFrame(packed.data(), packed.size()) != 0)
    return std::nullopt;
  thread_local Unpacker u;
  const ZSTD_DDict* ddict = unpacking_dictionary();
  if (!u.dctx || !ddict) return std::nullopt;
  std::string out(static_cast<size_t>(size), '\0');
  // Fails on truncation, trailing bytes (they would need room past `size`) and a checksum
  // mismatch.
  const size_t got = ZSTD_decompress_usingDDict(u.dctx, out.data(), out.size(), packed.data(),
                                                packed.size(), ddict);
  if (ZSTD_isError(got) || got != size) return std::nullopt;
  return out;
}

// ---- zlib (read only) ----

const Bytef* zlib_dictionary() {
  return reinterpret_cast<const Bytef*>(dict::kV1);
}

struct Inflater {
  z_stream z{};
  bool ok = false;
  Inflater() { ok = inflateInit(&z) == Z_OK; }
  ~Inflater() {
    if (ok) inflateEnd(&z);
  }
};

std::optional<std::string> unpack_zlib(std::string_view packed) {
  thread_local Inflater in;
  if (!in.ok || inflateReset(&in.z) != Z_OK) return std::nullopt;
  in.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  in.z.avail_in = static_cast<uInt>(packed.size());
  std::string out;
  // Reports compress about 10x; grow as needed.
  out.resize(packed.size() * 12 + 256);
  size_t produced = 0;
  for (;;) {
    in.z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    in.z.avail_out = static_cast<uInt>(out.size() - produced);
    int rc = inflate(&in.z, Z_NO_FLUSH);
    produced = out.size() - in.z.avail_out;
    if (rc == Z_NEED_DICT) {
      if (in.z.adler != dict::kV1Adler32 ||
          inflateSetDictionary(&in.z, zlib_dictionary(), static_cast<uInt>(kDictionarySize)) !=
              Z_OK)
        return std::nullopt;
      continue;
    }
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && in.z.avail_in == 0) return std::nullopt;  // truncated
    if (rc != Z_OK && rc != Z_BUF_ERROR) return std::nullopt;
    if (in.z.avail_out == 0) out.resize(out.size() * 2);
  }
  out.resize(produced);
  return out;
}

}  // namespace

std::string pack_report(std::string_view json) {
  thread_local Packer p;
  if (!p.ok) throw std::runtime_error("zstd: cannot start packing a report");
  std::string out(ZSTD_compressBound(json.size()), '\0');
  const size_t n = ZSTD_compress2(p.cctx, out.data(), out.size(), json.data(), json.size());
  if (ZSTD_isError(n))
    throw std::runtime_error(std::string("zstd: cannot pack a report: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

std::optional<std::string> unpack_report(std::string_view packed) {
  if (is_zstd_frame(packed)) return unpack_zstd(packed);
  if (!packed.empty() && static_cast<unsigned char>(packed[0]) == 0x78) return unpack_zlib(packed);
  return std::nullopt;
}

std::optional<std::string> stored_report(std::string_view report_json,
                                         std::string_view report_packed) {
  if (report_packed.empty()) return std::string(report_json);
  return unpack_report(report_packed);
}

}  // namespace agmon::store
