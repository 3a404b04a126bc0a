// The AWS request pipeline: the net::HttpHandler that every HTTP request reaches.
//
//   route (aws/router.h) -> authenticate (SigV4, aws/auth) -> resolve the operation and decode
//   the input with the service's protocol (aws/protocol) -> the operation handler
//   (aws/service.h) -> encode the output or the AWS error -> metrics and an access-log line.
//
// Every answer, including authentication failures and unknown operations, is an AWS-shaped
// response for the service's protocol, carrying a request id.
//
// Thread-safety: Handle() runs concurrently on every event loop; the dispatcher's own state
// is immutable after construction.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "aws/admin_endpoints.h"
#include "aws/auth/credential_store.h"
#include "aws/router.h"
#include "aws/service.h"
#include "net/http_message.h"

namespace skybox::aws {

class ServiceModel;
struct RequestContext;

struct DispatcherOptions {
  RouterOptions router;
  std::string region = "us-east-1";
};

class Dispatcher : public net::HttpHandler {
 public:
  // The pointers must outlive the dispatcher.
  Dispatcher(DispatcherOptions options, const CredentialStore* credentials,
             const ServiceRegistry* services, const AdminEndpoints* admin);

  void Handle(net::HttpRequest request, net::HttpReply reply) override;
  // S3 request bodies are streamed (objects are up to 5 GiB); every other body is buffered.
  bool WantsBodyStream(const net::HttpRequest& head) override;
  // A request net/ refused (too large, too slow, malformed): answered as the AWS error of the
  // service it was for when its head was parsed, and counted and logged like any request.
  net::HttpResponse OnRejected(int status, std::string_view reason,
                               const net::HttpRequest* head) override;

 private:
  struct Invocation;
  // Decodes the input and runs the operation's handler (after any streamed body that the
  // operation needs whole was read).
  void Invoke(std::shared_ptr<Invocation> invocation);
  // S3's website endpoint reads objects through here: an unsigned GetObject / HeadObject of
  // /<bucket>/<key> made from `original` as `read` says (WebsiteEndpoint::ObjectFetch).
  void FetchForWebsite(const ServiceModel& model, const Service& service, const net::HttpRequest& original,
                       const std::string& bucket, std::string key, WebsiteEndpoint::Read read,
                       const RequestContext& context, std::function<void(Result<net::HttpResponse>)> done) const;

  DispatcherOptions options_;
  const CredentialStore* credentials_;
  const ServiceRegistry* services_;
  const AdminEndpoints* admin_;
};

}  // namespace skybox::aws
