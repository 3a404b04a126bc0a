// Fixtures for the expression parsers' libFuzzer targets (tests/fuzz/dynamodb_*_fuzz.cc):
// a fixed set of ExpressionAttributeNames/Values and an item that exercise every value type,
// so fuzzed expressions reach the semantic checks and evaluation, not only the tokenizer.
//
// Thread-safety: returns fresh values; no shared state.
#pragma once

#include <string_view>

#include "services/dynamodb/expr/expression_attributes.h"

namespace skybox::dynamodb::fuzzing {

inline ExpressionAttributes Attributes() {
  static const char kNames[] = R"({"#a":"a","#b":"b","#l":"l","#m":"m","#pk":"pk","#sk":"sk"})";
  static const char kValues[] = R"({":s":{"S":"x"},":n":{"N":"1.5"},":big":{"N":"9E125"},
    ":l":{"L":[{"S":"e"}]},":ss":{"SS":["x","y"]},":ns":{"NS":["1","2"]},":m":{"M":{}},
    ":t":{"S":"SS"},":b":{"BOOL":true},":z":{"NULL":true}})";
  Document names = Document::parse(kNames);
  Document values = Document::parse(kValues);
  return std::move(ExpressionAttributes::Create(&names, &values).value());
}

inline Document Item() {
  return Document::parse(R"({"pk":{"S":"p"},"sk":{"N":"3"},"a":{"N":"7"},"b":{"S":"bee"},
    "l":{"L":[{"S":"x"},{"M":{"c":{"N":"1"}}},{"L":[]}]},"m":{"M":{"a":{"SS":["x"]},"d":{"M":{}}}},
    "s":{"NS":["1","2"]}})");
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace skybox::dynamodb::fuzzing
