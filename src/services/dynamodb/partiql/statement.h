// The statement model of DynamoDB's PartiQL subset: SELECT, INSERT, UPDATE and DELETE over one
// table (or index), with `?` parameters already bound to their AttributeValues by the parser.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/protocol/document.h"

namespace skybox::dynamodb::partiql {

// A document path: a.b[1]."c d". Element names are case-sensitive attribute names.
struct PathElement {
  std::string name;  // empty for a list index
  int64_t index = -1;
};
using Path = std::vector<PathElement>;

// Either a document path or a value (an AttributeValue in wire form, {"S": "x"}).
struct Operand {
  std::optional<Path> path;
  aws::Document value;
};

// A WHERE condition. Comparators are PartiQL's spelling ("=", "<>", "<", "<=", ">", ">=");
// functions keep their name in lower case (begins_with, contains, attribute_exists, ...).
struct Condition {
  enum class Kind { kCompare, kBetween, kIn, kFunction, kIsMissing, kIsNotMissing, kAnd, kOr, kNot };
  Kind kind = Kind::kCompare;
  std::string op;                    // comparator or function name
  std::vector<Operand> operands;     // compare: 2; between: 3; in: subject then candidates
  std::vector<Condition> children;   // and/or: 2; not: 1
};

// SET path = value, or path = operand +/- operand.
struct SetAction {
  Path path;
  Operand left;
  char arithmetic = 0;  // 0, '+' or '-'
  Operand right;        // only with arithmetic
};

struct Statement {
  enum class Kind { kSelect, kInsert, kUpdate, kDelete };
  Kind kind = Kind::kSelect;
  std::string table;
  std::string index;                 // SELECT ... FROM "table"."index"
  std::vector<Path> projection;      // SELECT: empty means *
  std::optional<Condition> where;
  aws::Document item;                // INSERT: the item (name -> AttributeValue)
  std::vector<SetAction> set;        // UPDATE
  std::vector<Path> remove;          // UPDATE
};

}  // namespace skybox::dynamodb::partiql
