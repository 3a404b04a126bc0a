// The expression AST shared by DynamoDB's expression languages (ConditionExpression,
// FilterExpression, KeyConditionExpression, ProjectionExpression, UpdateExpression) and by the
// legacy request forms (Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter),
// which are converted to the same trees.
//
// Trees are plain values with placeholders already resolved: a name "#n" is stored as the
// attribute name it stands for, a value ":v" as the (canonical) attribute value it stands for.
// Parsers live in condition.h, projection.h, key_condition.h and update.h.
//
// Thread-safety: value types; immutable use is safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/dynamodb/expr/attribute_value.h"

namespace skybox::dynamodb {

// Which request member an expression came from; it names the expression in AWS's messages
// ("Invalid ConditionExpression: ...").
enum class ExpressionKind { kCondition, kFilter, kKeyCondition, kProjection, kUpdate };
// "ConditionExpression", "FilterExpression", "KeyConditionExpression", ...
std::string_view ExpressionKindName(ExpressionKind kind);

// One step of a document path: a map key / attribute name, or a list index ("[3]").
struct PathElement {
  std::string name;        // when index is nullopt
  std::optional<uint32_t> index;
  bool is_index() const { return index.has_value(); }
  friend bool operator==(const PathElement&, const PathElement&) = default;
};

// A document path such as a.b[1].c; the first element is always a name (a top-level attribute).
struct DocumentPath {
  std::vector<PathElement> elements;

  const std::string& attribute() const { return elements.front().name; }
  // "a.b[1].c" (names unescaped; for diagnostics only).
  std::string ToString() const;
  // "[a, b, [1], c]": the form AWS uses in overlap/conflict messages.
  std::string ToAwsListString() const;
  friend bool operator==(const DocumentPath&, const DocumentPath&) = default;
};

// The value at `path` inside `item` (an item object), or nullptr when any step is missing
// or has the wrong type (a name step into a non-map, an index step into a non-list).
const Document* FindPath(const Document& item, const DocumentPath& path);

// An operand of a condition or of a SET action.
struct Operand {
  enum class Kind {
    kPath,         // path
    kValue,        // value
    kSize,         // size(path) — conditions only
    kIfNotExists,  // if_not_exists(path, args[0]) — SET only
    kListAppend,   // list_append(args[0], args[1]) — SET only
    kPlus,         // args[0] + args[1] — SET only
    kMinus,        // args[0] - args[1] — SET only
  };
  Kind kind = Kind::kValue;
  DocumentPath path;
  Document value;  // canonical attribute value
  std::vector<Operand> args;
};

enum class Comparator { kEq, kNe, kLt, kLe, kGt, kGe };

// A boolean condition (ConditionExpression, FilterExpression, legacy Expected/filters).
struct Condition {
  enum class Kind {
    kCompare,             // operands[0] <comparator> operands[1]
    kBetween,             // operands[0] BETWEEN operands[1] AND operands[2]
    kIn,                  // operands[0] IN (operands[1..])
    kAttributeExists,     // attribute_exists(operands[0] path)
    kAttributeNotExists,  // attribute_not_exists(operands[0] path)
    kAttributeType,       // attribute_type(operands[0] path, operands[1] value {"S":"N"}...)
    kBeginsWith,          // begins_with(operands[0], operands[1])
    kContains,            // contains(operands[0], operands[1])
    kAnd,                 // children[0] AND children[1]; no children: always true
    kOr,                  // children[0] OR children[1]
    kNot,                 // NOT children[0]
  };
  Kind kind = Kind::kAnd;
  Comparator comparator = Comparator::kEq;  // kCompare only
  std::vector<Operand> operands;
  std::vector<Condition> children;
};

// ProjectionExpression / AttributesToGet: the paths to keep.
struct Projection {
  std::vector<DocumentPath> paths;
};

// One action of an UpdateExpression or of legacy AttributeUpdates.
struct UpdateAction {
  enum class Kind { kSet, kRemove, kAdd, kDelete };
  Kind kind = Kind::kSet;
  DocumentPath path;
  Operand value;  // SET: any SET operand; ADD/DELETE: a kValue; REMOVE: unused
};

struct Update {
  std::vector<UpdateAction> actions;  // in the order written
  // From the legacy AttributeUpdates: an ADD/DELETE whose value's type clashes with the stored
  // attribute's reports AWS's legacy message ("Type mismatch for attribute to update").
  bool from_attribute_updates = false;
};

// KeyConditionExpression / KeyConditions: partition-key equality plus an optional sort-key
// condition, in the form a storage scan needs.
struct SortKeyCondition {
  enum class Op { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };
  std::string attribute;
  Op op = Op::kEq;
  Document value;  // the bound (lower bound for BETWEEN; prefix for begins_with)
  Document upper;  // BETWEEN's upper bound; null otherwise
};

struct KeyCondition {
  std::string partition_key;
  Document partition_value;
  std::optional<SortKeyCondition> sort_key;
};

}  // namespace skybox::dynamodb
