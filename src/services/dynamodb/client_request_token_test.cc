// TransactWriteItems' ClientRequestToken: recorded in the transaction's own batch, so a retry
// after a restart is still recognised for the rest of the 10-minute window.
#include <chrono>
#include <future>

#include <gtest/gtest.h>

#include "services/dynamodb/handler_test_util.h"
#include "storage/test_util.h"

namespace skybox::dynamodb {
namespace {

class ClientRequestTokenTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void TearDown() override { Close(); }

  void Close() {
    if (store_) {
      ASSERT_TRUE(store_->Flush().ok());
    }
    db_.reset();
    store_.reset();
  }
  // Opens the store and the backend over dir_ (again), as a restart does.
  void Reopen() {
    Close();
    auto store = storage::Store::Open({.data_dir = dir_.path()});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    auto backend = Backend::Open(store_.get(), {});
    ASSERT_TRUE(backend.ok()) << backend.status().ToString();
    db_ = std::move(*backend);
    auto created = testing::RunHandler(*db_, CreateTable, testing::StringKeyTable("counters"));
    ASSERT_TRUE(created.ok() || created.status().aws_code() == "ResourceInUseException") << created.status().ToString();
  }
  Result<aws::Document> Run(testing::Handler handler, aws::Document input) {
    return testing::RunHandler(*db_, handler, std::move(input));
  }
  // ADD n :by on item "counter", with `token`.
  Result<aws::Document> Increment(const char* token, int by) {
    aws::Document update = {{"TableName", "counters"},
                            {"Key", {{"pk", {{"S", "counter"}}}}},
                            {"UpdateExpression", "ADD n :by"},
                            {"ExpressionAttributeValues", {{":by", {{"N", std::to_string(by)}}}}}};
    return Run(TransactWriteItems, {{"TransactItems", {{{"Update", update}}}}, {"ClientRequestToken", token}});
  }
  std::string Counter() {
    auto out = Run(GetItem, {{"TableName", "counters"}, {"Key", {{"pk", {{"S", "counter"}}}}}, {"ConsistentRead", true}});
    EXPECT_TRUE(out.ok());
    return out.ok() && out->contains("Item") ? (*out)["Item"]["n"]["N"].get<std::string>() : "";
  }

  storage::testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::shared_ptr<Backend> db_;
};

TEST_F(ClientRequestTokenTest, ATokenSurvivesARestart) {
  ASSERT_TRUE(Increment("t-1", 1).ok());
  Reopen();
  auto retry = Increment("t-1", 1);
  ASSERT_TRUE(retry.ok()) << retry.status().ToString();
  EXPECT_EQ(Counter(), "1");
  auto other = Increment("t-1", 2);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().aws_code(), "IdempotentParameterMismatchException");
  ASSERT_TRUE(Increment("t-2", 5).ok());
  EXPECT_EQ(Counter(), "6");
}

TEST_F(ClientRequestTokenTest, AnExpiredStoredTokenIsForgottenAndDeleted) {
  // A record written 11 minutes ago, as a previous run would have left it.
  double eleven_minutes_ago =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count() - 660;
  auto ns = store_->OpenNamespace("dynamodb.tokens");
  ASSERT_TRUE(ns.ok());
  storage::WriteBatch old;
  old.Put(*ns, "t-old", aws::Document({{"hash", "another request"}, {"at", eleven_minutes_ago}}).dump());
  std::promise<Status> committed;
  store_->Commit(std::move(old), [&](Status s) { committed.set_value(s); });
  ASSERT_TRUE(committed.get_future().get().ok());
  Reopen();  // deletes the expired record
  ASSERT_TRUE(Increment("t-new", 1).ok());
  ASSERT_TRUE(store_->Flush().ok());
  auto stored = storage::testing::ReadAll(*store_, *store_->OpenNamespace("dynamodb.tokens"));
  EXPECT_FALSE(stored.contains("t-old"));
  EXPECT_TRUE(stored.contains("t-new"));
  // The expired token is free for a different request.
  ASSERT_TRUE(Increment("t-old", 2).ok());
  EXPECT_EQ(Counter(), "3");
}

}  // namespace
}  // namespace skybox::dynamodb
