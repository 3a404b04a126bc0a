// Helpers for the expression library's tests (test-only).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/expr/expression_attributes.h"

namespace skybox::dynamodb::testing {

inline Document J(const char* json) { return Document::parse(json); }

// A binary attribute value {"B": bytes}.
inline Document Bin(std::string_view bytes) {
  return Document{{"B", Document::binary(std::vector<uint8_t>(bytes.begin(), bytes.end()))}};
}

// ExpressionAttributes from JSON texts of the two maps ("" for absent).
inline ExpressionAttributes Attrs(const char* names, const char* values) {
  Document n = *names ? J(names) : Document();
  Document v = *values ? J(values) : Document();
  Result<ExpressionAttributes> a = ExpressionAttributes::Create(*names ? &n : nullptr,
                                                                *values ? &v : nullptr);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(a).value() : ExpressionAttributes();
}

// The message of a failed result (and checks that it is a ValidationException).
template <typename T>
std::string ErrorOf(const Result<T>& r) {
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "<ok>";
  EXPECT_EQ(r.status().aws_code(), "ValidationException");
  return r.status().message();
}

}  // namespace skybox::dynamodb::testing
