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
  bool operator==(const PathElement&) const = default;
};
using Path = std::vector<PathElement>;

// Either a document path (or size(path)) or a value (an AttributeValue in wire form, {"S": "x"}).
struct Operand {
  std::optional<Path> path;
  aws::Document value;
  bool size = false;  // size(path): the path's size, as in condition expressions
};

// A WHERE condition. Comparators are PartiQL's spelling ("=", "<>", "<", "<=", ">", ">=");
// functions keep their name in lower case (begins_with, contains, attribute_exists, ...).
struct Condition {
  enum class Kind {
    kCompare, kBetween, kIn, kFunction, kIsMissing, kIsNotMissing, kIsNull, kIsNotNull, kAnd, kOr, kNot
  };
  Kind kind = Kind::kCompare;
  std::string op;                    // comparator or function name
  std::vector<Operand> operands;     // compare: 2; between: 3; in: subject then candidates
  std::vector<Condition> children;   // and/or: 2; not: 1
};

// SET path = value, path = operand +/- operand, or path = function(left, right) with
// list_append, set_add or set_delete.
struct SetAction {
  Path path;
  Operand left;
  char arithmetic = 0;   // 0, '+' or '-'
  std::string function;  // empty, "list_append", "set_add" or "set_delete"
  Operand right;         // only with arithmetic or a function
};

struct Statement {
  // kExists: EXISTS(SELECT ... WHERE full key [AND condition]), ExecuteTransaction's condition check.
  enum class Kind { kSelect, kInsert, kUpdate, kDelete, kExists };
  Kind kind = Kind::kSelect;
  std::string table;
  std::string index;                 // SELECT ... FROM "table"."index"
  std::vector<Path> projection;      // SELECT: empty means *
  std::optional<Condition> where;
  aws::Document item;                // INSERT: the item (name -> AttributeValue)
  std::vector<SetAction> set;        // UPDATE
  std::vector<Path> remove;          // UPDATE
  // UPDATE/DELETE ... RETURNING: the ReturnValues it stands for (ALL_OLD, ALL_NEW, UPDATED_OLD,
  // UPDATED_NEW), or empty.
  std::string returning;
};

}  // namespace skybox::dynamodb::partiql
