#include "services/dynamodb/key_encoding.h"

#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace skybox::dynamodb {
namespace {

std::string EncodeN(std::string_view text) {
  auto n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text;
  std::string out;
  AppendNumberKey(&out, *n);
  return out;
}

std::string EncodeS(std::string_view s) {
  std::string out;
  AppendBytesKey(&out, s);
  return out;
}

TEST(KeyEncodingTest, NumbersSortNumericallyOverTheWholeRange) {
  // Ascending by value, including the range's extremes and digit-length edge cases.
  std::vector<std::string> ascending = {
      "-9.9999999999999999999999999999999999999E+125", "-1E+125", "-1000", "-999.5", "-123.46",
      "-123.456", "-123.45", "-10", "-9.99", "-1.01", "-1", "-0.1", "-0.0101", "-0.01",
      "-1E-130", "0", "1E-130", "1.5E-129", "0.01", "0.0101", "0.1", "1", "1.0000000000000000000000000000000000001",
      "1.01", "9", "9.99", "10", "11", "99", "100", "123.45", "123.456", "123.46", "999.5", "1000",
      "1E+125", "9.9999999999999999999999999999999999999E+125"};
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    EXPECT_LT(EncodeN(ascending[i]), EncodeN(ascending[i + 1]))
        << ascending[i] << " vs " << ascending[i + 1];
  }
}

TEST(KeyEncodingTest, EqualNumbersEncodeEqually) {
  EXPECT_EQ(EncodeN("1.50"), EncodeN("1.5"));
  EXPECT_EQ(EncodeN("1E3"), EncodeN("1000"));
  EXPECT_EQ(EncodeN("-0"), EncodeN("0"));
  EXPECT_EQ(EncodeN("0.00"), EncodeN("0"));
}

TEST(KeyEncodingTest, RandomNumbersAgreeWithNumberOrdering) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> digits(1, 38), digit(0, 9), exponent(-90, 87), sign(0, 1);
  std::vector<Number> numbers;
  for (int i = 0; i < 2000; ++i) {
    std::string text = sign(rng) ? "-" : "";
    int n = digits(rng);
    for (int d = 0; d < n; ++d) text.push_back(static_cast<char>('0' + digit(rng)));
    text += "E" + std::to_string(exponent(rng));
    auto parsed = Number::Parse(text);
    ASSERT_TRUE(parsed.ok()) << text;
    numbers.push_back(*parsed);
  }
  for (size_t i = 0; i + 1 < numbers.size(); ++i) {
    std::string a, b;
    AppendNumberKey(&a, numbers[i]);
    AppendNumberKey(&b, numbers[i + 1]);
    EXPECT_EQ(a <=> b, numbers[i] <=> numbers[i + 1]) << numbers[i].ToString() << " vs " << numbers[i + 1].ToString();
  }
}

TEST(KeyEncodingTest, StringsSortBytewiseAndArePrefixFree) {
  std::vector<std::string> ascending = {std::string(""), std::string("\0", 1), std::string("\0\0", 2),
                                        std::string("\0a", 2), "a", std::string("a\0", 2), "a\x01", "ab",
                                        "b", "\xC3\xA9", "\xFF", "\xFF\xFF"};
  for (size_t i = 0; i + 1 < ascending.size(); ++i) {
    EXPECT_LT(EncodeS(ascending[i]), EncodeS(ascending[i + 1])) << i;
  }
  // A partition key followed by a sort key never interleaves with a longer partition key.
  std::string pk_a_then_sk = EncodeS("a") + EncodeS("zzz");
  std::string pk_a0 = EncodeS(std::string("a\0", 2));
  EXPECT_LT(pk_a_then_sk, pk_a0);
  EXPECT_NE(pk_a0.compare(0, EncodeS("a").size(), EncodeS("a")), 0);
}

TEST(KeyEncodingTest, BeginsWithPrefixMatchesExactlyTheValuesWithThatPrefix) {
  for (std::string_view prefix : {std::string_view("a"), std::string_view("a\0", 2), std::string_view("")}) {
    std::string encoded_prefix;
    AppendBytesKeyPrefix(&encoded_prefix, prefix);
    for (std::string_view value : {std::string_view("a"), std::string_view("ab"), std::string_view("a\0", 2),
                                   std::string_view("a\0b", 3), std::string_view("b"), std::string_view("")}) {
      bool starts = value.substr(0, prefix.size()) == prefix;
      EXPECT_EQ(EncodeS(value).rfind(encoded_prefix, 0) == 0, starts) << prefix << " / " << value;
    }
  }
}

TEST(KeyEncodingTest, AppendKeyValueChecksTheType) {
  std::string out;
  EXPECT_TRUE(AppendKeyValue(&out, KeyType::kS, {{"S", "x"}}).ok());
  EXPECT_EQ(out, EncodeS("x"));
  out.clear();
  EXPECT_TRUE(AppendKeyValue(&out, KeyType::kN, {{"N", "1.50"}}).ok());
  EXPECT_EQ(out, EncodeN("1.5"));
  out.clear();
  EXPECT_TRUE(AppendKeyValue(&out, KeyType::kB, {{"B", aws::Document::binary({0, 1, 2})}}).ok());
  EXPECT_EQ(out, EncodeS(std::string("\0\x01\x02", 3)));
  EXPECT_FALSE(AppendKeyValue(&out, KeyType::kS, {{"N", "1"}}).ok());
  EXPECT_FALSE(AppendKeyValue(&out, KeyType::kN, {{"N", "abc"}}).ok());
  EXPECT_FALSE(AppendKeyValue(&out, KeyType::kB, {{"B", "not-binary"}}).ok());
}

TEST(KeyEncodingTest, PartitionsAreContiguousUnderTheirPrefix) {
  std::string pk = EncodeS("user#1");
  std::string prefix = PartitionPrefix(7, kBaseTable, pk);
  EXPECT_EQ(prefix.substr(0, 9), IndexPrefix(7, kBaseTable));
  std::string item = prefix + EncodeN("5");
  EXPECT_EQ(item.compare(0, prefix.size(), prefix), 0);
  EXPECT_LT(item, storage::PrefixEnd(prefix));
  EXPECT_LT(IndexPrefix(7, 255), IndexPrefix(8, 0));
}

TEST(KeyEncodingTest, ScanSegmentsTileTheTable) {
  for (uint32_t total : {1u, 3u, 4u, 7u, 1000u}) {
    KeyRange first = SegmentRange(3, 1, 0, total);
    EXPECT_EQ(first.lower, IndexPrefix(3, 1) + std::string("\0\0", 2));
    for (uint32_t s = 0; s + 1 < total; ++s) {
      EXPECT_EQ(SegmentRange(3, 1, s, total).upper, SegmentRange(3, 1, s + 1, total).lower);
    }
    EXPECT_EQ(SegmentRange(3, 1, total - 1, total).upper, IndexPrefix(3, 2));
  }
  // Every partition falls in exactly one segment.
  for (const char* pk : {"a", "b", "hello", "user#42"}) {
    std::string key = PartitionPrefix(3, 0, EncodeS(pk));
    int hits = 0;
    for (uint32_t s = 0; s < 4; ++s) {
      KeyRange r = SegmentRange(3, 0, s, 4);
      hits += key >= r.lower && key < r.upper;
    }
    EXPECT_EQ(hits, 1) << pk;
  }
}

}  // namespace
}  // namespace skybox::dynamodb
