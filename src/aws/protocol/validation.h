// Validates a decoded input Document against the model's constraints, producing AWS's
// wording: "1 validation error detected: Value null at 'tableName' failed to satisfy
// constraint: Member must not be null". Paths name members with a lower-case first letter,
// list elements as "<list>.<N>.member" (1-based) and map values as "<map>.<key>.member".
//
// Checked: required members, length (string/blob/list/map min/max), numeric range, and enum
// membership when `check_enums` (JSON-RPC and REST-JSON services validate enums; query and
// S3 accept unknown values, so their codecs pass false). Patterns are not checked: the
// models use Java regex syntax that std::regex cannot compile reliably.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "aws/model/shape.h"
#include "aws/protocol/document.h"

namespace skybox::aws {

struct ValidationOptions {
  bool check_enums = true;
};

// Every violation in `input` (a structure document for `shape`), one sentence each.
std::vector<std::string> FindViolations(const Shape& shape, const Document& input,
                                        const ValidationOptions& options);

// "N validation error(s) detected: v1; v2"; empty when `violations` is empty.
std::string ValidationMessage(const std::vector<std::string>& violations);

// Lower-cases the first letter: "TableName" -> "tableName" (AWS's path spelling).
std::string ValidationPathName(std::string_view member_name);

}  // namespace skybox::aws
