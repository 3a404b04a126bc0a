#include "services/dynamodb/expr/projection.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/test_util.h"

namespace skybox::dynamodb {
namespace {

using testing::Attrs;
using testing::ErrorOf;
using testing::J;

const char kItem[] = R"({
  "id": {"S": "k"}, "a": {"N": "1"},
  "m": {"M": {"x": {"S": "1"}, "y": {"M": {"z": {"N": "2"}}}}},
  "l": {"L": [{"S": "p"}, {"M": {"q": {"S": "r"}, "s": {"S": "t"}}}, {"S": "u"}]}
})";

Document ProjectText(const char* expression, const char* names = R"({"#m":"m"})") {
  ExpressionAttributes attrs = Attrs(names, "");
  Result<Projection> p = ParseProjection(expression, attrs);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? Project(*p, J(kItem)) : Document();
}

std::string ParseError(const char* expression) {
  ExpressionAttributes attrs = Attrs(R"({"#m":"m"})", "");
  return ErrorOf(ParseProjection(expression, attrs));
}

TEST(ProjectionTest, TopLevelAndNested) {
  EXPECT_EQ(ProjectText("id, a"), J(R"({"id":{"S":"k"},"a":{"N":"1"}})"));
  EXPECT_EQ(ProjectText("#m.y.z"), J(R"({"m":{"M":{"y":{"M":{"z":{"N":"2"}}}}}})"));
  EXPECT_EQ(ProjectText("#m.x, #m.y.z"),
            J(R"({"m":{"M":{"x":{"S":"1"},"y":{"M":{"z":{"N":"2"}}}}}})"));
  EXPECT_EQ(ProjectText("absent, #m.nothing"), Document::object());
}

TEST(ProjectionTest, ListElementsAreGatheredInIndexOrder) {
  EXPECT_EQ(ProjectText("l[2], l[0]"), J(R"({"l":{"L":[{"S":"p"},{"S":"u"}]}})"));
  EXPECT_EQ(ProjectText("l[1].s"), J(R"({"l":{"L":[{"M":{"s":{"S":"t"}}}]}})"));
  EXPECT_EQ(ProjectText("l[9]"), Document::object());
  EXPECT_EQ(ProjectText("a[0], #m[0]"), Document::object());  // wrong container types
}

TEST(ProjectionTest, Errors) {
  EXPECT_EQ(ParseError("a, a.b"),
            "Invalid ProjectionExpression: Two document paths overlap with each other; must "
            "remove or rewrite one of these paths; path one: [a], path two: [a, b]");
  EXPECT_EQ(ParseError("a.b, a[0]"),
            "Invalid ProjectionExpression: Two document paths conflict with each other; must "
            "remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
  EXPECT_EQ(ParseError("id, name"),
            "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved "
            "keyword: name");
  EXPECT_EQ(ParseError("#q"),
            "Invalid ProjectionExpression: An expression attribute name used in the document path "
            "is not defined; attribute name: #q");
  EXPECT_EQ(ParseError("a,"),
            "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
  EXPECT_EQ(ParseError("a b"),
            "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
  EXPECT_EQ(ParseError(""), "Invalid ProjectionExpression: The expression can not be empty;");
}

TEST(ProjectionTest, AttributesToGet) {
  Projection p = ProjectionFromAttributesToGet(J(R"(["id","m"])"));
  EXPECT_EQ(Project(p, J(kItem)).size(), 2u);
}

}  // namespace
}  // namespace skybox::dynamodb
