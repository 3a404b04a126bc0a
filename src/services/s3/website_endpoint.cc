#include "services/s3/website_endpoint.h"

#include "aws/protocol/xml.h"
#include "base/ascii.h"
#include "base/percent_encoding.h"
#include "services/s3/config/config_store.h"
#include "services/s3/s3_errors.h"
#include "services/s3/website_rules.h"

namespace skybox::s3 {
namespace {

int HttpStatusOf(const Status& error) { return error.http_status() ? error.http_status() : 500; }

// An error as S3's website endpoint lists it: Code, Message and the error's details (Key,
// BucketName), every value HTML-escaped.
void AppendErrorList(std::string& html, const Status& error) {
  auto item = [&html](std::string_view name, std::string_view value) {
    html += "<li>";
    html += name;
    html += ": ";
    aws::AppendXmlEscaped(html, value);
    html += "</li>\n";
  };
  html += "<ul>\n";
  const bool internal = error.aws_code().empty() || HttpStatusOf(error) >= 500;
  item("Code", internal ? "InternalError" : error.aws_code());
  item("Message", internal ? "We encountered an internal error. Please try again." : error.message());
  if (!internal) {
    for (const auto& [name, value] : error.details()) item(name, value);
  }
}

// x-amz-error-code and x-amz-error-message, on every error answer (a page or the error
// document); internal errors name no detail.
void SetErrorHeaders(net::HttpResponse& response, const Status& error) {
  if (error.aws_code().empty() || HttpStatusOf(error) >= 500) return;
  response.SetHeader("x-amz-error-code", error.aws_code());
  response.SetHeader("x-amz-error-message", error.message());
}

// The HTML page S3's website endpoint answers an error with; `document_error` is the error
// document's own failure, when there was one to read.
net::HttpResponse ErrorPage(const Status& error, const std::string& request_id, bool head,
                            const Status* document_error = nullptr) {
  net::HttpResponse response;
  response.status = HttpStatusOf(error);
  std::string title = std::to_string(response.status) + " " + std::string(net::ReasonPhrase(response.status));
  std::string html = "<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n";
  AppendErrorList(html, error);
  html += "<li>RequestId: " + request_id + "</li>\n</ul>\n";
  if (document_error != nullptr) {
    html += "<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n";
    AppendErrorList(html, *document_error);
    html += "</ul>\n";
  }
  html += "<hr/>\n</body>\n</html>\n";
  response.SetHeader("Content-Type", "text/html; charset=utf-8");
  response.SetHeader("x-amz-request-id", request_id);
  SetErrorHeaders(response, error);
  if (head) {
    response.content_length_override = html.size();
  } else {
    response.body = std::move(html);
  }
  return response;
}

net::HttpResponse Redirect(const WebsiteRedirect& redirect, const std::string& request_id) {
  net::HttpResponse response;
  response.status = redirect.status;
  response.SetHeader("Location", redirect.location);
  response.SetHeader("x-amz-request-id", request_id);
  return response;
}

std::optional<std::string_view> HeaderOf(const net::HttpResponse& response, std::string_view name) {
  for (const net::HttpHeader& h : response.headers) {
    if (EqualsIgnoreAsciiCase(h.name, name)) return h.value;
  }
  return std::nullopt;
}

// One request, from the read of its object to the answer.
struct WebsiteVisit : std::enable_shared_from_this<WebsiteVisit> {
  using Read = aws::WebsiteEndpoint::Read;

  aws::Document config;
  std::string host;
  std::string path;
  std::string key;  // the path's key, before the index document's suffix
  std::string request_id;
  bool head = false;
  aws::WebsiteEndpoint::ObjectFetch fetch;
  std::function<void(net::HttpResponse)> respond;

  WebsiteRequest Request() const { return {host, path}; }

  void Start() {
    fetch(IndexedKey(config, key), Read::kAsRequested, [self = shared_from_this()](Result<net::HttpResponse> object) {
      self->OnObject(std::move(object));
    });
  }

  void OnObject(Result<net::HttpResponse> object) {
    if (object.ok()) {
      if (auto location = HeaderOf(*object, "x-amz-website-redirect-location")) {
        return respond(Redirect({301, std::string(*location)}, request_id));
      }
      return respond(std::move(object).value());
    }
    const Status error = object.status();
    if (auto redirect = MatchRoutingRule(config, key, HttpStatusOf(error), Request())) {
      return respond(Redirect(*redirect, request_id));
    }
    const bool missing = error.http_status() == 404 || error.http_status() == 403;
    std::string suffix = IndexSuffix(config);
    if (missing && !key.empty() && key.back() != '/' && !suffix.empty()) {
      // "docs" names a folder when "docs/<suffix>" exists: send the browser there.
      return fetch(key + "/" + suffix, Read::kExists, [self = shared_from_this(), error](Result<net::HttpResponse> index) {
        if (index.ok()) {
          return self->respond(
              Redirect({302, "/" + PercentEncode(self->key, /*keep_slash=*/true) + "/"}, self->request_id));
        }
        self->AnswerError(error);
      });
    }
    AnswerError(error);
  }

  // A client error (4XX) shows the bucket's error document when it has one; anything else
  // S3's own page.
  void AnswerError(const Status& error) {
    std::optional<std::string> document = ErrorDocumentKey(config);
    const int status = HttpStatusOf(error);
    if (!document || status < 400 || status > 499) return respond(ErrorPage(error, request_id, head));
    fetch(*document, Read::kWhole, [self = shared_from_this(), error](Result<net::HttpResponse> page) {
      if (!page.ok()) return self->respond(ErrorPage(error, self->request_id, self->head, &page.status()));
      net::HttpResponse response = std::move(page).value();
      response.status = HttpStatusOf(error);
      SetErrorHeaders(response, error);
      self->respond(std::move(response));
    });
  }
};

class BucketWebsite final : public aws::WebsiteEndpoint {
 public:
  explicit BucketWebsite(std::shared_ptr<S3Backend> backend) : backend_(std::move(backend)) {}

  void Serve(std::string bucket, const net::HttpRequest& request, std::string request_id, ObjectFetch fetch,
             std::function<void(net::HttpResponse)> respond) const override {
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head) {
      Status st = MethodNotAllowed().WithDetail("Method", request.method).WithDetail("ResourceType", "OBJECT");
      return respond(ErrorPage(st, request_id, head));
    }
    std::string_view path = request.Path();
    if (!path.starts_with('/')) {
      Status st = Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidURI", "Couldn't parse the specified URI.");
      return respond(ErrorPage(st, request_id, head));
    }
    if (Status st = backend_->RequireBucket(bucket); !st.ok()) return respond(ErrorPage(st, request_id, head));
    auto config = ReadBucketConfig(backend_->store(), backend_->ns(), bucket, "website");
    if (!config.ok()) return respond(ErrorPage(config.status(), request_id, head));
    if (!*config) {
      Status st = Status::Aws(StatusCode::kNotFound, 404, "NoSuchWebsiteConfiguration",
                              "The specified bucket does not have a website configuration")
                      .WithDetail("BucketName", bucket);
      return respond(ErrorPage(st, request_id, head));
    }
    auto visit = std::make_shared<WebsiteVisit>();
    visit->config = std::move(**config);
    visit->host = std::string(request.Header("host").value_or(""));
    visit->path = std::string(path);
    visit->key = PercentDecode(path.substr(1));
    visit->request_id = std::move(request_id);
    visit->head = head;
    visit->fetch = std::move(fetch);
    visit->respond = std::move(respond);
    if (auto redirect = RedirectAllRequests(visit->config, visit->Request())) {
      return visit->respond(Redirect(*redirect, visit->request_id));
    }
    if (auto redirect = MatchRoutingRule(visit->config, visit->key, 0, visit->Request())) {
      return visit->respond(Redirect(*redirect, visit->request_id));
    }
    visit->Start();
  }

 private:
  std::shared_ptr<S3Backend> backend_;
};

}  // namespace

std::shared_ptr<const aws::WebsiteEndpoint> NewWebsiteEndpoint(std::shared_ptr<S3Backend> backend) {
  return std::make_shared<BucketWebsite>(std::move(backend));
}

}  // namespace skybox::s3
