#include "services/s3/object_record.h"

#include <gtest/gtest.h>

#include <string>

namespace skybox::s3 {
namespace {

ObjectVersion FullVersion() {
  ObjectVersion v;
  v.version_id = "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";
  v.size = 12345;
  v.etag = "\"0123456789abcdef0123456789abcdef-3\"";
  v.last_modified_ms = 1764400000123;
  v.storage_class = "STANDARD_IA";
  v.content_type = "text/plain";
  v.cache_control = "no-cache";
  v.content_disposition = "attachment";
  v.content_encoding = "gzip";
  v.content_language = "en";
  v.expires = "Thu, 01 Dec 1994 16:00:00 GMT";
  v.website_redirect = "/other";
  v.metadata = {{"a", "1"}, {"b", std::string("\0\xff", 2)}};
  v.tags = {{"k", "v"}, {"k2", ""}};
  v.checksum = StoredChecksum{"CRC32", "AAAAAA==-3", "COMPOSITE"};
  v.lock_mode = "COMPLIANCE";
  v.lock_retain_until_ms = 1900000000000;
  v.legal_hold = "ON";
  v.encryption = {.algorithm = "aws:kms", .kms_key_id = "arn:aws:kms:us-east-1:000000000000:key/k",
                  .kms_context = "eyJrIjoidiJ9", .bucket_key_enabled = true};
  v.restore_expiry_ms = 1900000000000;
  v.multipart = true;
  v.upload_id = "upload-id-1";
  v.parts = {{7, 5242880, "\"aa\"", "c1"}, {8, 100, "\"bb\"", ""}};
  return v;
}

void ExpectSameVersion(const ObjectVersion& a, const ObjectVersion& b) {
  EXPECT_EQ(a.version_id, b.version_id);
  EXPECT_EQ(a.delete_marker, b.delete_marker);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_EQ(a.last_modified_ms, b.last_modified_ms);
  EXPECT_EQ(a.storage_class, b.storage_class);
  EXPECT_EQ(a.content_type, b.content_type);
  EXPECT_EQ(a.cache_control, b.cache_control);
  EXPECT_EQ(a.content_disposition, b.content_disposition);
  EXPECT_EQ(a.content_encoding, b.content_encoding);
  EXPECT_EQ(a.content_language, b.content_language);
  EXPECT_EQ(a.expires, b.expires);
  EXPECT_EQ(a.website_redirect, b.website_redirect);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.tags, b.tags);
  ASSERT_EQ(a.checksum.has_value(), b.checksum.has_value());
  if (a.checksum) {
    EXPECT_EQ(a.checksum->algorithm, b.checksum->algorithm);
    EXPECT_EQ(a.checksum->value, b.checksum->value);
    EXPECT_EQ(a.checksum->type, b.checksum->type);
  }
  EXPECT_EQ(a.lock_mode, b.lock_mode);
  EXPECT_EQ(a.lock_retain_until_ms, b.lock_retain_until_ms);
  EXPECT_EQ(a.legal_hold, b.legal_hold);
  EXPECT_EQ(a.encryption, b.encryption);
  EXPECT_EQ(a.restore_expiry_ms, b.restore_expiry_ms);
  EXPECT_EQ(a.multipart, b.multipart);
  EXPECT_EQ(a.upload_id, b.upload_id);
  ASSERT_EQ(a.parts.size(), b.parts.size());
  for (size_t i = 0; i < a.parts.size(); ++i) {
    EXPECT_EQ(a.parts[i].blob, b.parts[i].blob);
    EXPECT_EQ(a.parts[i].size, b.parts[i].size);
    EXPECT_EQ(a.parts[i].etag, b.parts[i].etag);
    EXPECT_EQ(a.parts[i].checksum, b.parts[i].checksum);
  }
  EXPECT_EQ(a.inline_data, b.inline_data);
}

TEST(ObjectRecordTest, VersionRoundTripsEveryField) {
  ObjectVersion v = FullVersion();
  auto decoded = DecodeVersion(EncodeVersion(v));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ExpectSameVersion(v, *decoded);
}

TEST(ObjectRecordTest, LegalHoldAloneRoundTripsAndAVersionWithoutLockHasNone) {
  ObjectVersion held;
  held.version_id = "null";
  held.legal_hold = "OFF";
  auto decoded = DecodeVersion(EncodeVersion(held));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->legal_hold, "OFF");
  EXPECT_TRUE(decoded->lock_mode.empty());
  ObjectVersion plain;
  plain.version_id = "null";
  auto unlocked = DecodeVersion(EncodeVersion(plain));
  ASSERT_TRUE(unlocked.ok());
  EXPECT_TRUE(unlocked->legal_hold.empty());
  EXPECT_EQ(unlocked->lock_retain_until_ms, 0);
  EXPECT_EQ(unlocked->restore_expiry_ms, 0);  // never restored: the flag bit is clear
}

TEST(ObjectRecordTest, CustomerEncryptionRoundTripsAndOlderRecordsAreSseS3) {
  ObjectVersion sse_c;
  sse_c.version_id = "null";
  sse_c.encryption = {.algorithm = "", .customer_algorithm = "AES256", .customer_key_salt = std::string("s\0lt", 4),
                      .customer_key_hmac = std::string(32, '\x7f')};
  auto decoded = DecodeVersion(EncodeVersion(sse_c));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->encryption, sse_c.encryption);
  EXPECT_TRUE(decoded->encryption.is_customer());
  // SSE-S3 is written as records were before encryption was stored (flags 0 after the length,
  // format byte and "null"), and such a record decodes as SSE-S3.
  ObjectVersion plain;
  plain.version_id = "null";
  const std::string record = EncodeVersion(plain);
  ASSERT_GT(record.size(), 10u);
  EXPECT_EQ(record.substr(4, 7), std::string("\x01\x04null\x00", 7));
  auto old = DecodeVersion(record);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->encryption.algorithm, "AES256");
  EXPECT_FALSE(old->encryption.is_customer());
}

TEST(ObjectRecordTest, InlineBytesFollowTheMetadata) {
  ObjectVersion v;
  v.version_id = "null";
  v.size = 5;
  v.inline_data = std::string("he\0lo", 5);
  std::string record = EncodeVersion(v);
  auto full = DecodeVersion(record);
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->inline_data, v.inline_data);
  EXPECT_EQ(full->storage_class, "STANDARD");
  auto meta = DecodeVersionMetadata(record);
  ASSERT_TRUE(meta.ok());
  EXPECT_TRUE(meta->inline_data.empty());
  EXPECT_EQ(meta->size, 5u);
}

TEST(ObjectRecordTest, DeleteMarkerAndHeadRoundTrip) {
  ObjectVersion marker;
  marker.version_id = "abc";
  marker.delete_marker = true;
  auto decoded = DecodeVersion(EncodeVersion(marker));
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->delete_marker);
  EXPECT_FALSE(decoded->checksum.has_value());

  for (std::optional<uint64_t> null_seq : {std::optional<uint64_t>(), std::optional<uint64_t>(0),
                                           std::optional<uint64_t>(1ull << 40)}) {
    ObjectHead head = HeadFor(FullVersion(), 42, null_seq);
    auto h = DecodeHead(EncodeHead(head));
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h->current_seq, 42u);
    EXPECT_EQ(h->null_seq, null_seq);
    EXPECT_FALSE(h->delete_marker);
    EXPECT_EQ(h->size, 12345u);
    EXPECT_EQ(h->etag, head.etag);
    EXPECT_EQ(h->last_modified_ms, 1764400000123);
    EXPECT_EQ(h->storage_class, "STANDARD_IA");
    EXPECT_EQ(h->version_id, head.version_id);
    EXPECT_EQ(h->restore_expiry_ms, 1900000000000);
    EXPECT_EQ(h->checksum_algorithm, "CRC32");
    EXPECT_EQ(h->checksum_type, "COMPOSITE");
  }
  ObjectVersion plain;
  auto unrestored = DecodeHead(EncodeHead(HeadFor(plain, 7, std::nullopt)));
  ASSERT_TRUE(unrestored.ok());
  EXPECT_EQ(unrestored->restore_expiry_ms, 0);
  EXPECT_EQ(unrestored->checksum_algorithm, "");
  EXPECT_EQ(unrestored->checksum_type, "");
}

// Records written before the binary form (JSON) are still read.
TEST(ObjectRecordTest, ReadsJsonRecords) {
  std::string meta =
      R"({"v":"null","sz":3,"et":"\"e\"","lm":1700000000000,"ct":"a/b","md":{"x":"y"},)"
      R"("tg":[["t","u"]],"ck":["SHA256","c2hh","FULL_OBJECT"]})";
  std::string record(4, '\0');
  record[3] = static_cast<char>(meta.size());
  record += meta + "abc";
  auto v = DecodeVersion(record);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->version_id, "null");
  EXPECT_EQ(v->etag, "\"e\"");
  EXPECT_EQ(v->content_type, "a/b");
  EXPECT_EQ(v->metadata.at("x"), "y");
  ASSERT_TRUE(v->checksum.has_value());
  EXPECT_EQ(v->checksum->algorithm, "SHA256");
  EXPECT_EQ(v->inline_data, "abc");

  auto h = DecodeHead(R"({"c":9,"n":4,"sz":3,"et":"\"e\"","lm":1700000000000,"v":"null","dm":true})");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->current_seq, 9u);
  EXPECT_EQ(h->null_seq, std::optional<uint64_t>(4));
  EXPECT_TRUE(h->delete_marker);
  EXPECT_EQ(h->version_id, "null");
}

TEST(ObjectRecordTest, DamagedRecordsAreDataLoss) {
  std::string head = EncodeHead(HeadFor(FullVersion(), 1, std::nullopt));
  EXPECT_EQ(DecodeHead(head.substr(0, head.size() - 1)).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeHead(head + "x").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeHead("").status().code(), StatusCode::kDataLoss);

  std::string record = EncodeVersion(FullVersion());
  uint32_t n = (static_cast<uint8_t>(record[2]) << 8) | static_cast<uint8_t>(record[3]);
  ASSERT_EQ(record.size(), 4 + n);  // no inline bytes
  // The same metadata one byte short, with a length prefix that says so.
  std::string cut = {'\0', '\0', static_cast<char>((n - 1) >> 8), static_cast<char>((n - 1) & 0xff)};
  cut += record.substr(4, n - 1);
  EXPECT_EQ(DecodeVersion(cut).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeVersion("ab").status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace skybox::s3
