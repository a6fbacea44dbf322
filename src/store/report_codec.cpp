// Packing of stored student reports: zlib level 1 with a frozen preset dictionary.
#include "agmon/store/report_codec.h"

#include <zlib.h>

#include <cstring>
#include <stdexcept>

#include "store/report_dictionary.h"

namespace agmon::store {
namespace {

namespace dict = report_dictionary;

const Bytef* dictionary_bytes() { return reinterpret_cast<const Bytef*>(dict::kV1); }
constexpr uInt kDictionarySize = sizeof(dict::kV1) - 1;  // without the literal's '\0'

// One stream per thread, reset between reports: deflateInit allocates ~200 KB, far more
// than packing one report costs.
struct Deflater {
  z_stream z{};
  bool ok = false;
  Deflater() {
    // Level 1 (fastest): the dictionary already gives most of the ratio. memLevel 8 and a
    // 32 KB window cover the dictionary plus the longest report.
    ok = deflateInit2(&z, 1, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok) deflateEnd(&z);
  }
};

struct Inflater {
  z_stream z{};
  bool ok = false;
  Inflater() { ok = inflateInit(&z) == Z_OK; }
  ~Inflater() {
    if (ok) inflateEnd(&z);
  }
};

}  // namespace

std::string pack_report(std::string_view json) {
  thread_local Deflater d;
  if (!d.ok || deflateReset(&d.z) != Z_OK ||
      deflateSetDictionary(&d.z, dictionary_bytes(), kDictionarySize) != Z_OK)
    throw std::runtime_error("zlib: cannot start packing a report");
  std::string out(deflateBound(&d.z, static_cast<uLong>(json.size())), '\0');
  d.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(json.data()));
  d.z.avail_in = static_cast<uInt>(json.size());
  d.z.next_out = reinterpret_cast<Bytef*>(out.data());
  d.z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&d.z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("zlib: cannot pack a report");
  out.resize(d.z.total_out);
  return out;
}

std::optional<std::string> unpack_report(std::string_view packed) {
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
          inflateSetDictionary(&in.z, dictionary_bytes(), kDictionarySize) != Z_OK)
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

std::optional<std::string> stored_report(std::string_view report_json, std::string_view report_packed) {
  if (report_packed.empty()) return std::string(report_json);
  return unpack_report(report_packed);
}

}  // namespace agmon::store
