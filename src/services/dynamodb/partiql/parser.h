// Parser of DynamoDB's PartiQL subset:
//   SELECT * | path[, path...] FROM "table"[."index"] [WHERE condition]
//   INSERT INTO "table" VALUE {'name': value, ...}
//   UPDATE "table" SET path = value[, ...] [SET ...] [REMOVE path[, ...]] WHERE condition
//          [RETURNING ALL|MODIFIED OLD|NEW *]
//     (value: a literal, a path, a +/- b, list_append(a, b), set_add(path, set), set_delete(path, set))
//   DELETE FROM "table" WHERE condition [RETURNING ALL OLD *]
//   EXISTS(SELECT * FROM "table" WHERE condition)
// Conditions: = <> != < <= > >=, BETWEEN, IN (...) or IN [...], AND/OR/NOT, parentheses,
// begins_with/contains/attribute_exists/attribute_not_exists/attribute_type functions, size(path)
// as an operand, IS [NOT] MISSING, IS [NOT] NULL. Literals: 'string', numbers, TRUE/FALSE, NULL,
// {maps}, [lists], <<sets>>, and `?` bound in order from `parameters`.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/partiql/statement.h"

namespace skybox::dynamodb::partiql {

// `parameters` is the request's Parameters list (AttributeValues) or null. Errors are AWS's
// ValidationExceptions: "Statement wasn't well formed, can't be processed: ..." for syntax, and
// "Number of parameters in request and statement don't match." for a `?` count mismatch.
Result<Statement> ParseStatement(std::string_view text, const aws::Document& parameters);

}  // namespace skybox::dynamodb::partiql
