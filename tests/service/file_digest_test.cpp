// file_sha256(): the checksum recorded for each imported file. Published test vectors (FIPS
// 180-2 appendix B), a file longer than the read buffer checked against Poco's SHA-256 (what
// earlier versions recorded, so a re-import's checksums still match), and no checksum for what
// is not a readable file.
#include "service/file_digest.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "support/test_support.h"

using namespace agmon;

TEST_CASE("a file's checksum is its SHA-256 in lower-case hex") {
  test::TempDir dir;
  test::write_file(dir.file("empty.csv"), "");
  CHECK(service::file_sha256(dir.file("empty.csv")) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  test::write_file(dir.file("abc.csv"), "abc");
  CHECK(service::file_sha256(dir.file("abc.csv")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  test::write_file(dir.file("two_blocks.csv"),
                   "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  CHECK(service::file_sha256(dir.file("two_blocks.csv")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("a file longer than the read buffer gets the checksum earlier versions recorded") {
  test::TempDir dir;
  std::string content;
  for (int i = 0; content.size() < (3u << 20) + 12345; ++i)
    content +=
        "S" + std::to_string(i) + ",1001,2025-2026,S1,ENG" + std::to_string(i % 97) + ",11,A\n";
  test::write_file(dir.file("course_marks.csv"), content);
  Poco::SHA2Engine poco(Poco::SHA2Engine::SHA_256);
  poco.update(content.data(), static_cast<unsigned>(content.size()));
  CHECK(service::file_sha256(dir.file("course_marks.csv")) ==
        Poco::DigestEngine::digestToHex(poco.digest()));
}

TEST_CASE("a folder or a missing file has no checksum") {
  test::TempDir dir;
  std::filesystem::create_directory(dir.file("oneroster"));
  CHECK(service::file_sha256(dir.file("oneroster")).empty());
  CHECK(service::file_sha256(dir.file("missing.csv")).empty());
}
