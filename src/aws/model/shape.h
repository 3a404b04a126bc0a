// Shapes and operations of an AWS API model (botocore's service-2.json), as compact C++
// structs. A ServiceModel owns all of them; the pointers between them stay valid for the
// process lifetime (models are never unloaded).
//
// Thread-safety: immutable once built; safe to read from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skybox::aws {

enum class ShapeType : uint8_t {
  kStructure, kList, kMap, kString, kInteger, kLong, kFloat, kDouble, kBoolean, kBlob,
  kTimestamp,
  kDocument,  // free-form JSON ("document": true structures)
};

// Where a member travels in an HTTP message (the model's "location" trait).
enum class Location : uint8_t { kBody, kUri, kQueryString, kHeader, kHeaders, kStatusCode };

enum class TimestampFormat : uint8_t { kDefault, kIso8601, kUnixTimestamp, kRfc822 };

struct Shape;

// A reference to a shape from a structure member, list element or map key/value, with the
// traits the model attaches to the reference itself.
struct Member {
  std::string name;                 // member name as in the model ("TableName")
  const Shape* shape = nullptr;
  Location location = Location::kBody;
  std::string location_name;        // wire name when it differs from `name`; may be empty
  std::string query_name;           // ec2-style query name; may be empty
  std::string xml_namespace_uri;
  std::string xml_namespace_prefix;
  TimestampFormat timestamp_format = TimestampFormat::kDefault;
  bool required = false;
  bool flattened = false;
  bool xml_attribute = false;
  bool streaming = false;
  bool idempotency_token = false;
  bool json_value = false;          // a header carrying base64-encoded JSON
  bool host_label = false;
  bool event_payload = false;

  // The name on the wire: location_name when set, else name.
  const std::string& WireName() const { return location_name.empty() ? name : location_name; }
};

struct Shape {
  std::string name;
  ShapeType type = ShapeType::kString;

  std::vector<Member> members;      // structure members, in the model's order
  std::string payload;              // structure: name of the member bound to the HTTP body
  Member member;                    // list element
  Member key;                       // map key
  Member value;                     // map value

  std::vector<std::string> enum_values;
  std::optional<int64_t> min;       // length (string/blob/list/map) or range (numbers)
  std::optional<int64_t> max;
  std::string pattern;

  std::string location_name;        // shape-level XML element name
  std::string xml_namespace_uri;
  std::string xml_namespace_prefix;
  std::vector<std::string> xml_order;  // explicit XML member order, when the model gives one
  TimestampFormat timestamp_format = TimestampFormat::kDefault;
  bool flattened = false;
  bool streaming = false;
  bool requires_length = false;
  bool eventstream = false;
  bool event = false;
  bool is_union = false;
  bool sensitive = false;

  // Error shapes ("exception": true) and their "error" trait.
  bool exception = false;
  bool fault = false;               // a server-side (Receiver) error
  std::string error_code;           // the "error.code" trait; empty -> the shape name
  int error_http_status = 0;        // 0 when the model does not say
  bool error_sender_fault = false;

  // The member with this name, or nullptr. Linear: structures are small.
  const Member* FindMember(std::string_view member_name) const;
  // The member named by `payload`, or nullptr.
  const Member* PayloadMember() const;
  bool IsScalar() const {
    return type != ShapeType::kStructure && type != ShapeType::kList && type != ShapeType::kMap;
  }
};

// One '/'-separated piece of a requestUri path template.
struct UriSegment {
  enum class Kind : uint8_t { kLiteral, kLabel, kGreedyLabel };
  Kind kind = Kind::kLiteral;
  std::string text;  // the literal, or the label name without braces and '+'
};

struct OperationModel {
  std::string name;                 // "PutItem"
  std::string http_method = "POST";
  std::string request_uri = "/";    // template, e.g. "/{Bucket}/{Key+}?uploads"
  // request_uri pre-split for routing: path segments after the leading '/', and the
  // query literals the request must carry ("uploads" -> {"uploads", ""}).
  std::vector<UriSegment> uri_segments;
  std::vector<std::pair<std::string, std::string>> uri_query_literals;
  int http_response_code = 200;     // the "http.responseCode" trait
  const Shape* input = nullptr;     // may be null (no input)
  const Shape* output = nullptr;    // may be null (no output)
  std::string result_wrapper;       // query protocol: "<Op>Result" element name
  std::string input_location_name;  // rest-xml: the request payload root element override
  std::string input_xml_namespace_uri;
  std::string host_prefix;          // "endpoint.hostPrefix"
  std::vector<const Shape*> errors;
  std::vector<std::string> auth_types;  // "auth"/"authtype" ("smithy.api#noAuth", "none", ...)
  bool unsigned_payload = false;
  bool idempotent = false;
  bool deprecated = false;  // superseded by another operation on the same URI
};

}  // namespace skybox::aws
