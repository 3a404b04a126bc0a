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
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

class PayloadReader;

using Document = nlohmann::json;

// Who signed the request.
struct Caller {
  std::string access_key_id;
  std::string user_name;  // empty for the account's root identity
  std::string account_id;
  std::string arn;
};

// The HTTP-level extras of a REST call that the model's members do not carry: streamed
// payloads (S3 PutObject/UploadPart in, GetObject out), extra response headers (CORS) and a
// status other than the operation's (206 for a range, 304). Shared between the dispatcher and
// the handler: the handler fills the response side before calling `done`.
struct CallHttp {
  // The decoded, verified request payload of an operation whose input payload is streaming;
  // null otherwise (the payload is then in `Call::input`).
  std::shared_ptr<PayloadReader> request_body;
  // The response payload, produced piece by piece.
  std::shared_ptr<net::ResponseBodySource> response_body;
  // A payload small enough to hand over whole (an inline S3 object): sent as the body of a
  // successful response in place of the codec's, without passing through the output document.
  std::optional<std::string> response_payload;
  // The Content-Length of a successful response: response_body's total length, or what a
  // HEAD response reports.
  std::optional<uint64_t> content_length;
  // Added to the response, success or error, after the codec's headers.
  std::vector<net::HttpHeader> response_headers;
  // When non-zero, replaces the HTTP status of a successful response.
  int response_status = 0;
};

struct Call {
  std::string_view operation;  // "GetCallerIdentity"
  Document input;              // validated against the operation's input shape
  std::string request_id;
  std::string region;          // the region Skybox serves (configuration)
  // The region the client signed for (the endpoint it meant); empty when the request names none
  // (unsigned, SigV2, or made by Skybox itself).
  std::string signing_region;
  std::string host;  // the Host header as the client sent it ("localhost:4566"); may be empty
  std::string path;  // the request path, still percent-encoded ("/000000000000/my-queue")
  Caller caller;
  std::string source_ip;  // the client's address (IAM's aws:SourceIp)
  std::vector<net::HttpHeader> headers;  // the request's headers (REST services)
  std::shared_ptr<CallHttp> http;         // REST services (S3); null for the others
};

using CallDone = std::function<void(Result<Document>)>;
using OperationHandler = std::function<void(Call, CallDone)>;

// Answers an unsigned GET of a service's public resource (SNS's signing certificate). Runs on
// an event-loop thread: it must be quick and must not block on storage commits.
using PublicResourceHandler = std::function<net::HttpResponse(const net::HttpRequest&)>;

// Browser CORS for a REST service whose resources carry CORS rules (S3 buckets). The
// dispatcher answers OPTIONS preflights through it before authentication (browsers do not
// sign them) and adds its headers to the responses of requests that carry an Origin.
class CorsPolicy {
 public:
  virtual ~CorsPolicy() = default;
  // The headers of a 200 answer to a preflight for `resource` (the bucket), or the error.
  virtual Result<std::vector<net::HttpHeader>> Preflight(std::string_view resource,
                                                         const net::HttpRequest& request) const = 0;
  // The headers to add to an actual response for a request with `origin` and `method`.
  virtual std::vector<net::HttpHeader> ResponseHeaders(std::string_view resource, std::string_view origin,
                                                       std::string_view method) const = 0;
};

// An HTML form upload (S3's browser-based POST Object, which the API model does not describe).
// It is authenticated by the signed policy inside the form, not by SigV4, so the dispatcher
// hands it over before authentication and the service answers it entirely.
class FormUploadHandler {
 public:
  virtual ~FormUploadHandler() = default;
  // `bucket` is the target; `request` the POST, its multipart/form-data body in `body_stream`
  // (or `body` when empty or buffered). `respond` must be called once, from any thread, with
  // the complete success response or the AWS error (the dispatcher encodes it).
  virtual void Upload(std::string bucket, net::HttpRequest request, std::string request_id,
                      std::function<void(Result<net::HttpResponse>)> respond) const = 0;
};

// S3's static website endpoint ("<bucket>.s3-website.localhost", aws/router.h): unsigned GETs
// and HEADs answered from the bucket's website configuration as browsers expect (index and
// error documents, redirects, HTML error pages), not as REST calls. The dispatcher hands such a
// request over whole, with a way to read objects as an unsigned GetObject / HeadObject would.
class WebsiteEndpoint {
 public:
  // How an object is read: as the browser asked (its method, range and conditional headers),
  // whole (its method, GET or HEAD, without range or conditions: an error document), or only
  // whether it can be read (HEAD without range or conditions).
  enum class Read { kAsRequested, kWhole, kExists };
  // Reads `key` of the bucket as the REST endpoint answers an unsigned GetObject / HeadObject:
  // the encoded response (a 304 Not Modified included, with its ETag and Last-Modified), or the
  // error the operation failed with (its access checks included).
  using ObjectFetch =
      std::function<void(std::string key, Read read, std::function<void(Result<net::HttpResponse>)> done)>;
  virtual ~WebsiteEndpoint() = default;
  // `respond` must be called once, from any thread, with the complete response.
  virtual void Serve(std::string bucket, const net::HttpRequest& request, std::string request_id,
                     ObjectFetch fetch, std::function<void(net::HttpResponse)> respond) const = 0;
};

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

  void SetCorsPolicy(std::shared_ptr<const CorsPolicy> policy) { cors_policy_ = std::move(policy); }
  const CorsPolicy* cors_policy() const { return cors_policy_.get(); }

  void SetFormUpload(std::shared_ptr<const FormUploadHandler> handler) { form_upload_ = std::move(handler); }
  const FormUploadHandler* form_upload() const { return form_upload_.get(); }

  void SetWebsiteEndpoint(std::shared_ptr<const WebsiteEndpoint> endpoint) { website_ = std::move(endpoint); }
  const WebsiteEndpoint* website_endpoint() const { return website_.get(); }

  // Lets `operation` run without a signature (SNS's ConfirmSubscription and Unsubscribe, which
  // AWS serves to anyone holding the SubscribeURL / UnsubscribeURL; S3's reads, which a bucket
  // policy may grant to everyone). The dispatcher honours it only for requests that carry no
  // signature at all: a bad signature still fails. The handler then sees a Caller with an empty
  // access_key_id and account_id, and must decide whether to serve the call.
  void AllowUnsigned(std::string operation) { unsigned_operations_.insert(std::move(operation)); }
  bool AllowsUnsigned(std::string_view operation) const {
    return unsigned_operations_.find(operation) != unsigned_operations_.end();
  }
  bool has_unsigned_operations() const { return !unsigned_operations_.empty(); }

  // Serves unsigned GETs of paths starting with `path_prefix` (under /_skybox/, e.g.
  // "/_skybox/sns/") with `handler`, before Skybox's admin endpoints see them.
  void SetPublicResource(std::string path_prefix, PublicResourceHandler handler) {
    public_resources_[std::move(path_prefix)] = std::move(handler);
  }
  // The handler whose prefix `path` starts with (the longest), or nullptr.
  const PublicResourceHandler* FindPublicResource(std::string_view path) const;

 private:
  std::string model_name_;
  std::map<std::string, OperationHandler, std::less<>> handlers_;
  std::function<void()> shutdown_hook_;
  std::shared_ptr<const CorsPolicy> cors_policy_;
  std::shared_ptr<const FormUploadHandler> form_upload_;
  std::shared_ptr<const WebsiteEndpoint> website_;
  std::set<std::string, std::less<>> unsigned_operations_;
  std::map<std::string, PublicResourceHandler, std::less<>> public_resources_;
};

class ServiceRegistry {
 public:
  void Add(std::unique_ptr<Service> service);
  // nullptr when Skybox implements nothing of this model yet.
  const Service* Find(std::string_view model_name) const;
  // The public resource of any service for a GET of `path`, or nullptr.
  const PublicResourceHandler* FindPublicResource(std::string_view path) const;
  // Calls every service's shutdown hook.
  void BeginShutdown() const;

 private:
  std::map<std::string, std::unique_ptr<Service>, std::less<>> services_;
};

// The error for an operation of the model that Skybox does not implement.
Status NotImplementedError(std::string_view service_id, std::string_view operation);

}  // namespace skybox::aws
