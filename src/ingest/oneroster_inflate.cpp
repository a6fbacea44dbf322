// inflate_raw() and crc32() (see oneroster_zip.h): a compact RFC 1951 decoder after Mark
// Adler's puff.c - canonical Huffman codes decoded bit by bit, which is fast enough for
// roster files and small enough to audit. Every read is bounds-checked; malformed input is an
// error, never a crash.
#include <array>

#include "agmon/ingest/oneroster_zip.h"

namespace agmon::ingest {
namespace {

constexpr int kMaxBits = 15;

struct Bits {
  std::string_view in;
  std::size_t pos = 0;
  std::uint32_t buf = 0;
  int count = 0;
  bool overrun = false;

  int need(int n) {
    while (count < n) {
      if (pos >= in.size()) {
        overrun = true;
        return 0;
      }
      buf |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[pos++])) << count;
      count += 8;
    }
    int v = static_cast<int>(buf & ((1u << n) - 1));
    buf >>= n;
    count -= n;
    return v;
  }
};

struct Huffman {
  std::array<short, kMaxBits + 1> count{};
  std::array<short, 320> symbol{};
};

// Builds a decoding table from code lengths; false when the lengths over-subscribe.
bool build(Huffman& h, const short* length, int n) {
  h.count.fill(0);
  for (int s = 0; s < n; ++s) h.count[length[s]]++;
  if (h.count[0] == n) return true;  // no codes: decoding will fail if one is needed
  int left = 1;
  for (int len = 1; len <= kMaxBits; ++len) {
    left <<= 1;
    left -= h.count[len];
    if (left < 0) return false;
  }
  std::array<short, kMaxBits + 1> offs{};
  for (int len = 1; len < kMaxBits; ++len) offs[len + 1] = offs[len] + h.count[len];
  for (int s = 0; s < n; ++s)
    if (length[s] != 0) h.symbol[offs[length[s]]++] = static_cast<short>(s);
  return true;
}

// The next symbol, or -1 on running out of input or an unused code.
int decode(Bits& b, const Huffman& h) {
  int code = 0, first = 0, index = 0;
  for (int len = 1; len <= kMaxBits; ++len) {
    code |= b.need(1);
    if (b.overrun) return -1;
    int count = h.count[len];
    if (code - count < first) return h.symbol[index + (code - first)];
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  return -1;
}

constexpr short kLenBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr short kLenExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr short kDistBase[30] = {1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
                                 33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
                                 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr short kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                  6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

// Decodes one block's symbols; "" on success, else why not.
std::string codes(Bits& b, std::string& out, const Huffman& len, const Huffman& dist,
                  std::size_t max_out) {
  for (;;) {
    int sym = decode(b, len);
    if (sym < 0) return "bad or truncated compressed data";
    if (sym < 256) {
      if (out.size() >= max_out) return "more data than the archive declares";
      out += static_cast<char>(sym);
      continue;
    }
    if (sym == 256) return "";
    sym -= 257;
    if (sym >= 29) return "bad length code";
    std::size_t n = static_cast<std::size_t>(kLenBase[sym] + b.need(kLenExtra[sym]));
    int dsym = decode(b, dist);
    if (dsym < 0 || dsym >= 30) return "bad distance code";
    std::size_t d = static_cast<std::size_t>(kDistBase[dsym] + b.need(kDistExtra[dsym]));
    if (b.overrun) return "truncated compressed data";
    if (d > out.size()) return "a back-reference before the start of the data";
    if (out.size() + n > max_out) return "more data than the archive declares";
    for (std::size_t i = 0; i < n; ++i) out += out[out.size() - d];
  }
}

std::string dynamic_block(Bits& b, std::string& out, std::size_t max_out) {
  static constexpr short kOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  int nlen = b.need(5) + 257, ndist = b.need(5) + 1, ncode = b.need(4) + 4;
  if (b.overrun || nlen > 286 || ndist > 30) return "bad dynamic block header";
  short lengths[320] = {};
  for (int i = 0; i < ncode; ++i) lengths[kOrder[i]] = static_cast<short>(b.need(3));
  Huffman lencode, distcode;
  if (b.overrun || !build(lencode, lengths, 19)) return "bad code length code";
  int i = 0;
  while (i < nlen + ndist) {
    int sym = decode(b, lencode);
    if (sym < 0) return "bad code lengths";
    if (sym < 16) {
      lengths[i++] = static_cast<short>(sym);
      continue;
    }
    short value = 0;
    int repeat = 0;
    if (sym == 16) {
      if (i == 0) return "a repeat with no previous length";
      value = lengths[i - 1];
      repeat = 3 + b.need(2);
    } else if (sym == 17) {
      repeat = 3 + b.need(3);
    } else {
      repeat = 11 + b.need(7);
    }
    if (b.overrun || i + repeat > nlen + ndist) return "too many code lengths";
    while (repeat--) lengths[i++] = value;
  }
  if (lengths[256] == 0) return "no end-of-block code";
  if (!build(lencode, lengths, nlen) || !build(distcode, lengths + nlen, ndist))
    return "over-subscribed Huffman code";
  return codes(b, out, lencode, distcode, max_out);
}

std::string fixed_block(Bits& b, std::string& out, std::size_t max_out) {
  static const auto tables = [] {
    std::pair<Huffman, Huffman> t;
    short lengths[288];
    int s = 0;
    for (; s < 144; ++s) lengths[s] = 8;
    for (; s < 256; ++s) lengths[s] = 9;
    for (; s < 280; ++s) lengths[s] = 7;
    for (; s < 288; ++s) lengths[s] = 8;
    build(t.first, lengths, 288);
    for (s = 0; s < 30; ++s) lengths[s] = 5;
    build(t.second, lengths, 30);
    return t;
  }();
  return codes(b, out, tables.first, tables.second, max_out);
}

}  // namespace

core::Result<std::string> inflate_raw(std::string_view deflated, std::size_t max_out) {
  Bits b;
  b.in = deflated;
  std::string out;
  out.reserve(std::min<std::size_t>(max_out, std::size_t{64} << 20));
  for (bool last = false; !last;) {
    last = b.need(1) != 0;
    int type = b.need(2);
    if (b.overrun) return core::make_error(core::ErrorCode::kRejected, "truncated compressed data");
    std::string why;
    if (type == 0) {  // stored: byte-aligned LEN, NLEN, then raw bytes
      b.buf = 0;
      b.count = 0;
      if (b.pos + 4 > b.in.size()) return core::make_error(core::ErrorCode::kRejected, "truncated stored block");
      auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b.in[i])); };
      unsigned len = byte(b.pos) | byte(b.pos + 1) << 8;
      unsigned nlen = byte(b.pos + 2) | byte(b.pos + 3) << 8;
      b.pos += 4;
      if (len != (~nlen & 0xFFFFu)) why = "bad stored block length";
      else if (b.pos + len > b.in.size()) why = "truncated stored block";
      else if (out.size() + len > max_out) why = "more data than the archive declares";
      else out.append(b.in.substr(b.pos, len)), b.pos += len;
    } else if (type == 1) {
      why = fixed_block(b, out, max_out);
    } else if (type == 2) {
      why = dynamic_block(b, out, max_out);
    } else {
      why = "bad block type";
    }
    if (!why.empty()) return core::make_error(core::ErrorCode::kRejected, why);
  }
  return out;
}

std::uint32_t crc32(std::string_view data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (char ch : data) c = table[(c ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

}  // namespace agmon::ingest
