#include "aws/dispatcher.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "aws/auth/auth_error.h"
#include "aws/auth/sigv2_header.h"
#include "aws/auth/sigv2_query.h"
#include "aws/auth/sigv4_parser.h"
#include "aws/auth/sigv4_verifier.h"
#include "aws/model/service_model.h"
#include "aws/payload_reader.h"
#include "aws/protocol/cbor.h"
#include "aws/protocol/codec.h"
#include "aws/protocol/payload_digests.h"
#include "aws/protocol/xml.h"
#include "aws/request_id.h"
#include "base/json_escape.h"
#include "base/log.h"
#include "base/metrics.h"
#include "base/percent_encoding.h"
#include "base/utf8.h"
#include "net/query_string.h"

namespace skybox::aws {
namespace {

using Clock = std::chrono::steady_clock;

// Whether a request that no signature scheme could read still carries part of one (an
// Authorization header, or one of SigV4's or SigV2's query parameters): such a request is
// refused as unauthenticated, never served as an anonymous one.
bool AttemptsAuth(const net::HttpRequest& request) {
  if (request.Header("authorization")) return true;
  const auto& params = request.QueryParams(net::PlusSign::kLiteral);
  for (std::string_view name : {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "AWSAccessKeyId", "Signature"}) {
    if (net::FindQueryParam(params, name)) return true;
  }
  return false;
}

// Per-thread cache of the request metrics, so the hot path takes no registry lock.
struct RequestMetrics {
  Counter* requests;
  Histogram* latency;
};

// Looked up by a string_view so that a hit allocates nothing.
struct MetricsKeyHash {
  using is_transparent = void;
  size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
};

RequestMetrics& MetricsFor(std::string_view service, std::string_view operation, int status) {
  thread_local std::unordered_map<std::string, RequestMetrics, MetricsKeyHash, std::equal_to<>> cache;
  thread_local std::string key;
  key.assign(service).append("|").append(operation).append("|");
  char digits[12];
  key.append(digits, std::to_chars(digits, digits + sizeof digits, status).ptr);
  auto it = cache.find(std::string_view(key));
  if (it != cache.end()) return it->second;
  auto& registry = MetricsRegistry::Global();
  std::string svc(service), op(operation);
  RequestMetrics m{
      &registry.GetCounter("skybox_requests_total", "AWS requests by service, operation and status.",
                           {{"service", svc}, {"operation", op}, {"status", std::to_string(status)}}),
      &registry.GetHistogram("skybox_request_duration_seconds",
                             "Time from a complete request to its response, by service and operation.",
                             {{"service", svc}, {"operation", op}}, LatencyBuckets())};
  return cache.emplace(key, m).first->second;
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
  std::atomic<bool> finished{false};

  // Answers the request; a second call (a handler bug) is ignored.
  void Finish(net::HttpResponse response) {
    if (finished.exchange(true)) return;
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

// Metric labels must come from a bounded set: request bytes never become label values.
std::string AdminOperation(std::string_view path) {
  if (path == "/metrics") return "metrics";
  if (path.ends_with("/health")) return "health";
  return "unknown";
}

// A request for a service Skybox has no model of. Its protocol is unknown, so the error is
// shaped the way the request looks: JSON for X-Amz-Target / JSON bodies, otherwise the query
// protocol's XML, which is what the remaining (query and REST-XML) clients can parse.
net::HttpResponse UnknownServiceResponse(const net::HttpRequest& request, const std::string& name,
                                         const std::string& request_id) {
  net::HttpResponse r;
  r.status = 501;
  r.SetHeader("x-amzn-RequestId", request_id);
  std::string message = "Skybox does not serve the AWS service '" + name + "'";
  auto type = request.Header("content-type");
  if (request.Header("x-amz-target") || (type && type->find("json") != std::string_view::npos)) {
    r.SetHeader("Content-Type", "application/json");
    r.body = "{\"__type\":\"NotImplemented\",\"message\":\"";
    AppendJsonEscaped(r.body, message);
    r.body += "\"}";
  } else {
    r.SetHeader("Content-Type", "text/xml");
    r.body = "<ErrorResponse><Error><Type>Sender</Type><Code>NotImplemented</Code><Message>";
    AppendXmlEscaped(r.body, message);
    r.body += "</Message></Error><RequestId>" + request_id + "</RequestId></ErrorResponse>";
  }
  return r;
}

// Smithy rpc-v2-cbor (what current SDKs send CloudWatch): no codec yet, so every operation
// answers NotImplemented, encoded so that those SDKs can read it.
net::HttpResponse CborNotImplemented(const ServiceModel& model, const net::HttpRequest& request,
                                     Exchange* ex) {
  const OperationModel* op = model.FindOperation(CborOperationName(request.Path()));
  if (op != nullptr) ex->operation = op->name;
  net::HttpResponse r;
  r.status = 501;
  r.SetHeader("Content-Type", "application/cbor");
  r.SetHeader("smithy-protocol", "rpc-v2-cbor");
  r.SetHeader("x-amzn-RequestId", ex->request_id);
  r.body = CborErrorBody("NotImplemented",
                         "Skybox does not serve the rpc-v2-cbor protocol of " + model.service_id() +
                             " yet (operation " + (op ? op->name : std::string("unknown")) + ")");
  return r;
}

// The AWS error for a refusal made by net/, in the wording of the service family.
Status RejectionError(int status, std::string_view reason, bool s3) {
  switch (status) {
    case 413:
      return s3 ? Status::Aws(StatusCode::kInvalidArgument, 413, "EntityTooLarge",
                              "Your proposed upload exceeds the maximum allowed size")
                : Status::Aws(StatusCode::kInvalidArgument, 413, "RequestEntityTooLarge",
                              "Request entity too large");
    case 408:
      return RequestTimeoutError();
    case 501:
      return Status::Aws(StatusCode::kUnimplemented, 501, "NotImplemented",
                         "A header you provided implies functionality that is not implemented");
    default:
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                         "The request is malformed: " + std::string(reason));
  }
}

// S3 request bodies that are not objects (configuration XML, DeleteObjects, ...) are read
// whole, up to this much.
constexpr size_t kMaxWholePayloadBytes = 32u << 20;

// "/bucket/key" -> "bucket".
std::string_view FirstPathSegment(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return path.substr(0, path.find('/'));
}

// POST /<bucket> (or / on a bucket's virtual host) with a multipart/form-data body.
bool IsFormUpload(const net::HttpRequest& request, std::string_view virtual_host_bucket) {
  if (request.method != "POST") return false;
  auto type = request.Header("content-type");
  if (!type || !type->starts_with("multipart/form-data")) return false;
  std::string_view path = request.Path();
  if (!virtual_host_bucket.empty()) return path == "/";
  if (path.size() < 2 || path.front() != '/') return false;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return !path.empty() && path.find('/') == std::string_view::npos;
}

// Puts what the handler set in CallHttp on the response.
void ApplyHttpExtras(CallHttp http, bool ok, net::HttpResponse& response) {
  for (net::HttpHeader& h : http.response_headers) response.SetHeader(std::move(h.name), std::move(h.value));
  if (ok) {
    if (http.response_status != 0) response.status = http.response_status;
    if (http.content_length) response.content_length_override = http.content_length;
    if (http.response_body) {
      response.body.clear();
      response.body_source = std::move(http.response_body);
    } else if (http.response_payload) {
      response.body = std::move(*http.response_payload);
    }
  }
  if (response.status == 304) {  // no body, nor the type of the error document it is not
    response.body.clear();
    std::erase_if(response.headers, [](const net::HttpHeader& h) { return h.name == "Content-Type"; });
  }
}

}  // namespace

// One request between authentication and its handler.
struct Dispatcher::Invocation {
  std::shared_ptr<Exchange> ex;
  const ServiceModel* model;
  const OperationModel* op;
  const ProtocolCodec* codec;
  RequestContext context;
  net::HttpRequest request;
  VerifiedIdentity identity;
  std::shared_ptr<CallHttp> http;
  const CorsPolicy* cors;     // the service's, if any
  std::string cors_resource;  // set with cors_origin when the request carries an Origin
  std::string cors_origin;
};

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
  // Routed as WantsBodyStream routed it (by the credential's service, even when the rest of
  // the signature is malformed), so the body was streamed or buffered for this same service.
  Route route = RouteRequest(request, SigningServiceOf(request), options_.router);
  if (route.kind == Route::Kind::kAdmin) {
    if (request.method == "GET" || request.method == "HEAD") {
      if (const PublicResourceHandler* resource = services_->FindPublicResource(request.Path())) {
        ex->model = "public";
        ex->operation = "GetPublicResource";
        return ex->Finish((*resource)(request));
      }
    }
    ex->model = "admin";
    ex->operation = AdminOperation(request.Path());
    return ex->Finish(admin_->Handle(request));
  }
  const ServiceModel* model =
      route.kind == Route::Kind::kService ? ServiceModel::Find(route.model) : nullptr;
  if (model == nullptr) {
    ex->model = "unknown";
    std::string name = route.kind == Route::Kind::kService ? std::string(route.model) : route.unknown_name;
    return ex->Finish(UnknownServiceResponse(request, ToValidUtf8(name), ex->request_id));
  }
  ex->model = std::string(route.model);
  if (ex->model == "s3") ex->request_id = S3RequestId(ex->request_id);  // S3's own id form
  if (request.Header("smithy-protocol") == "rpc-v2-cbor") {
    return ex->Finish(CborNotImplemented(*model, request, ex.get()));
  }
  const ProtocolCodec& codec = ProtocolCodec::ForRequest(*model, request);
  const Service* service = services_->Find(model->name());
  const CorsPolicy* cors = service ? service->cors_policy() : nullptr;
  std::string cors_resource;
  if (cors) cors_resource = route.s3_bucket.empty() ? std::string(FirstPathSegment(request.Path())) : route.s3_bucket;
  RequestContext context;
  context.request_id = ex->request_id;
  context.region = options_.region;
  context.method = request.method;
  if (auto host = request.Header("host")) context.host = std::string(*host);
  auto fail = [&](const Status& status) {
    ex->Finish(codec.EncodeError(*model, status, context));
  };

  if (cors && request.method == "OPTIONS") {
    // A browser's CORS preflight: unsigned by design, answered from the bucket's rules alone.
    ex->operation = "PreflightCors";
    auto headers = cors->Preflight(cors_resource, request);
    if (!headers.ok()) return fail(headers.status());
    net::HttpResponse preflight;
    preflight.headers = std::move(headers).value();
    preflight.SetHeader("x-amz-request-id", ex->request_id);
    return ex->Finish(std::move(preflight));
  }

  if (const WebsiteEndpoint* website = service ? service->website_endpoint() : nullptr; website && route.s3_website) {
    // A browser on a static website: unsigned, answered in HTML by the service (its CORS
    // preflights were answered above, from the bucket's rules, as for the REST endpoint).
    ex->operation = "WebsiteRequest";
    std::vector<net::HttpHeader> cors_headers;
    if (auto origin = request.Header("origin"); cors && origin) {
      cors_headers = cors->ResponseHeaders(cors_resource, *origin, request.method);
    }
    auto original = std::make_shared<net::HttpRequest>(std::move(request));
    WebsiteEndpoint::ObjectFetch fetch = [this, model, service, original, bucket = route.s3_bucket, context](
                                             std::string key, WebsiteEndpoint::Read read,
                                             std::function<void(Result<net::HttpResponse>)> done) {
      FetchForWebsite(*model, *service, *original, bucket, std::move(key), read, context, std::move(done));
    };
    website->Serve(route.s3_bucket, *original, ex->request_id, std::move(fetch),
                   [ex, cors_headers = std::move(cors_headers)](net::HttpResponse response) {
                     for (const net::HttpHeader& h : cors_headers) response.SetHeader(h.name, h.value);
                     ex->Finish(std::move(response));
                   });
    return;
  }

  if (const FormUploadHandler* form = service ? service->form_upload() : nullptr;
      form && IsFormUpload(request, route.s3_bucket)) {
    // A browser POST upload: its signed policy, checked by the service, authenticates it.
    ex->operation = "PostObject";
    std::string bucket = route.s3_bucket.empty() ? std::string(FirstPathSegment(request.Path())) : route.s3_bucket;
    std::string request_id = ex->request_id;
    form->Upload(std::move(bucket), std::move(request), std::move(request_id),
                 [ex, model, &codec, context](Result<net::HttpResponse> response) {
                   ex->Finish(response.ok() ? std::move(response).value()
                                            : codec.EncodeError(*model, response.status(), context));
                 });
    return;
  }

  // Authenticate before anything about the request is trusted.
  // S3 still takes signature version 2: presigned URLs (boto3's and the CLI's default for S3) and
  // `Authorization: AWS id:signature` headers (s3cmd --signature-v2, older tools).
  bool sigv2_query = !parsed.ok() && model->name() == "s3" && IsSigV2Query(request);
  bool sigv2_header = !parsed.ok() && !sigv2_query && model->name() == "s3" && IsSigV2Header(request);
  auto to_path_style = [&] {
    // Virtual-hosted style: the codec sees the path-style form, /bucket/key.
    if (!route.s3_bucket.empty()) request.target = "/" + route.s3_bucket + request.target;
  };
  Result<VerifiedIdentity> identity = Status(StatusCode::kUnauthenticated, "not yet authenticated");
  const OperationModel* op = nullptr;
  bool anonymous = false;
  if (!parsed.ok() && IsMissingAuth(parsed.status()) && !sigv2_query && !sigv2_header && !AttemptsAuth(request) &&
      service && service->has_unsigned_operations()) {
    // An operation AWS serves to callers who sign nothing (a SubscribeURL, a public S3 object):
    // no identity, only the account; the handler decides.
    const std::string signed_target = request.target;
    to_path_style();
    auto operation = codec.ResolveOperation(*model, request);
    if (operation.ok() && service->AllowsUnsigned((*operation)->name)) {
      op = *operation;
      anonymous = true;
      VerifiedIdentity nobody;
      nobody.service = model->name();
      identity = std::move(nobody);
    } else {
      request.target = signed_target;
    }
  }
  if (op == nullptr) {
    if (!parsed.ok() && !sigv2_query && !sigv2_header) {
      if (IsMissingAuth(parsed.status())) return fail(AuthErrorFor(AuthFailure::kMissing, model->name()));
      // The parser could not read a scope, so its wording is generic: say it as this service would.
      AuthFailure failure = request.Header("authorization") ? AuthFailure::kMalformedHeader
                                                            : AuthFailure::kMalformedQuery;
      return fail(AuthErrorFor(failure, model->name(), parsed.status().message()));
    }
    if (parsed.ok()) ex->access_key = parsed->access_key_id;
    auto now = std::chrono::system_clock::now();
    identity = sigv2_query    ? VerifySigV2Query(request, route.s3_bucket, *credentials_, now)
               : sigv2_header ? VerifySigV2Header(request, route.s3_bucket, *credentials_, now)
                              : VerifySigV4(request, *parsed, *credentials_, now);
    if (!identity.ok()) return fail(identity.status());
    ex->access_key = identity->access_key_id;
    to_path_style();
    auto operation = codec.ResolveOperation(*model, request);
    if (!operation.ok()) return fail(operation.status());
    op = *operation;
  }
  ex->operation = op->name;

  auto invocation = std::make_shared<Invocation>(Invocation{
      ex, model, op, &codec, context, std::move(request), std::move(identity).value(), nullptr, cors, {}, {}});
  if (cors) {
    if (auto origin = invocation->request.Header("origin")) {
      invocation->cors_origin = std::string(*origin);
      invocation->cors_resource = std::move(cors_resource);
    }
  }
  if (model->protocol() != "rest-xml") return Invoke(std::move(invocation));

  // S3: the body may be streamed, aws-chunked, or signed by hash; the payload reader checks
  // all of it. A streaming-payload operation reads the body itself, any other reads it whole.
  Invocation& inv = *invocation;
  // An unsigned call is a read without a payload: nothing unauthenticated is buffered.
  if (anonymous && inv.request.body_stream) return fail(AuthErrorFor(AuthFailure::kMissing, model->name()));
  inv.http = std::make_shared<CallHttp>();
  // SigV2 requests sign no aws-chunked bodies: no chunk signing context then.
  ChunkSigningContext signing = parsed.ok() ? ChunkSigningContext{inv.identity.signing_key, parsed->amz_date,
                                                                  parsed->scope.ToString(), parsed->signature}
                                            : ChunkSigningContext{};
  auto reader = inv.request.body_stream ? PayloadReader::Create(inv.request, signing)
                                        : PayloadReader::FromBuffer(inv.request, signing);
  if (!reader.ok()) return fail(reader.status());
  const Member* payload = op->input ? op->input->PayloadMember() : nullptr;
  if (payload != nullptr && payload->shape->type == ShapeType::kBlob) {
    inv.http->request_body = std::move(reader).value();
    inv.request.body.clear();
    return Invoke(std::move(invocation));
  }
  if (!inv.request.body_stream) return Invoke(std::move(invocation));
  std::shared_ptr<PayloadReader> whole = std::move(reader).value();
  ReadWholePayload(whole, kMaxWholePayloadBytes,
                   [this, invocation, whole](Result<std::string> body) {
                     Invocation& inv = *invocation;
                     if (!body.ok()) {
                       inv.ex->Finish(inv.codec->EncodeError(*inv.model, body.status(), inv.context));
                       return;
                     }
                     inv.request.body = std::move(body).value();
                     inv.request.body_stream.reset();
                     // A checksum sent as an aws-chunked trailer stands for the header of that
                     // name (checked against the body in Invoke); no other trailer field does.
                     for (const auto& [name, value] : whole->trailers()) {
                       if (name.starts_with("x-amz-checksum-") && !inv.request.Header(name)) {
                         inv.request.headers.push_back({name, value});
                       }
                     }
                     Invoke(invocation);
                   });
}

void Dispatcher::Invoke(std::shared_ptr<Invocation> invocation) {
  Invocation& inv = *invocation;
  const std::shared_ptr<Exchange>& ex = inv.ex;
  const ServiceModel* model = inv.model;
  const OperationModel* op = inv.op;
  const ProtocolCodec& codec = *inv.codec;
  auto fail = [&](const Status& status) {
    ex->Finish(codec.EncodeError(*model, status, inv.context));
  };
  // An S3 payload held whole (all but the streamed object bodies, which body_upload checks as
  // they arrive) is checked against the digests sent for it before it is decoded.
  if (model->name() == "s3" && !(inv.http && inv.http->request_body)) {
    const bool checksum_members = op->input && op->input->FindMember(ChecksumMember(ChecksumAlgorithm::kCrc32));
    if (Status digests = VerifyPayloadDigests(inv.request, inv.request.body, !checksum_members); !digests.ok()) {
      return fail(digests);
    }
  }
  auto input = codec.DecodeInput(*model, *op, inv.request);
  if (!input.ok()) return fail(input.status());

  const Service* service = services_->Find(model->name());
  const OperationHandler* handler = service ? service->Find(op->name) : nullptr;
  if (handler == nullptr) return fail(NotImplementedError(model->service_id(), op->name));

  Call call;
  call.operation = op->name;
  call.input = std::move(input).value();
  call.request_id = ex->request_id;
  call.region = options_.region;
  call.signing_region = inv.identity.region;
  call.host = inv.context.host;
  call.path = std::string(inv.request.Path());
  const VerifiedIdentity& identity = inv.identity;
  call.caller = Caller{identity.access_key_id, identity.user_name, identity.account_id, identity.arn};
  call.source_ip = inv.request.remote_address;
  call.http = inv.http;
  if (call.http) call.headers = std::move(inv.request.headers);
  std::vector<net::HttpHeader> cors_headers;
  if (!inv.cors_origin.empty()) {
    cors_headers = inv.cors->ResponseHeaders(inv.cors_resource, inv.cors_origin, inv.request.method);
  }
  try {
    (*handler)(std::move(call), [ex, model, op, &codec, context = inv.context, http = inv.http,
                                 cors_headers = std::move(cors_headers)](Result<Document> output) {
      net::HttpResponse response = output.ok()
                                       ? codec.EncodeOutput(*model, *op, *output, context)
                                       : codec.EncodeError(*model, output.status(), context);
      if (http) ApplyHttpExtras(std::move(*http), output.ok(), response);
      for (const net::HttpHeader& h : cors_headers) response.SetHeader(h.name, h.value);
      ex->Finish(std::move(response));
    });
  } catch (const std::exception& e) {
    // Handlers must not throw; if one does (a bug), the request fails alone, not the process.
    Log(LogLevel::kError, "operation threw",
        {{"request_id", ex->request_id}, {"operation", op->name}, {"what", e.what()}});
    if (!ex->finished) fail(Internal("internal error"));
  }
}

void Dispatcher::FetchForWebsite(const ServiceModel& model, const Service& service, const net::HttpRequest& original,
                                 const std::string& bucket, std::string key, WebsiteEndpoint::Read read,
                                 const RequestContext& context,
                                 std::function<void(Result<net::HttpResponse>)> done) const {
  net::HttpRequest request;
  request.method = read == WebsiteEndpoint::Read::kExists ? "HEAD" : original.method;
  for (const net::HttpHeader& h : original.headers) {
    const bool narrows = h.name == "range" || h.name.starts_with("if-");
    if (read == WebsiteEndpoint::Read::kAsRequested || !narrows) request.headers.push_back(h);
  }
  request.remote_address = original.remote_address;
  request.target = "/" + bucket + "/" + PercentEncode(key, /*keep_slash=*/true);
  const ProtocolCodec& codec = ProtocolCodec::ForRequest(model, request);
  auto op = codec.ResolveOperation(model, request);
  if (!op.ok()) return done(op.status());
  auto input = codec.DecodeInput(model, **op, request);
  if (!input.ok()) return done(input.status());
  const OperationHandler* handler = service.Find((*op)->name);
  if (handler == nullptr || !service.AllowsUnsigned((*op)->name)) {
    return done(NotImplementedError(model.service_id(), (*op)->name));
  }
  Call call;
  call.operation = (*op)->name;
  call.input = std::move(input).value();
  call.request_id = context.request_id;
  call.region = options_.region;
  call.host = context.host;
  call.path = std::string(request.Path());
  call.source_ip = request.remote_address;
  auto http = std::make_shared<CallHttp>();
  call.http = http;
  call.headers = std::move(request.headers);
  // The website endpoint may fetch again from a completion on any thread, where nothing above
  // would catch a throwing handler (a bug): the read fails alone, as in Invoke.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  auto finish = [answered, done = std::move(done)](Result<net::HttpResponse> response) {
    if (!answered->exchange(true)) done(std::move(response));
  };
  try {
    (*handler)(std::move(call), [&model, op = *op, &codec, context, http = std::move(http),
                                 done = finish](Result<Document> output) {
      // A 304 is a complete answer to a conditional read (with the object's ETag), not a failure.
      const bool not_modified = !output.ok() && output.status().http_status() == 304;
      if (!output.ok() && !not_modified) return done(output.status());
      net::HttpResponse response = output.ok() ? codec.EncodeOutput(model, *op, *output, context)
                                               : codec.EncodeError(model, output.status(), context);
      ApplyHttpExtras(std::move(*http), output.ok(), response);
      done(std::move(response));
    });
  } catch (const std::exception& e) {
    // Thrown after the read answered (by the website's own code, run from `done`): not the
    // read's failure; let it reach the connection, which answers 500 if nothing was sent.
    if (answered->load()) throw;
    Log(LogLevel::kError, "operation threw",
        {{"request_id", context.request_id}, {"operation", (*op)->name}, {"what", e.what()}});
    finish(Internal("internal error"));
  }
}

bool Dispatcher::WantsBodyStream(const net::HttpRequest& head) {
  const std::string_view service = SigningServiceOf(head);
  // An unsigned form body may name its service inside (Action=...&Version=...): buffer it so
  // that the router can read it.
  auto type = head.Header("content-type");
  if (service.empty() && type && type->starts_with("application/x-www-form-urlencoded")) return false;
  Route route = RouteRequest(head, service, options_.router);
  return route.kind == Route::Kind::kService && route.model == "s3";
}

net::HttpResponse Dispatcher::OnRejected(int status, std::string_view reason,
                                         const net::HttpRequest* head) {
  Exchange ex;
  ex.request_id = NewRequestId();
  net::HttpResponse response;
  const ServiceModel* model = nullptr;
  if (head != nullptr) {
    ex.remote_address = head->remote_address;
    ex.method = head->method;
    Route route = RouteRequest(*head, SigningServiceOf(*head), options_.router);
    if (route.kind == Route::Kind::kService) model = ServiceModel::Find(route.model);
  }
  if (model != nullptr) {
    ex.model = model->name();
    if (ex.model == "s3") ex.request_id = S3RequestId(ex.request_id);
    RequestContext context;
    context.request_id = ex.request_id;
    context.region = options_.region;
    context.method = head->method;
    response = ProtocolCodec::ForRequest(*model, *head)
                   .EncodeError(*model, RejectionError(status, reason, ex.model == "s3"), context);
  } else {
    response = net::HttpHandler::OnRejected(status, reason, head);
    response.SetHeader("x-amzn-RequestId", ex.request_id);
  }
  net::HttpResponse result;
  ex.reply = [&result](net::HttpResponse r) { result = std::move(r); };
  ex.Finish(std::move(response));  // metrics and the access-log line; net forces the status
  return result;
}

}  // namespace skybox::aws
