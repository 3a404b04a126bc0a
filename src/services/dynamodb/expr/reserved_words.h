// DynamoDB's reserved words: names that cannot appear literally in an expression's document
// paths (they must go through ExpressionAttributeNames). Internal to the expression parsers.
//
// Thread-safety: pure function over constant data.
#pragma once

#include <string_view>

namespace skybox::dynamodb {

// Case-insensitive membership in DynamoDB's reserved-word list.
bool IsReservedWord(std::string_view word);

}  // namespace skybox::dynamodb
