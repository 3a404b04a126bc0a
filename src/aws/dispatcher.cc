#include "aws/dispatcher.h"

#include <chrono>
#include <memory>
#include <unordered_map>

#include "aws/auth/auth_error.h"
#include "aws/auth/sigv4_parser.h"
#include "aws/auth/sigv4_verifier.h"
#include "aws/model/service_model.h"
#include "aws/protocol/codec.h"
#include "aws/request_id.h"
#include "base/json_escape.h"
#include "base/log.h"
#include "base/metrics.h"

namespace skybox::aws {
namespace {

using Clock = std::chrono::steady_clock;

// Per-thread cache of the request metrics, so the hot path takes no registry lock.
struct RequestMetrics {
  Counter* requests;
  Histogram* latency;
};

RequestMetrics& MetricsFor(std::string_view service, std::string_view operation, int status) {
  thread_local std::unordered_map<std::string, RequestMetrics> cache;
  std::string key;
  key.reserve(service.size() + operation.size() + 8);
  key.append(service).append("|").append(operation).append("|").append(std::to_string(status));
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto& registry = MetricsRegistry::Global();
  std::string svc(service), op(operation);
  RequestMetrics m{
      &registry.GetCounter("skybox_requests_total", "AWS requests by service, operation and status.",
                           {{"service", svc}, {"operation", op}, {"status", std::to_string(status)}}),
      &registry.GetHistogram("skybox_request_duration_seconds",
                             "Time from a complete request to its response, by service and operation.",
                             {{"service", svc}, {"operation", op}}, LatencyBuckets())};
  return cache.emplace(std::move(key), m).first->second;
}

// Everything one request carries through the asynchronous part of the pipeline.
struct Exchange {
  Clock::time_point started = Clock::now();
  std::string request_id;
  std::string remote_address;
  std::string method;
  std::string model = "-";
  std::string operation = "-";
  std::string access_key = "-";
  net::HttpReply reply;

  void Finish(net::HttpResponse response) {
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    RequestMetrics& m = MetricsFor(model, operation, response.status);
    m.requests->Inc();
    m.latency->Observe(seconds);
    if (LogEnabled(LogLevel::kInfo)) {
      Log(LogLevel::kInfo, "request",
          {{"request_id", request_id}, {"remote", remote_address}, {"method", method},
           {"service", model}, {"operation", operation}, {"access_key", access_key},
           {"status", std::to_string(response.status)},
           {"ms", std::to_string(seconds * 1000.0)}});
    }
    reply(std::move(response));
  }
};

net::HttpResponse UnknownServiceResponse(const std::string& name, const std::string& request_id) {
  net::HttpResponse r;
  r.status = 501;
  r.SetHeader("Content-Type", "application/json");
  r.SetHeader("x-amzn-RequestId", request_id);
  std::string message = "Skybox does not serve the AWS service '" + name + "'";
  r.body = "{\"__type\":\"NotImplemented\",\"message\":\"";
  AppendJsonEscaped(r.body, message);
  r.body += "\"}";
  return r;
}

}  // namespace

Dispatcher::Dispatcher(DispatcherOptions options, const CredentialStore* credentials,
                       const ServiceRegistry* services, const AdminEndpoints* admin)
    : options_(std::move(options)), credentials_(credentials), services_(services),
      admin_(admin) {}

void Dispatcher::Handle(net::HttpRequest request, net::HttpReply reply) {
  auto ex = std::make_shared<Exchange>();
  ex->request_id = NewRequestId();
  ex->remote_address = request.remote_address;
  ex->method = request.method;
  ex->reply = std::move(reply);

  auto parsed = ParseSigV4(request);
  std::string_view scope = parsed.ok() ? std::string_view(parsed->scope.service) : std::string_view();
  Route route = RouteRequest(request, scope, options_.router);
  if (route.kind == Route::Kind::kAdmin) {
    ex->model = "admin";
    ex->operation = std::string(request.Path());
    return ex->Finish(admin_->Handle(request));
  }
  if (route.kind == Route::Kind::kUnknownService) {
    ex->model = route.unknown_name;
    return ex->Finish(UnknownServiceResponse(route.unknown_name, ex->request_id));
  }
  ex->model = std::string(route.model);
  const ServiceModel* model = ServiceModel::Find(route.model);
  if (model == nullptr) {
    return ex->Finish(UnknownServiceResponse(ex->model, ex->request_id));
  }
  const ProtocolCodec& codec = ProtocolCodec::ForRequest(*model, request);
  RequestContext context;
  context.request_id = ex->request_id;
  context.region = options_.region;
  if (auto host = request.Header("host")) context.host = std::string(*host);
  auto fail = [&](const Status& status) {
    ex->Finish(codec.EncodeError(*model, status, context));
  };

  // Authenticate before anything about the request is trusted.
  if (!parsed.ok()) {
    if (IsMissingAuth(parsed.status())) return fail(AuthErrorFor(AuthFailure::kMissing, model->name()));
    // The parser could not read a scope, so its wording is generic: say it as this service would.
    AuthFailure failure = request.Header("authorization") ? AuthFailure::kMalformedHeader
                                                          : AuthFailure::kMalformedQuery;
    return fail(AuthErrorFor(failure, model->name(), parsed.status().message()));
  }
  ex->access_key = parsed->access_key_id;
  auto identity = VerifySigV4(request, *parsed, *credentials_, std::chrono::system_clock::now());
  if (!identity.ok()) return fail(identity.status());

  if (!route.s3_bucket.empty()) {
    // Virtual-hosted style: the codec sees the path-style form, /bucket/key.
    request.target = "/" + route.s3_bucket + request.target;
  }
  auto operation = codec.ResolveOperation(*model, request);
  if (!operation.ok()) return fail(operation.status());
  const OperationModel* op = *operation;
  ex->operation = op->name;

  auto input = codec.DecodeInput(*model, *op, request);
  if (!input.ok()) return fail(input.status());

  const Service* service = services_->Find(model->name());
  const OperationHandler* handler = service ? service->Find(op->name) : nullptr;
  if (handler == nullptr) return fail(NotImplementedError(model->service_id(), op->name));

  Call call;
  call.operation = op->name;
  call.input = std::move(input).value();
  call.request_id = ex->request_id;
  call.region = options_.region;
  call.caller = Caller{identity->access_key_id, identity->user_name, identity->account_id,
                       identity->arn};
  (*handler)(std::move(call), [ex, model, op, &codec, context](Result<Document> output) {
    ex->Finish(output.ok() ? codec.EncodeOutput(*model, *op, *output, context)
                           : codec.EncodeError(*model, output.status(), context));
  });
}

}  // namespace skybox::aws
