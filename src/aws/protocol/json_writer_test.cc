#include "aws/protocol/json_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace skybox::aws {
namespace {

std::string Reference(const Document& d) { return d.dump(-1, ' ', false, Document::error_handler_t::replace); }

TEST(JsonWriterTest, MatchesNlohmannForEveryKindOfValue) {
  std::vector<Document> cases = {
      Document(),
      Document(true),
      Document(false),
      Document(0),
      Document(-42),
      Document(18446744073709551615ull),
      Document(std::numeric_limits<int64_t>::min()),
      Document(std::numeric_limits<int64_t>::max()),
      Document(1.5),
      Document(1e300),
      Document(-0.0),
      Document(0.1),
      Document("plain ascii"),
      Document(""),
      Document("quote \" and backslash \\"),
      Document("controls \n\r\t\b\f \x01 \x1f"),
      Document("delete \x7f and UTF-8 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
      Document("broken UTF-8 \xc3 \xff end"),
      Document::object(),
      Document::array(),
      Document::binary({1, 2, 3}),
      Document({{"Item", {{"pk", {{"S", "k1"}}}, {"data", {{"S", std::string(1000, 'x')}}}, {"n", {{"N", "1.50"}}}}},
                {"Count", 3},
                {"list", {1, "two", nullptr, {{"nested\tkey", {true, 2.25}}}}},
                {"caf\xc3\xa9", "\xe2\x82\xac"}}),
  };
  for (const Document& d : cases) EXPECT_EQ(WriteJson(d), Reference(d)) << Reference(d);
}

// The verbatim check reads 8 bytes at a time: every byte that needs escaping or UTF-8 handling
// must be caught in every position of a word and in the tail, next to any neighbour.
TEST(JsonWriterTest, MatchesNlohmannForEverySpecialByteInEveryPosition) {
  for (int special = 0; special < 256; ++special) {
    for (size_t position = 0; position < 19; ++position) {
      for (char neighbour : {'a', '~', ' ', '\x7f', '\xff'}) {
        std::string text(19, 'x');
        text[position] = static_cast<char>(special);
        if (position + 1 < text.size()) text[position + 1] = neighbour;
        Document d = {{"S", text}};
        ASSERT_EQ(WriteJson(d), Reference(d)) << special << " at " << position;
      }
    }
  }
}

}  // namespace
}  // namespace skybox::aws
