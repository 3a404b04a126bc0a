#include "services/dynamodb/stored_item_reader.h"

#include <gtest/gtest.h>

#include <random>

#include "services/dynamodb/item_codec.h"

namespace skybox::dynamodb {
namespace {

using aws::Document;

// Same value AND same representation (unsigned vs signed integer, binary vs array), which
// nlohmann's operator== does not distinguish.
void ExpectIdentical(const Document& a, const Document& b) {
  ASSERT_EQ(a.type(), b.type()) << a.dump() << " vs " << b.dump();
  ASSERT_EQ(a, b);
  if (a.is_object()) {
    for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt) {
      ASSERT_EQ(it.key(), jt.key());
      ExpectIdentical(it.value(), jt.value());
    }
  } else if (a.is_array()) {
    for (size_t i = 0; i < a.size(); ++i) ExpectIdentical(a[i], b[i]);
  }
}

Document Nlohmann(std::string_view bytes) { return Document::from_cbor(bytes.begin(), bytes.end(), true, false); }

std::string Cbor(const Document& d) {
  std::vector<uint8_t> bytes = Document::to_cbor(d);
  return std::string(bytes.begin(), bytes.end());
}

TEST(StoredItemReaderTest, ReadsWhatToCborWritesAsNlohmannDoes) {
  std::vector<Document> cases = {
      Document::object(),
      {{"pk", {{"S", "p0"}}}, {"sk", {{"N", "7"}}}, {"data", {{"S", std::string(1000, 'x')}}}},
      {{"b", {{"B", Document::binary({0, 1, 255})}}}, {"bs", {{"BS", {Document::binary({}), Document::binary({9})}}}},
       {"t", {{"BOOL", true}}}, {"f", {{"BOOL", false}}}, {"z", {{"NULL", true}}},
       {"l", {{"L", {{{"S", "caf\xc3\xa9"}}, {{"N", "-1.5e10"}}, {{"M", {{"k", {{"SS", {"a", "b"}}}}}}}}}}}},
      {{"long key " + std::string(300, 'k'), std::string(70000, 'v')}, {"", ""}},
      {{"u", {0, 23, 24, 255, 256, 65535, 65536, 4294967295ull, 4294967296ull, 18446744073709551615ull}},
       {"i", {-1, -24, -25, -256, -257, -65537, std::numeric_limits<int64_t>::min()}},
       {"d", {0.5, 1e300, -0.0, 0.1, 3.25}}, {"n", nullptr}},
      Document(std::vector<Document>(30, Document::array())),
  };
  for (const Document& item : cases) {
    std::string bytes = Cbor(item);
    std::optional<Document> read = ReadStoredItem(bytes);
    ASSERT_TRUE(read.has_value()) << item.dump();
    ExpectIdentical(*read, Nlohmann(bytes));
  }
}

TEST(StoredItemReaderTest, DeclinesWhatItDoesNotHandleAndDecodeItemFallsBack) {
  const std::vector<std::string> declined = {
      std::string("\xf9\x3c\x00", 3),             // half float 1.0 (nlohmann reads it)
      std::string("\x7f\x61" "a\xff", 4),         // indefinite-length text (nlohmann reads it)
      std::string("\xc1\x00", 2),                 // a tag (nlohmann rejects it)
      std::string("\x61", 1),                     // truncated string
      std::string("\xa1\x01\x02", 3),             // map key that is not text
      std::string("\x00\x00", 2),                 // trailing byte
      std::string("\x3b\xff\xff\xff\xff\xff\xff\xff\xff", 9),  // below int64's range
      std::string(200, '\x81') + std::string("\x00", 1),        // 200 nested arrays
      "",
  };
  for (const std::string& bytes : declined) {
    EXPECT_FALSE(ReadStoredItem(bytes).has_value()) << testing::PrintToString(bytes);
    Document reference = Nlohmann(bytes);
    Result<Document> decoded = DecodeItem(bytes);
    EXPECT_EQ(decoded.ok(), !reference.is_discarded()) << testing::PrintToString(bytes);
    if (decoded.ok()) ExpectIdentical(*decoded, reference);
  }
  EXPECT_EQ(*DecodeItem(std::string("\xf9\x3c\x00", 3)), Document(1.0));
}

// Differential: random byte mutations of real items never make the two readers disagree.
TEST(StoredItemReaderTest, AgreesWithNlohmannOnMutatedItems) {
  std::string original = Cbor({{"pk", {{"S", "p"}}}, {"sk", {{"N", "12"}}}, {"n", {-300, 70000, 2.5}},
                               {"m", {{"M", {{"b", {{"B", Document::binary({1, 2})}}}, {"x", {{"BOOL", false}}}}}}}});
  std::mt19937 random(42);
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = original;
    for (int edits = 1 + static_cast<int>(random() % 3); edits > 0; --edits) {
      bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
    }
    if (random() % 4 == 0) bytes.resize(random() % bytes.size());
    std::optional<Document> read = ReadStoredItem(bytes);
    if (!read) continue;
    ++accepted;
    Document reference = Nlohmann(bytes);
    ASSERT_FALSE(reference.is_discarded()) << testing::PrintToString(bytes);
    ExpectIdentical(*read, reference);
  }
  EXPECT_GT(accepted, 1000);
}

}  // namespace
}  // namespace skybox::dynamodb
