#include "services/event_pattern/wildcard.h"

#include <string>

#include <gtest/gtest.h>

namespace skybox::services::event_pattern {
namespace {

struct GlobRow {
  const char* glob;
  const char* value;
  bool matches;
};

TEST(Wildcard, MatchesTable) {
  const GlobRow rows[] = {
      {"", "", true},           {"", "a", false},         {"*", "", true},
      {"*", "anything", true},  {"abc", "abc", true},     {"abc", "abcd", false},
      {"a*", "a", true},        {"*a", "ba", true},       {"*a", "ab", false},
      {"a*c", "abbbc", true},   {"a*c", "ac", true},      {"a*c", "acb", false},
      {"*b*", "abc", true},     {"*b*", "ac", false},     {"a*b*c", "aXbYc", true},
      {"a*b*c", "acb", false},  {"*ab*ab*", "abab", true}, {"*ab*ab*", "aab", false},
      {"ab*ba", "aba", false},  {"ab*ba", "abba", true},  {"a\\*b", "a*b", true},
      {"a\\\\b", "a\\b", true}, {"\\**", "*x", true},     {"\\**", "x*", false},
  };
  for (const GlobRow& row : rows) {
    Result<Wildcard> glob = Wildcard::Parse(row.glob);
    ASSERT_TRUE(glob.ok()) << row.glob;
    EXPECT_EQ(glob->Matches(row.value), row.matches) << row.glob << " vs " << row.value;
  }
}

TEST(Wildcard, CountsOnlyUnescapedStars) {
  EXPECT_EQ(Wildcard::Parse("a*b*c").value().star_count(), 2u);
  EXPECT_EQ(Wildcard::Parse("a\\*b").value().star_count(), 0u);
}

TEST(Wildcard, RejectsWithPositions) {
  EXPECT_EQ(Wildcard::Parse("**").status().message(), "Consecutive wildcard characters at pos 1");
  EXPECT_EQ(Wildcard::Parse("ab\\c").status().message(), "Invalid escape character at pos 3");
  EXPECT_EQ(Wildcard::Parse("ab\\").status().message(), "Invalid escape character at pos 3");
}

TEST(Wildcard, LongValuesStayFast) {
  const std::string value(100000, 'a');
  Result<Wildcard> glob = Wildcard::Parse("*a*a*a*a*a*b");
  ASSERT_TRUE(glob.ok());
  EXPECT_FALSE(glob->Matches(value));
}

}  // namespace
}  // namespace skybox::services::event_pattern
