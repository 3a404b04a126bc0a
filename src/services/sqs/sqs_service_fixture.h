// Test fixture: the SQS service over an in-memory store with a settable clock, and a restart
// that opens a new service on the same store (what a server restart on the same data dir
// sees). Test-only.
#pragma once

#include <atomic>
#include <future>
#include <string>

#include <gtest/gtest.h>

#include "services/sqs/sqs_service.h"

namespace skybox::services {

class SqsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions o;
    o.ephemeral = true;
    store_ = std::move(storage::Store::Open(o)).value();
    Start();
  }
  void TearDown() override {
    service_.reset();
    store_.reset();
  }
  void Start() {
    sqs::SqsOptions options;
    options.clock_ms = [this] { return now_ms_.load(); };
    service_ = std::move(MakeSqsService(store_.get(), options)).value();
  }
  // Drops the service (its destructor waits for its commits) and opens a new one.
  void Restart() {
    service_.reset();
    Start();
  }

  // Starts `op` and returns its answer's future (the handler may answer after a commit).
  std::future<Result<aws::Document>> CallAsync(const std::string& op, aws::Document input) {
    aws::Call call;
    call.operation = op;
    call.input = std::move(input);
    call.caller.account_id = "000000000000";
    auto p = std::make_shared<std::promise<Result<aws::Document>>>();
    auto f = p->get_future();
    (*service_->Find(op))(std::move(call), [p](Result<aws::Document> r) { p->set_value(std::move(r)); });
    return f;
  }
  Result<aws::Document> Call(const std::string& op, aws::Document input) {
    return CallAsync(op, std::move(input)).get();
  }

  std::atomic<int64_t> now_ms_{1'700'000'000'000};
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<aws::Service> service_;
};

}  // namespace skybox::services
