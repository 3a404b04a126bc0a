#include "services/dynamodb/expr/condition.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/test_util.h"

namespace skybox::dynamodb {
namespace {

using testing::Attrs;
using testing::ErrorOf;
using testing::J;

const char kItem[] = R"({
  "id": {"S": "user#1"}, "age": {"N": "42"}, "name": {"S": "Alice"},
  "tags": {"SS": ["a", "b"]}, "scores": {"NS": ["1", "2.5"]},
  "list": {"L": [{"S": "x"}, {"N": "7"}, {"M": {"deep": {"S": "y"}}}]},
  "map": {"M": {"inner": {"N": "3"}, "str": {"S": "hello world"}}},
  "flag": {"BOOL": true}, "nothing": {"NULL": true}
})";

const char kNames[] = R"({"#n":"name","#a":"age","#l":"list","#m":"map","#i":"inner",
                          "#t":"tags","#s":"scores","#f":"flag","#z":"nothing"})";
const char kValues[] = R"({":s":{"S":"Alice"},":n":{"N":"42"},":one":{"N":"1"},":big":{"N":"100"},
                           ":x":{"S":"x"},":p":{"S":"hello"},":tag":{"S":"a"},":ss":{"SS":["a"]},
                           ":t":{"S":"SS"},":seven":{"N":"7"},":w":{"S":"world"},":y":{"S":"y"}})";

// Parses with the shared names/values and evaluates against kItem.
bool Eval(const char* expression) {
  ExpressionAttributes attrs = Attrs(kNames, kValues);
  Result<Condition> c = ParseCondition(expression, ExpressionKind::kCondition, attrs);
  EXPECT_TRUE(c.ok()) << expression << ": " << c.status().ToString();
  if (!c.ok()) return false;
  Result<bool> r = EvaluateCondition(*c, J(kItem));
  EXPECT_TRUE(r.ok());
  return r.ok() && *r;
}

std::string ParseError(const char* expression, const char* names = kNames,
                       const char* values = kValues,
                       ExpressionKind kind = ExpressionKind::kCondition) {
  ExpressionAttributes attrs = Attrs(names, values);
  return ErrorOf(ParseCondition(expression, kind, attrs));
}

TEST(ConditionTest, Comparisons) {
  EXPECT_TRUE(Eval("#n = :s"));
  EXPECT_FALSE(Eval("#n <> :s"));
  EXPECT_TRUE(Eval("#a = :n"));
  EXPECT_TRUE(Eval("#a < :big"));
  EXPECT_TRUE(Eval("#a <= :n"));
  EXPECT_TRUE(Eval("#a > :one"));
  EXPECT_TRUE(Eval("#a >= :n"));
  EXPECT_FALSE(Eval("#a > :big"));
  EXPECT_TRUE(Eval(":one < #a"));
  EXPECT_FALSE(Eval("#n < :n"));       // different types never order
  EXPECT_TRUE(Eval("absent <> :s"));  // absent attribute differs from any value
  EXPECT_FALSE(Eval("absent = :s"));
  EXPECT_FALSE(Eval("absent < :s"));
  EXPECT_TRUE(Eval("#m.#i = :one OR #m.#i > :one"));
  EXPECT_TRUE(Eval("#l[1] = :seven"));
  EXPECT_TRUE(Eval("#l[2].deep = :y"));
  EXPECT_FALSE(Eval("#l[9] = :seven"));
}

TEST(ConditionTest, BetweenAndIn) {
  EXPECT_TRUE(Eval("#a BETWEEN :one AND :big"));
  EXPECT_TRUE(Eval("#a between :n and :n"));
  EXPECT_FALSE(Eval("#a BETWEEN :one AND :seven"));
  EXPECT_TRUE(Eval("#a IN (:one, :n)"));
  EXPECT_FALSE(Eval("#a IN (:one, :big)"));
  EXPECT_TRUE(Eval("#n in (:s)"));
}

TEST(ConditionTest, Functions) {
  EXPECT_TRUE(Eval("attribute_exists(#n)"));
  EXPECT_FALSE(Eval("attribute_exists(absent)"));
  EXPECT_TRUE(Eval("attribute_not_exists(absent)"));
  EXPECT_TRUE(Eval("attribute_exists(#m.#i)"));
  EXPECT_TRUE(Eval("attribute_type(#t, :t)"));
  EXPECT_FALSE(Eval("attribute_type(#n, :t)"));
  EXPECT_TRUE(Eval("begins_with(#n, :s)"));
  EXPECT_TRUE(Eval("begins_with(#m.str, :p)"));
  EXPECT_FALSE(Eval("begins_with(#a, :p)"));
  EXPECT_TRUE(Eval("contains(#m.str, :w)"));
  EXPECT_TRUE(Eval("contains(#t, :tag)"));
  EXPECT_FALSE(Eval("contains(#t, :x)"));
  EXPECT_TRUE(Eval("contains(#s, :one)"));
  EXPECT_TRUE(Eval("contains(#l, :x)"));
  EXPECT_TRUE(Eval("size(#n) = :seven OR size(#n) < :seven"));
  EXPECT_TRUE(Eval("size(#t) > :one"));
  EXPECT_TRUE(Eval("size(#l) > :one"));
  EXPECT_FALSE(Eval("size(#a) > :one"));  // numbers have no size
  EXPECT_FALSE(Eval("size(absent) > :one"));
}

TEST(ConditionTest, AttributeTypeOfAValue) {
  // AWS evaluates attribute_type() on an expression value as well as on a path.
  EXPECT_TRUE(Eval("attribute_type(:ss, :t)"));
  EXPECT_FALSE(Eval("attribute_type(:s, :t)"));
}

TEST(ConditionTest, ContainsInsideBinary) {
  Document item = {{"bin", testing::Bin("hi there")}};
  Document values = {{":here", testing::Bin("here")}, {":dog", testing::Bin("dog")},
                     {":str", J(R"({"S": "here"})")}};
  auto eval = [&](const char* expression) {
    Result<ExpressionAttributes> attrs = ExpressionAttributes::Create(nullptr, &values);
    EXPECT_TRUE(attrs.ok());
    Result<Condition> c = ParseCondition(expression, ExpressionKind::kCondition, *attrs);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    Result<bool> r = c.ok() ? EvaluateCondition(*c, item) : Result<bool>(false);
    return r.ok() && *r;
  };
  EXPECT_TRUE(eval("contains(bin, :here)"));
  EXPECT_FALSE(eval("contains(bin, :dog)"));
  EXPECT_FALSE(eval("contains(bin, :str)"));  // a string is never inside a binary
}

TEST(ConditionTest, PrecedenceAndParentheses) {
  // NOT binds tighter than AND, AND tighter than OR.
  EXPECT_TRUE(Eval("#n = :x AND #a = :one OR #a = :n"));
  EXPECT_FALSE(Eval("#n = :x AND (#a = :one OR #a = :n)"));
  EXPECT_TRUE(Eval("NOT #n = :x"));
  EXPECT_FALSE(Eval("NOT #n = :s AND #a = :n"));
  EXPECT_TRUE(Eval("NOT (#n = :s AND #a = :one)"));
  EXPECT_TRUE(Eval("(#a) = :n"));
  EXPECT_TRUE(Eval("((#a = :n) AND (#n = :s))"));
  EXPECT_TRUE(Eval("NOT NOT attribute_exists(#n)"));
}

TEST(ConditionTest, SyntaxErrors) {
  EXPECT_EQ(ParseError("#a = "),
            "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
  EXPECT_EQ(ParseError("#a == :n"),
            "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :n\"");
  EXPECT_EQ(ParseError("#a = :n :n"),
            "Invalid ConditionExpression: Syntax error; token: \":n\", near: \":n :n\"");
  EXPECT_EQ(ParseError("#a"), "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"#a\"");
  EXPECT_EQ(ParseError("#a = :n AND"),
            "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
  EXPECT_EQ(ParseError("a @ b"),
            "Invalid ConditionExpression: Syntax error; token: \"@\", near: \"a @ b\"");
  EXPECT_EQ(ParseError(""), "Invalid ConditionExpression: The expression can not be empty;");
  EXPECT_EQ(ParseError("#a = ", kNames, kValues, ExpressionKind::kFilter).substr(0, 25),
            "Invalid FilterExpression:");
}

TEST(ConditionTest, SemanticErrors) {
  EXPECT_EQ(ParseError("name = :s"),
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
            "name");
  EXPECT_EQ(ParseError("#undefined = :s"),
            "Invalid ConditionExpression: An expression attribute name used in the document path "
            "is not defined; attribute name: #undefined");
  EXPECT_EQ(ParseError("#n = :undefined"),
            "Invalid ConditionExpression: An expression attribute value used in expression is not "
            "defined; attribute value: :undefined");
  EXPECT_EQ(ParseError("foo(#n)"),
            "Invalid ConditionExpression: Invalid function name; function: foo");
  EXPECT_EQ(ParseError("attribute_exists(#n, #a)"),
            "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
            "operator or function: attribute_exists, number of operands: 2");
  EXPECT_EQ(ParseError("begins_with(#n, :n)"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: begins_with, operand type: N");
  EXPECT_EQ(ParseError("attribute_exists(:s)"),
            "Invalid ConditionExpression: Operator or function requires a document path; operator "
            "or function: attribute_exists");
  EXPECT_EQ(ParseError("attribute_type(#n, :n)"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: attribute_type, operand type: N");
  EXPECT_EQ(ParseError("attribute_type(#n, :s)"),
            "Invalid ConditionExpression: Invalid attribute type name found; type: Alice, valid "
            "types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
  EXPECT_EQ(ParseError("size(#n)"),
            "Invalid ConditionExpression: The function is not allowed to be used this way in an "
            "expression; function: size");
  EXPECT_EQ(ParseError("attribute_exists(#n) = :s"),
            "Invalid ConditionExpression: The function is not allowed to be used this way in an "
            "expression; function: attribute_exists");
  EXPECT_EQ(ParseError("size(:n) = :n"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: size, operand type: N");
  EXPECT_EQ(ParseError("#a = #a"),
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: =, first operand: [age]");
  EXPECT_EQ(ParseError("#a BETWEEN :big AND :one"),
            "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
            "than or equal to lower bound; lower bound operand: AttributeValue: {N:100}, upper "
            "bound operand: AttributeValue: {N:1}");
  EXPECT_EQ(ParseError("#a BETWEEN :one AND :s"),
            "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower "
            "and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: "
            "AttributeValue: {S:Alice}");
  EXPECT_EQ(ParseError("((#a = :n))"),
            "Invalid ConditionExpression: The expression has redundant parentheses;");
  EXPECT_EQ(ParseError(" ( ((attribute_exists(#a))) ) "),
            "Invalid ConditionExpression: The expression has redundant parentheses;");
  // A syntax error wins over semantic ones; among semantic errors the order is fixed.
  EXPECT_EQ(ParseError("name = :undefined ="),
            "Invalid ConditionExpression: Syntax error; token: \"=\", near: \":undefined =\"");
  EXPECT_EQ(ParseError("#undefined = :s AND name = :s"),
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
            "name");
}

TEST(ConditionTest, OperandRules) {
  EXPECT_EQ(ParseError("#a < :ss"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: <, operand type: SS");
  EXPECT_EQ(ParseError("#a BETWEEN :ss AND :ss"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: BETWEEN, operand type: SS");
  EXPECT_EQ(ParseError("#a BETWEEN :one AND #a"),
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: BETWEEN, first operand: [age]");
  EXPECT_EQ(ParseError("#a IN (:one, #a)"),
            "Invalid ConditionExpression: The first operand must be distinct from the remaining "
            "operands for this operator or function; operator: IN, first operand: [age]");
  std::string in = "#a IN (:one";
  for (int i = 0; i < 100; ++i) in += ", :n";
  EXPECT_EQ(ParseError((in + ")").c_str()),
            "Invalid ConditionExpression: The IN operator is provided with too many operands; "
            "number of operands: 101");
  EXPECT_EQ(ParseError("if_not_exists(#a, :one) = :one"),
            "Invalid ConditionExpression: The function is not allowed in a condition expression; "
            "function: if_not_exists");
  EXPECT_EQ(ParseError("attribute_type(#a, size(#n))"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: attribute_type, operand type: N");
  EXPECT_EQ(ParseError("#a = a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g"),
            "Invalid ConditionExpression: The document path has too many nesting levels; nesting "
            "levels: 33");
  EXPECT_EQ(ParseError("#a = l[2147483648]"),
            "Invalid ConditionExpression: List index is not within the allowable range; index: "
            "[2147483648]");
  // Within a pass, the first problem in the written order wins.
  EXPECT_EQ(ParseError("begins_with(#n, :n) AND #undefined = :s"),
            "Invalid ConditionExpression: Incorrect operand type for operator or function; "
            "operator or function: begins_with, operand type: N");
  EXPECT_EQ(ParseError("#undefined = :s AND begins_with(#n, :n)"),
            "Invalid ConditionExpression: An expression attribute name used in the document path "
            "is not defined; attribute name: #undefined");
  std::string huge = "#a = :n AND " + std::string(4100, ' ') + "#a = :n";
  EXPECT_EQ(ParseError(huge.c_str()),
            "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
            "expression size: 4119");
}

TEST(ConditionTest, MarksPlaceholdersUsed) {
  ExpressionAttributes attrs = Attrs(R"({"#a":"a","#b":"b"})", R"({":v":{"N":"1"},":w":{"N":"2"}})");
  ASSERT_TRUE(ParseCondition("#a = :v", ExpressionKind::kCondition, attrs).ok());
  Status unused = attrs.CheckAllUsed();
  EXPECT_EQ(unused.message(),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
  ASSERT_TRUE(ParseCondition("#b = :v", ExpressionKind::kCondition, attrs).ok());
  EXPECT_EQ(attrs.CheckAllUsed().message(),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
}

TEST(ConditionTest, HostileNestingIsRejectedNotCrashing) {
  std::string deep(5000, '(');
  ExpressionAttributes attrs;
  EXPECT_FALSE(ParseCondition(deep + "a = b", ExpressionKind::kCondition, attrs).ok());
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_FALSE(ParseCondition(nots + "a = b", ExpressionKind::kCondition, attrs).ok());
}

TEST(ConditionTest, EmptyItemMeansMissingAttributes) {
  ExpressionAttributes attrs = Attrs("", R"({":v":{"S":"x"}})");
  Result<Condition> c = ParseCondition("attribute_not_exists(id) AND k <> :v",
                                       ExpressionKind::kCondition, attrs);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(EvaluateCondition(*c, Document::object()).value());
}

}  // namespace
}  // namespace skybox::dynamodb
