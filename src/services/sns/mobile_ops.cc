// Mobile push: platform applications and their endpoints. Kept and listed like AWS does;
// publishes to an endpoint are recorded, not pushed (docs/compat/sns.md).
#include <array>

#include "base/crypto.h"
#include "base/uuid.h"
#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 7> kPlatforms = {"ADM", "APNS", "APNS_SANDBOX", "GCM", "BAIDU", "MPNS", "WNS"};

Status ApplicationNotFound() {
  return Status::Aws(StatusCode::kNotFound, 404, "NotFound", "PlatformApplication does not exist");
}

json AttributesJson(const AttributeMap& attributes) {
  json out = json::object();
  for (const auto& [k, v] : attributes) out[k] = v;
  return out;
}

// One page of the records under `prefix` that `include` accepts, as `shape(record)`.
Result<json> RecordPage(const SnsState& state, const std::string& prefix, const std::string& token,
                        const std::function<bool(const json&)>& include, const std::function<json(const json&)>& shape,
                        const char* list_name) {
  std::string after = prefix;
  if (!token.empty()) {
    auto decoded = Base64Decode(token);
    if (!decoded || !decoded->starts_with(prefix)) return InvalidParameter("NextToken");
    after = *decoded;
  }
  json list = json::array();
  json output = json::object();
  std::string last;
  for (auto it = state.records.upper_bound(after); it != state.records.end() && it->first.starts_with(prefix); ++it) {
    if (!include(it->second)) continue;
    if (list.size() == kListPageSize) {
      output["NextToken"] = Base64Encode(last);
      break;
    }
    list.push_back(shape(it->second));
    last = it->first;
  }
  output[list_name] = std::move(list);
  return output;
}

json ApplicationAttributesOutput(const json& app) {
  json attributes = app.value("attributes", json::object());
  // Credentials are write-only, as on AWS.
  attributes.erase("PlatformCredential");
  attributes.erase("PlatformPrincipal");
  if (!attributes.contains("Enabled")) attributes["Enabled"] = "true";
  return attributes;
}

}  // namespace

void CreatePlatformApplication(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string name = InputString(call.input, "Name");
  std::string platform = InputString(call.input, "Platform");
  if (std::find(kPlatforms.begin(), kPlatforms.end(), platform) == kPlatforms.end()) {
    return done(InvalidParameter("Platform Reason: " + platform + " is not supported"));
  }
  if (name.empty() || name.size() > 256) return done(InvalidParameter("Name"));
  std::string arn = "arn:aws:sns:" + call.region + ":" + CallerAccount(call) + ":app/" + platform + "/" + name;
  json app{{"arn", arn}, {"name", name}, {"platform", platform},
           {"attributes", AttributesJson(InputAttributes(call.input))}};
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    backend.State().records["app/" + arn] = app;
    backend.PutRecord(batch, "app/" + arn, app);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document{{"PlatformApplicationArn", arn}}, std::move(done));
}

void GetPlatformApplicationAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "app/" + InputString(call.input, "PlatformApplicationArn");
  auto lock = backend.Lock();
  auto it = backend.State().records.find(key);
  if (it == backend.State().records.end()) return done(ApplicationNotFound());
  json output{{"Attributes", ApplicationAttributesOutput(it->second)}};
  lock.unlock();
  done(std::move(output));
}

void SetPlatformApplicationAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "app/" + InputString(call.input, "PlatformApplicationArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().records.find(key);
    if (it == backend.State().records.end()) return done(ApplicationNotFound());
    for (const auto& [k, v] : InputAttributes(call.input)) it->second["attributes"][k] = v;
    backend.PutRecord(batch, key, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void DeletePlatformApplication(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string arn = InputString(call.input, "PlatformApplicationArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto& records = backend.State().records;
    if (records.erase("app/" + arn) == 0) return done(aws::Document::object());
    backend.DeleteRecord(batch, "app/" + arn);
    for (auto it = records.lower_bound("endpoint/"); it != records.end() && it->first.starts_with("endpoint/");) {
      if (it->second.value("application", std::string()) == arn) {
        backend.DeleteRecord(batch, it->first);
        it = records.erase(it);
      } else {
        ++it;
      }
    }
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void ListPlatformApplications(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  auto lock = backend.Lock();
  auto page = RecordPage(
      backend.State(), "app/", InputString(call.input, "NextToken"), [](const json&) { return true; },
      [](const json& app) {
        return json{{"PlatformApplicationArn", app.value("arn", std::string())},
                    {"Attributes", ApplicationAttributesOutput(app)}};
      },
      "PlatformApplications");
  lock.unlock();
  if (!page.ok()) return done(page.status());
  done(std::move(*page));
}

void CreatePlatformEndpoint(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string app_arn = InputString(call.input, "PlatformApplicationArn");
  std::string token = InputString(call.input, "Token");
  if (token.empty()) return done(InvalidParameter("Token Reason: cannot be empty"));
  AttributeMap attributes = InputAttributes(call.input);
  attributes["Token"] = token;
  if (!attributes.count("Enabled")) attributes["Enabled"] = "true";
  std::string user_data = InputString(call.input, "CustomUserData");
  if (!user_data.empty()) attributes["CustomUserData"] = user_data;
  storage::WriteBatch batch;
  std::string arn;
  {
    auto lock = backend.Lock();
    auto& records = backend.State().records;
    auto app = records.find("app/" + app_arn);
    if (app == records.end()) return done(ApplicationNotFound());
    // The same token under the same application is the same endpoint.
    for (auto it = records.lower_bound("endpoint/"); it != records.end() && it->first.starts_with("endpoint/"); ++it) {
      const json& e = it->second;
      if (e.value("application", std::string()) == app_arn && e["attributes"].value("Token", std::string()) == token) {
        return done(aws::Document{{"EndpointArn", e.value("arn", std::string())}});
      }
    }
    arn = "arn:aws:sns:" + call.region + ":" + CallerAccount(call) + ":endpoint/" +
          app->second.value("platform", std::string()) + "/" + app->second.value("name", std::string()) + "/" +
          NewUuidV4();
    json endpoint{{"arn", arn}, {"application", app_arn}, {"attributes", AttributesJson(attributes)}};
    records["endpoint/" + arn] = endpoint;
    backend.PutRecord(batch, "endpoint/" + arn, endpoint);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document{{"EndpointArn", arn}}, std::move(done));
}

void GetEndpointAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "endpoint/" + InputString(call.input, "EndpointArn");
  auto lock = backend.Lock();
  auto it = backend.State().records.find(key);
  if (it == backend.State().records.end()) return done(EndpointNotFound());
  json output{{"Attributes", it->second["attributes"]}};
  lock.unlock();
  done(std::move(output));
}

void SetEndpointAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "endpoint/" + InputString(call.input, "EndpointArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().records.find(key);
    if (it == backend.State().records.end()) return done(EndpointNotFound());
    for (const auto& [k, v] : InputAttributes(call.input)) it->second["attributes"][k] = v;
    backend.PutRecord(batch, key, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void DeleteEndpoint(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "endpoint/" + InputString(call.input, "EndpointArn");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    if (backend.State().records.erase(key) == 0) return done(aws::Document::object());
    backend.DeleteRecord(batch, key);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void ListEndpointsByPlatformApplication(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string app_arn = InputString(call.input, "PlatformApplicationArn");
  auto lock = backend.Lock();
  if (!backend.State().records.count("app/" + app_arn)) return done(ApplicationNotFound());
  auto page = RecordPage(
      backend.State(), "endpoint/", InputString(call.input, "NextToken"),
      [&](const json& e) { return e.value("application", std::string()) == app_arn; },
      [](const json& e) { return json{{"EndpointArn", e.value("arn", std::string())}, {"Attributes", e["attributes"]}}; },
      "Endpoints");
  lock.unlock();
  if (!page.ok()) return done(page.status());
  done(std::move(*page));
}

}  // namespace skybox::services::sns
