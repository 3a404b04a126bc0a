#include "services/s3/notification/event_messages.h"

#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "aws/protocol/timestamp.h"
#include "base/crypto.h"
#include "base/uuid.h"

namespace skybox::s3 {
namespace {

using Json = nlohmann::json;

std::string IsoMillis(int64_t time_ms) { return aws::FormatIso8601(static_cast<double>(time_ms) / 1000.0); }

// EventBridge events carry whole seconds ("2021-11-12T00:00:00Z").
std::string IsoSeconds(int64_t time_ms) { return aws::FormatIso8601Seconds(static_cast<double>(time_ms / 1000)); }

// Keys need not be valid UTF-8; their bytes are replaced rather than failing the dump.
std::string Dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string BucketArn(std::string_view bucket) { return "arn:aws:s3:::" + std::string(bucket); }

// S3's x-amz-id-2 for a request, as the response headers carry it.
std::string HostId(std::string_view request_id) { return Base64Encode(request_id); }

std::string_view Family(std::string_view name) { return name.substr(0, name.find(':')); }
std::string_view Kind(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(colon + 1);
}

std::string DetailType(std::string_view name) {
  std::string_view family = Family(name);
  if (family == "ObjectCreated") return "Object Created";
  if (family == "ObjectRemoved" || family == "LifecycleExpiration") return "Object Deleted";
  if (name == "ObjectTagging:Put") return "Object Tags Added";
  if (name == "ObjectTagging:Delete") return "Object Tags Deleted";
  if (name == "ObjectAcl:Put") return "Object ACL Updated";
  if (name == "ObjectRestore:Post") return "Object Restore Initiated";
  if (name == "ObjectRestore:Completed") return "Object Restore Completed";
  if (name == "ObjectRestore:Delete") return "Object Restore Expired";
  return std::string(family);
}

std::string Reason(std::string_view name) {
  if (name == "ObjectCreated:Put") return "PutObject";
  if (name == "ObjectCreated:Post") return "POST Object";
  if (name == "ObjectCreated:Copy") return "CopyObject";
  if (name == "ObjectCreated:CompleteMultipartUpload") return "CompleteMultipartUpload";
  if (Family(name) == "ObjectRemoved") return "DeleteObject";
  if (Family(name) == "LifecycleExpiration") return "Lifecycle Expiration";
  return "";
}

}  // namespace

std::string EventKey(std::string_view key) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(key.size());
  for (unsigned char c : key) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::string Sequencer(uint64_t sequence) {
  char text[24];
  std::snprintf(text, sizeof text, "%018llX", static_cast<unsigned long long>(sequence));
  return text;
}

std::string S3EventMessage(const ObjectEvent& event, std::string_view configuration_id, std::string_view region) {
  Json object = {{"key", EventKey(event.key)}};
  if (event.size) object["size"] = *event.size;
  if (!event.etag.empty()) object["eTag"] = event.etag;
  if (!event.version_id.empty()) object["versionId"] = event.version_id;
  object["sequencer"] = Sequencer(event.sequence);
  Json record = {
      {"eventVersion", "2.1"},
      {"eventSource", "aws:s3"},
      {"awsRegion", region},
      {"eventTime", IsoMillis(event.time_ms)},
      {"eventName", event.name},
      {"userIdentity", {{"principalId", event.origin.principal_id}}},
      {"requestParameters", {{"sourceIPAddress", event.origin.source_ip}}},
      {"responseElements",
       {{"x-amz-request-id", event.origin.request_id}, {"x-amz-id-2", HostId(event.origin.request_id)}}},
      {"s3",
       {{"s3SchemaVersion", "1.0"},
        {"configurationId", configuration_id},
        {"bucket",
         {{"name", event.bucket},
          {"ownerIdentity", {{"principalId", event.origin.account_id}}},
          {"arn", BucketArn(event.bucket)}}},
        {"object", std::move(object)}}},
  };
  if (event.name == "ObjectRestore:Completed" && event.restore_expiry_ms != 0) {
    record["glacierEventData"] = {{"restoreEventData",
                                   {{"lifecycleRestorationExpiryTime", IsoMillis(event.restore_expiry_ms)},
                                    {"lifecycleRestoreStorageClass", event.source_storage_class}}}};
  }
  return Dump(Json{{"Records", Json::array({std::move(record)})}});
}

std::string EventBridgeMessage(const ObjectEvent& event, std::string_view region) {
  Json object = {{"key", event.key}};
  if (event.size) object["size"] = *event.size;
  if (!event.etag.empty()) object["etag"] = event.etag;
  if (!event.version_id.empty()) object["version-id"] = event.version_id;
  std::string_view family = Family(event.name);
  // Restore events name no sequencer; a completed restore is S3's own doing, not the client's.
  if (family != "ObjectRestore") object["sequencer"] = Sequencer(event.sequence);
  const bool by_s3 = event.name == "ObjectRestore:Completed";
  Json detail = {{"version", "0"},
                 {"bucket", {{"name", event.bucket}}},
                 {"object", std::move(object)},
                 {"request-id", event.origin.request_id},
                 {"requester", by_s3 ? std::string("s3.amazonaws.com") : event.origin.principal_id}};
  if (!by_s3) detail["source-ip-address"] = event.origin.source_ip;
  if (std::string reason = Reason(event.name); !reason.empty()) detail["reason"] = reason;
  if (family == "ObjectRemoved" || family == "LifecycleExpiration") {
    detail["deletion-type"] = Kind(event.name) == "Delete" ? "Permanently Deleted" : "Delete Marker Created";
  }
  if (family == "ObjectRestore") {
    detail["source-storage-class"] = event.source_storage_class;
    if (event.name == "ObjectRestore:Completed" && event.restore_expiry_ms != 0) {
      detail["restore-expiry-time"] = IsoSeconds(event.restore_expiry_ms);
    }
  }
  Json message = {{"version", "0"},
                  {"id", NewUuidV4()},
                  {"detail-type", DetailType(event.name)},
                  {"source", "aws.s3"},
                  {"account", event.origin.account_id},
                  {"time", IsoSeconds(event.time_ms)},
                  {"region", region},
                  {"resources", Json::array({BucketArn(event.bucket)})},
                  {"detail", std::move(detail)}};
  return Dump(message);
}

std::string TestEventMessage(std::string_view bucket, std::string_view request_id, int64_t time_ms) {
  return Dump(Json{{"Service", "Amazon S3"},
                   {"Event", "s3:TestEvent"},
                   {"Time", IsoMillis(time_ms)},
                   {"Bucket", bucket},
                   {"RequestId", request_id},
                   {"HostId", HostId(request_id)}});
}

}  // namespace skybox::s3
