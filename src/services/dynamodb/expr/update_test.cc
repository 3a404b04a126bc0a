#include "services/dynamodb/expr/update.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/test_util.h"

namespace skybox::dynamodb {
namespace {

using testing::Attrs;
using testing::ErrorOf;
using testing::J;

const char kItem[] = R"({
  "id": {"S": "k"}, "count": {"N": "10"}, "tags": {"SS": ["a", "b"]}, "nums": {"NS": ["1", "2"]},
  "list": {"L": [{"S": "x"}, {"S": "y"}, {"S": "z"}]},
  "map": {"M": {"inr": {"N": "3"}, "sb": {"M": {}}}}
})";
const char kNames[] = R"({"#c":"count","#l":"list","#m":"map","#t":"tags"})";
const char kValues[] = R"({":one":{"N":"1"},":s":{"S":"v"},":ss":{"SS":["b","c"]},
                           ":l":{"L":[{"S":"w"}]},":ns":{"NS":["2","3"]},":big":{"N":"1E125"},
                           ":nine":{"N":"9.99E125"},":m":{"M":{}}})";

Result<Document> Apply(const char* expression, const char* item = kItem) {
  ExpressionAttributes attrs = Attrs(kNames, kValues);
  Result<Update> u = ParseUpdate(expression, attrs);
  if (!u.ok()) return u.status();
  return ApplyUpdate(*u, J(item));
}

Document Updated(const char* expression, const char* item = kItem) {
  Result<Document> r = Apply(expression, item);
  EXPECT_TRUE(r.ok()) << expression << ": " << r.status().ToString();
  return r.ok() ? *r : Document();
}

std::string ParseError(const char* expression) {
  ExpressionAttributes attrs = Attrs(kNames, kValues);
  return ErrorOf(ParseUpdate(expression, attrs));
}

TEST(UpdateTest, SetValuesAndArithmetic) {
  Document d = Updated("SET a = :s, #c = #c + :one, b = #c - :one");
  EXPECT_EQ(d["a"], J(R"({"S":"v"})"));
  EXPECT_EQ(d["count"], J(R"({"N":"11"})"));
  EXPECT_EQ(d["b"], J(R"({"N":"9"})"));  // right-hand sides read the old item
  EXPECT_EQ(Updated("SET #c = :one + :one")["count"], J(R"({"N":"2"})"));
  EXPECT_EQ(Updated("set #c = (#c + :one)")["count"], J(R"({"N":"11"})"));
}

TEST(UpdateTest, IfNotExistsAndListAppend) {
  EXPECT_EQ(Updated("SET x = if_not_exists(x, :one)")["x"], J(R"({"N":"1"})"));
  EXPECT_EQ(Updated("SET #c = if_not_exists(#c, :one)")["count"], J(R"({"N":"10"})"));
  EXPECT_EQ(Updated("SET #c = if_not_exists(#c, :one) + :one")["count"], J(R"({"N":"11"})"));
  EXPECT_EQ(Updated("SET #l = list_append(#l, :l)")["list"]["L"].size(), 4u);
  EXPECT_EQ(Updated("SET #l = list_append(:l, #l)")["list"]["L"][0], J(R"({"S":"w"})"));
  EXPECT_EQ(Updated("SET n = list_append(if_not_exists(n, :l), :l)")["n"]["L"].size(), 2u);
}

TEST(UpdateTest, NestedPathsAndListIndexes) {
  Document d = Updated("SET #m.inr = :s, #m.sb.deep = :one, #l[1] = :s, #l[10] = :one");
  EXPECT_EQ(d["map"]["M"]["inr"], J(R"({"S":"v"})"));
  EXPECT_EQ(d["map"]["M"]["sb"]["M"]["deep"], J(R"({"N":"1"})"));
  EXPECT_EQ(d["list"]["L"][1], J(R"({"S":"v"})"));
  EXPECT_EQ(d["list"]["L"].size(), 4u);  // an index past the end appends
  EXPECT_EQ(ErrorOf(Apply("SET nope.deep = :s")),
            "The document path provided in the update expression is invalid for update");
  EXPECT_EQ(ErrorOf(Apply("SET #c.deep = :s")),
            "The document path provided in the update expression is invalid for update");
}

TEST(UpdateTest, SetsPastTheEndAppendInIndexOrder) {
  Document out = Updated("SET #l[84] = :s, #l[37] = :one, #l[50] = :l");
  EXPECT_EQ(out["list"]["L"].size(), 6u);
  EXPECT_EQ(out["list"]["L"][3], J(R"({"N": "1"})"));
  EXPECT_EQ(out["list"]["L"][4], J(R"({"L": [{"S": "w"}]})"));
  EXPECT_EQ(out["list"]["L"][5], J(R"({"S": "v"})"));
}

TEST(UpdateTest, Remove) {
  Document d = Updated("REMOVE #t, #m.inr, #l[0], #l[2]");
  EXPECT_FALSE(d.contains("tags"));
  EXPECT_FALSE(d["map"]["M"].contains("inr"));
  EXPECT_EQ(d["list"], J(R"({"L":[{"S":"y"}]})"));  // indexes refer to the old list
  EXPECT_EQ(Updated("REMOVE absent")["id"], J(R"({"S":"k"})"));
  EXPECT_EQ(Updated("REMOVE #l[7]")["list"]["L"].size(), 3u);
}

TEST(UpdateTest, AddAndDelete) {
  EXPECT_EQ(Updated("ADD #c :one")["count"], J(R"({"N":"11"})"));
  EXPECT_EQ(Updated("ADD fresh :one")["fresh"], J(R"({"N":"1"})"));
  EXPECT_EQ(Updated("ADD #t :ss")["tags"], J(R"({"SS":["a","b","c"]})"));
  EXPECT_EQ(Updated("ADD nums :ns")["nums"], J(R"({"NS":["1","2","3"]})"));
  EXPECT_EQ(Updated("DELETE #t :ss")["tags"], J(R"({"SS":["a"]})"));
  EXPECT_FALSE(Updated("DELETE nums :ns, #t :ss REMOVE id")["nums"]["NS"].empty());
  Document emptied = Updated("DELETE #t :ss", R"({"tags":{"SS":["b","c"]}})");
  EXPECT_FALSE(emptied.contains("tags"));  // an emptied set disappears
  EXPECT_EQ(ErrorOf(Apply("ADD #t :one")),
            "An operand in the update expression has an incorrect data type");
  EXPECT_EQ(ErrorOf(Apply("DELETE #c :ss")),
            "An operand in the update expression has an incorrect data type");
}

TEST(UpdateTest, EvaluationErrors) {
  EXPECT_EQ(ErrorOf(Apply("SET a = absent")),
            "The provided expression refers to an attribute that does not exist in the item");
  EXPECT_EQ(ErrorOf(Apply("SET a = absent + :one")),
            "The provided expression refers to an attribute that does not exist in the item");
  EXPECT_EQ(ErrorOf(Apply("SET a = id + :one")),
            "An operand in the update expression has an incorrect data type");
  EXPECT_EQ(ErrorOf(Apply("SET a = list_append(id, :l)")),
            "An operand in the update expression has an incorrect data type");
  EXPECT_EQ(ErrorOf(Apply("SET a = :nine + :big")),
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
}

TEST(UpdateTest, ParseErrors) {
  EXPECT_EQ(ParseError("SET a"),
            "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
  EXPECT_EQ(ParseError("SET a = :s SET b = :s"),
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
            "expression;");
  EXPECT_EQ(ParseError("SET a = :s, a = :one"),
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [a], path two: [a]");
  EXPECT_EQ(ParseError("SET #m.inr = :s REMOVE #m"),
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [map, inr], path two: [map]");
  EXPECT_EQ(ParseError("SET #l[0] = :s REMOVE #l.x"),
            "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
            "rewrite one of these paths; path one: [list, [0]], path two: [list, x]");
  EXPECT_EQ(ParseError("ADD a :s"),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
            "ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(ParseError("DELETE a :one"),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
            "DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  EXPECT_EQ(ParseError("ADD a :m"),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
            "ADD, operand type: MAP, typeSet: ALLOWED_FOR_ADD_OPERAND");
  EXPECT_EQ(ParseError("SET a = :s + :one"),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator "
            "or function: +, operand type: S");
  EXPECT_EQ(ParseError("SET a = list_append(:s, :l)"),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator "
            "or function: list_append, operand type: S");
  EXPECT_EQ(ParseError("SET a = if_not_exists(:s, :l)"),
            "Invalid UpdateExpression: Operator or function requires a document path; operator or "
            "function: if_not_exists");
  EXPECT_EQ(ParseError("SET a = if_not_exists(a)"),
            "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
            "operator or function: if_not_exists, number of operands: 1");
  EXPECT_EQ(ParseError("SET a = size(b)"),
            "Invalid UpdateExpression: The function is not allowed in an update expression; "
            "function: size");
  EXPECT_EQ(ParseError("SET a = nope(b)"),
            "Invalid UpdateExpression: Invalid function name; function: nope");
  // Values are checked from the last action back to the first.
  EXPECT_EQ(ParseError("SET a = :x1, b = :x2"),
            "Invalid UpdateExpression: An expression attribute value used in expression is not "
            "defined; attribute value: :x2");
  // Overlaps are reported as DynamoDB walks its path tree, newest branch first.
  EXPECT_EQ(ParseError("SET a = :s, a = :s, b = :s, b = :s"),
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
            "rewrite one of these paths; path one: [b], path two: [b]");
  EXPECT_EQ(ParseError("SET a = if_not_exists(a, a)"),
            "Invalid UpdateExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: if_not_exists, first operand: "
            "[a]");
  EXPECT_EQ(ParseError("DELETE a :ns, b :s"),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
            "DELETE, operand type: STRING, typeSet: ALLOWED_FOR_DELETE_OPERAND");
  EXPECT_EQ(ParseError("SET name = :s"),
            "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
            "name");
  EXPECT_EQ(ParseError("SET #x = :s"),
            "Invalid UpdateExpression: An expression attribute name used in the document path is "
            "not defined; attribute name: #x");
  EXPECT_EQ(ParseError("SET a = :x"),
            "Invalid UpdateExpression: An expression attribute value used in expression is not "
            "defined; attribute value: :x");
  EXPECT_EQ(ParseError("UPDATE a = :s"),
            "Invalid UpdateExpression: Syntax error; token: \"UPDATE\", near: \"UPDATE a\"");
  EXPECT_EQ(ParseError(""), "Invalid UpdateExpression: The expression can not be empty;");
  // A bare name (or function name) must start with a letter; '_' may only follow.
  EXPECT_EQ(ParseError("SET _a = :s"),
            "Invalid UpdateExpression: Syntax error; token: \"_\", near: \"SET _a\"");
  EXPECT_EQ(ParseError("SET a = _f(b)"),
            "Invalid UpdateExpression: Syntax error; token: \"_\", near: \"= _f\"");
  EXPECT_EQ(Updated("SET a_1_ = :s")["a_1_"], J(R"({"S": "v"})"));
}

TEST(UpdateTest, UpdatedPaths) {
  ExpressionAttributes attrs = Attrs(kNames, kValues);
  Result<Update> u = ParseUpdate("SET a = :s, #m.inr = :one REMOVE #t", attrs);
  ASSERT_TRUE(u.ok());
  Projection p = UpdatedPaths(*u);
  ASSERT_EQ(p.paths.size(), 3u);
  EXPECT_EQ(p.paths[1].ToString(), "map.inr");
  EXPECT_EQ(p.paths[2].attribute(), "tags");
}

}  // namespace
}  // namespace skybox::dynamodb
