#include "services/dynamodb/partiql/parser.h"

#include <gtest/gtest.h>

namespace skybox::dynamodb::partiql {
namespace {

aws::Document S(const char* s) { return {{"S", s}}; }
aws::Document N(const char* n) { return {{"N", n}}; }

TEST(PartiqlParser, SelectForms) {
  struct Case {
    const char* text;
    const char* table;
    const char* index;
    size_t projection;
    bool has_where;
  };
  const Case cases[] = {
      {"SELECT * FROM \"Music\"", "Music", "", 0, false},
      {"select * from Music", "Music", "", 0, false},
      {"SELECT a, b.c, d[2] FROM \"t\".\"idx\" WHERE a = 1", "t", "idx", 3, true},
      {"SELECT * FROM \"t\" WHERE a = 'x' AND (b > 2 OR NOT c < 3);", "t", "", 0, true},
      {"SELECT * FROM t WHERE a BETWEEN 1 AND 5", "t", "", 0, true},
      {"SELECT * FROM t WHERE a IN ('x', 'y') OR b IN [1, 2]", "t", "", 0, true},
      {"SELECT * FROM t WHERE begins_with(a, 'x') AND contains(\"b\", 2)", "t", "", 0, true},
      {"SELECT * FROM t WHERE a IS MISSING AND b IS NOT MISSING", "t", "", 0, true},
      {"SELECT * FROM t WHERE attribute_exists(a) AND attribute_not_exists(b)", "t", "", 0, true},
  };
  for (const Case& c : cases) {
    auto s = ParseStatement(c.text, nullptr);
    ASSERT_TRUE(s.ok()) << c.text << ": " << s.status().message();
    EXPECT_EQ(s->kind, Statement::Kind::kSelect) << c.text;
    EXPECT_EQ(s->table, c.table) << c.text;
    EXPECT_EQ(s->index, c.index) << c.text;
    EXPECT_EQ(s->projection.size(), c.projection) << c.text;
    EXPECT_EQ(s->where.has_value(), c.has_where) << c.text;
  }
}

TEST(PartiqlParser, PrecedenceAndBeforeOr) {
  auto s = ParseStatement("SELECT * FROM t WHERE a = 1 OR b = 2 AND c = 3", nullptr);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->where->kind, Condition::Kind::kOr);
  EXPECT_EQ(s->where->children[1].kind, Condition::Kind::kAnd);
}

TEST(PartiqlParser, Literals) {
  struct Case {
    const char* literal;
    aws::Document value;
  };
  const Case cases[] = {
      {"'it''s'", S("it's")},
      {"12.50", N("12.50")},
      {"-3", N("-3")},
      {"TRUE", {{"BOOL", true}}},
      {"false", {{"BOOL", false}}},
      {"NULL", {{"NULL", true}}},
      {"[1, 'a']", {{"L", {N("1"), S("a")}}}},
      {"{'k': {'n': [true]}}", {{"M", {{"k", {{"M", {{"n", {{"L", {{{"BOOL", true}}}}}}}}}}}}}},
      {"<<'a', 'b'>>", {{"SS", {"a", "b"}}}},
      {"<<1, 2>>", {{"NS", {"1", "2"}}}},
  };
  for (const Case& c : cases) {
    std::string text = std::string("INSERT INTO t VALUE {'pk': 'k', 'v': ") + c.literal + "}";
    auto s = ParseStatement(text, nullptr);
    ASSERT_TRUE(s.ok()) << text << ": " << s.status().message();
    EXPECT_EQ(s->item["v"], c.value) << text;
    EXPECT_EQ(s->item["pk"], S("k"));
  }
}

TEST(PartiqlParser, UpdateAndDelete) {
  auto u = ParseStatement("UPDATE \"t\" SET a = 1, b = b + 2 SET c = 'x' REMOVE d, e[1] WHERE pk = 'k'", nullptr);
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->kind, Statement::Kind::kUpdate);
  ASSERT_EQ(u->set.size(), 3u);
  EXPECT_EQ(u->set[1].arithmetic, '+');
  EXPECT_EQ(u->remove.size(), 2u);
  EXPECT_EQ(u->remove[1][1].index, 1);
  auto d = ParseStatement("DELETE FROM t WHERE pk = 'k' AND sk = 3", nullptr);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, Statement::Kind::kDelete);
}

TEST(PartiqlParser, UpdateFunctionsAndReturning) {
  auto u = ParseStatement(
      "UPDATE t SET l = list_append(l, [1]) SET s = set_add(s, <<'a'>>), r = SET_DELETE(r, <<2>>) "
      "WHERE pk = 'k' RETURNING MODIFIED NEW *",
      nullptr);
  ASSERT_TRUE(u.ok()) << u.status().message();
  ASSERT_EQ(u->set.size(), 3u);
  EXPECT_EQ(u->set[0].function, "list_append");
  EXPECT_EQ(u->set[1].function, "set_add");
  EXPECT_EQ(u->set[1].right.value, (aws::Document{{"SS", {"a"}}}));
  EXPECT_EQ(u->set[2].function, "set_delete");
  EXPECT_EQ(u->returning, "UPDATED_NEW");
  auto d = ParseStatement("DELETE FROM t WHERE pk = 'k' RETURNING ALL OLD *", nullptr);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->returning, "ALL_OLD");
  for (const char* bad : {"DELETE FROM t WHERE pk = 'k' RETURNING ALL NEW *",
                          "DELETE FROM t WHERE pk = 'k' RETURNING MODIFIED OLD *",
                          "UPDATE t SET a = 1 WHERE pk = 'k' RETURNING ALL OLD",
                          "UPDATE t SET s = set_add(other, <<'a'>>) WHERE pk = 'k'"}) {
    auto s = ParseStatement(bad, nullptr);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_TRUE(s.status().message().starts_with("Statement wasn't well formed")) << bad;
  }
}

TEST(PartiqlParser, SizeAndIsNull) {
  auto s = ParseStatement("SELECT * FROM t WHERE size(a.b) > 2 AND c IS NULL AND d IS NOT NULL", nullptr);
  ASSERT_TRUE(s.ok()) << s.status().message();
  const Condition& size = s->where->children[0].children[0];
  EXPECT_EQ(size.kind, Condition::Kind::kCompare);
  EXPECT_TRUE(size.operands[0].size);
  EXPECT_EQ(size.operands[0].path->size(), 2u);
  EXPECT_EQ(s->where->children[0].children[1].kind, Condition::Kind::kIsNull);
  EXPECT_EQ(s->where->children[1].kind, Condition::Kind::kIsNotNull);
  EXPECT_FALSE(ParseStatement("SELECT * FROM t WHERE size(a) IS NULL", nullptr).ok());
  EXPECT_FALSE(ParseStatement("SELECT * FROM t WHERE contains(size(a), 1)", nullptr).ok());
}

TEST(PartiqlParser, ParametersBindInOrder) {
  aws::Document params = {S("k"), N("7")};
  auto s = ParseStatement("SELECT * FROM t WHERE pk = ? AND n > ?", params);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->where->children[0].operands[1].value, S("k"));
  EXPECT_EQ(s->where->children[1].operands[1].value, N("7"));
  auto set = ParseStatement("INSERT INTO t VALUE {'pk': ?, 's': <<?, ?>>}", aws::Document{S("k"), S("a"), S("b")});
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->item["s"], (aws::Document{{"SS", {"a", "b"}}}));
}

TEST(PartiqlParser, Errors) {
  struct Case {
    const char* text;
    aws::Document params;
    const char* message_prefix;
  };
  const std::string malformed = "Statement wasn't well formed, can't be processed: ";
  const Case cases[] = {
      {"SELEC * FROM t", nullptr, "Statement wasn't well formed"},
      {"SELECT * FROM", nullptr, "Statement wasn't well formed, can't be processed: Unexpected end of statement"},
      {"SELECT * FROM t WHERE a = 'x", nullptr, "Statement wasn't well formed"},
      {"SELECT * FROM t WHERE a = ", nullptr, "Statement wasn't well formed"},
      {"SELECT * FROM t WHERE a IS NULLX", nullptr, "Statement wasn't well formed"},
      {"INSERT INTO t VALUE 'x'", nullptr, "Statement wasn't well formed"},
      {"INSERT INTO t VALUE {'a': <<1, 'x'>>}", nullptr, "Statement wasn't well formed"},
      {"UPDATE t WHERE pk = 1", nullptr, "Statement wasn't well formed"},
      {"SELECT * FROM t WHERE unknown_fn(a)", nullptr, "Statement wasn't well formed"},
      {"SELECT * FROM t # x", nullptr, "Statement wasn't well formed"},
      {"SELECT * FROM t WHERE a = ?", nullptr, "Number of parameters in request and statement don't match."},
      {"SELECT * FROM t", aws::Document{S("x")}, "Number of parameters in request and statement don't match."},
  };
  for (const Case& c : cases) {
    auto s = ParseStatement(c.text, c.params);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.status().aws_code(), "ValidationException") << c.text;
    EXPECT_TRUE(s.status().message().starts_with(c.message_prefix)) << c.text << ": " << s.status().message();
  }
}

TEST(PartiqlParser, DeepNestingIsRejectedNotCrashing) {
  std::string deep = "SELECT * FROM t WHERE " + std::string(5000, '(') + "a = 1" + std::string(5000, ')');
  EXPECT_FALSE(ParseStatement(deep, nullptr).ok());
  std::string deep_list = "INSERT INTO t VALUE {'a': " + std::string(5000, '[') + std::string(5000, ']') + "}";
  EXPECT_FALSE(ParseStatement(deep_list, nullptr).ok());
}

}  // namespace
}  // namespace skybox::dynamodb::partiql
