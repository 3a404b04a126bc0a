// The shape every AWS operation handler shares, and the registry of served services.
//
// A Service is the set of operations Skybox implements for one AWS API model. Operations of
// the model that are not registered answer AWS's "not implemented" error (never a crash or a
// fake success). Handlers receive the validated input document (see aws/protocol) and finish
// by calling `done` exactly once, from any thread, with the output document or a Status
// carrying the AWS error.
//
// Thread-safety: a ServiceRegistry is built at startup, then only read (from every event
// loop). Handlers are called on event-loop threads and must not block: storage commits
// complete asynchronously.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace skybox::aws {

using Document = nlohmann::json;

// Who signed the request.
struct Caller {
  std::string access_key_id;
  std::string user_name;  // empty for the account's root identity
  std::string account_id;
  std::string arn;
};

struct Call {
  std::string_view operation;  // "GetCallerIdentity"
  Document input;              // validated against the operation's input shape
  std::string request_id;
  std::string region;
  std::string host;  // the Host header as the client sent it ("localhost:4566"); may be empty
  std::string path;  // the request path, still percent-encoded ("/000000000000/my-queue")
  Caller caller;
};

using CallDone = std::function<void(Result<Document>)>;
using OperationHandler = std::function<void(Call, CallDone)>;

class Service {
 public:
  explicit Service(std::string model_name) : model_name_(std::move(model_name)) {}

  const std::string& model_name() const { return model_name_; }
  // Registers the handler of one operation (its name as in the API model).
  void Register(std::string operation, OperationHandler handler);
  // nullptr when the operation is not implemented.
  const OperationHandler* Find(std::string_view operation) const;
  size_t implemented_count() const { return handlers_.size(); }

  // Called once when the server starts shutting down (from the thread that started it):
  // a service answers what it holds open (e.g. long polls) so that in-flight requests finish
  // before the shutdown deadline. Must not block.
  void SetShutdownHook(std::function<void()> hook) { shutdown_hook_ = std::move(hook); }
  void BeginShutdown() const {
    if (shutdown_hook_) shutdown_hook_();
  }

 private:
  std::string model_name_;
  std::map<std::string, OperationHandler, std::less<>> handlers_;
  std::function<void()> shutdown_hook_;
};

class ServiceRegistry {
 public:
  void Add(std::unique_ptr<Service> service);
  // nullptr when Skybox implements nothing of this model yet.
  const Service* Find(std::string_view model_name) const;
  // Calls every service's shutdown hook.
  void BeginShutdown() const;

 private:
  std::map<std::string, std::unique_ptr<Service>, std::less<>> services_;
};

// The error for an operation of the model that Skybox does not implement.
Status NotImplementedError(std::string_view service_id, std::string_view operation);

}  // namespace skybox::aws
