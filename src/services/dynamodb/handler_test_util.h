// Test-only: running an operation handler (operations.h) synchronously, and a fixture with a
// Backend over an ephemeral Store, for unit tests of whole requests. The codec validates inputs
// in production, so tests pass only well-formed inputs.
//
// Thread-safety: one test thread; RunHandler blocks until the handler's done (which may run on
// the store's committer thread) has fired.
#pragma once

#include <future>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "services/dynamodb/operations.h"
#include "storage/store.h"

namespace skybox::dynamodb::testing {

using Handler = void (*)(Backend&, aws::Call, aws::CallDone);

// Runs `handler` on `input` and waits for its answer.
inline Result<aws::Document> RunHandler(Backend& db, Handler handler, aws::Document input) {
  aws::Call call;
  call.input = std::move(input);
  call.region = "us-east-1";
  auto answer = std::make_shared<std::promise<Result<aws::Document>>>();
  std::future<Result<aws::Document>> result = answer->get_future();
  handler(db, std::move(call), [answer](Result<aws::Document> out) { answer->set_value(std::move(out)); });
  return result.get();
}

// The CreateTable input of an on-demand table `name` with a string partition key "pk".
inline aws::Document StringKeyTable(const std::string& name) {
  return {{"TableName", name},
          {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
          {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
          {"BillingMode", "PAY_PER_REQUEST"}};
}

class HandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::Store::Open({.ephemeral = true});
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    auto backend = Backend::Open(store_.get(), {});
    ASSERT_TRUE(backend.ok());
    db_ = std::move(*backend);
  }
  // Commit callbacks touch the backend: drain them first.
  void TearDown() override { ASSERT_TRUE(store_->Flush().ok()); }

  Result<aws::Document> Run(Handler handler, aws::Document input) { return RunHandler(*db_, handler, std::move(input)); }

  void CreateTableWithStringKey(const std::string& name) {
    auto out = Run(CreateTable, StringKeyTable(name));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
  }

  std::unique_ptr<storage::Store> store_;
  std::shared_ptr<Backend> db_;
};

}  // namespace skybox::dynamodb::testing
