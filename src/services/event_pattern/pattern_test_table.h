// Table-driven test support: each row is a pattern, an event and whether AWS documents a match.
#pragma once

#include <ostream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "services/event_pattern/event_pattern.h"

namespace skybox::services::event_pattern {

struct MatchRow {
  const char* name;  // becomes the test name: letters, digits, underscores
  const char* pattern;
  const char* event;
  bool matches;
};

inline std::ostream& operator<<(std::ostream& os, const MatchRow& row) {
  return os << row.name << ": pattern " << row.pattern << " event " << row.event;
}

inline void ExpectRow(const MatchRow& row, Dialect dialect) {
  Result<Pattern> pattern = Pattern::Parse(row.pattern, dialect);
  ASSERT_TRUE(pattern.ok()) << pattern.status().ToString();
  EXPECT_EQ(pattern->Matches(nlohmann::json::parse(row.event)), row.matches);
}

inline std::string RowName(const testing::TestParamInfo<MatchRow>& info) {
  return info.param.name;
}

}  // namespace skybox::services::event_pattern
