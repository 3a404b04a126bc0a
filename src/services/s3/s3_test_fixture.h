// A test fixture for the S3 core's unit tests (not part of the library): an in-memory store and
// an S3Backend on it, and handler calls made synchronous.
#pragma once

#include <gtest/gtest.h>

#include <future>
#include <memory>

#include "aws/auth/credential_store.h"
#include "services/s3/operations.h"
#include "services/s3/s3_backend.h"
#include "storage/store.h"

namespace skybox::s3 {

class S3BackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.ephemeral = true;
    store_ = storage::Store::Open(options).value();
    backend_ = S3Backend::Open(store_.get(), S3Options{}).value();
  }

  void TearDown() override {
    backend_.reset();
    store_.reset();
  }

  // Calls `operation` as the account's root in us-east-1 and waits for its answer.
  Result<aws::Document> Run(BackendOperation operation, aws::Document input) {
    aws::Call call;
    call.input = std::move(input);
    call.region = call.signing_region = "us-east-1";
    call.caller.account_id = std::string(aws::kDefaultAccountId);
    std::promise<Result<aws::Document>> answered;
    operation(*backend_, std::move(call), [&](Result<aws::Document> r) { answered.set_value(std::move(r)); });
    return answered.get_future().get();
  }

  std::unique_ptr<storage::Store> store_;
  std::shared_ptr<S3Backend> backend_;
};

}  // namespace skybox::s3
