// ServiceModel: one AWS service's API model (protocol, operations, shapes), parsed from the
// botocore model embedded in the binary (models/<name>.json.gz).
//
// Models are decompressed and parsed lazily, on the first Find() of each service, so that
// process start touches none of them. Once built, a model lives until the process exits:
// the returned pointers never dangle.
//
// Thread-safety: Find() is thread-safe (one parse per service, via std::call_once); a
// ServiceModel is immutable and may be read from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "aws/model/shape.h"
#include "base/result.h"

namespace skybox::aws {

struct ServiceMetadata {
  std::string protocol;              // "query", "json", "rest-json", "rest-xml", ...
  std::vector<std::string> protocols;  // every protocol the service speaks, preferred first
  std::string json_version;          // "1.0" / "1.1"; empty when not a JSON service
  std::string target_prefix;         // X-Amz-Target prefix, e.g. "DynamoDB_20120810"
  std::string signing_name;          // SigV4 service name (defaults to endpoint_prefix)
  std::string endpoint_prefix;
  std::string api_version;           // "2012-08-10"
  std::string xml_namespace;         // query/rest-xml response namespace
  std::string service_id;            // "DynamoDB"
  std::string service_full_name;
  bool aws_query_compatible = false;  // JSON service that still reports query error codes
};

class ServiceModel {
 public:
  // The model for a botocore service name ("s3", "dynamodb", "cognito-idp", ...), parsed on
  // first use. nullptr when Skybox embeds no such model.
  static const ServiceModel* Find(std::string_view name);
  // The names of every embedded model, sorted.
  static std::vector<std::string> Names();

  // Parses a model from its (uncompressed) JSON text. Used by Find() and by tests.
  static Result<std::unique_ptr<ServiceModel>> Parse(std::string_view name,
                                                     std::string_view json_text);

  ServiceModel(const ServiceModel&) = delete;
  ServiceModel& operator=(const ServiceModel&) = delete;

  const std::string& name() const { return name_; }
  const ServiceMetadata& metadata() const { return metadata_; }
  const std::string& protocol() const { return metadata_.protocol; }
  const std::string& json_version() const { return metadata_.json_version; }
  const std::string& target_prefix() const { return metadata_.target_prefix; }
  const std::string& signing_name() const { return metadata_.signing_name; }
  const std::string& endpoint_prefix() const { return metadata_.endpoint_prefix; }
  const std::string& api_version() const { return metadata_.api_version; }
  const std::string& xml_namespace() const { return metadata_.xml_namespace; }
  const std::string& service_id() const { return metadata_.service_id; }
  bool aws_query_compatible() const { return metadata_.aws_query_compatible; }

  // The operation with this exact name ("PutItem"), or nullptr.
  const OperationModel* FindOperation(std::string_view name) const;
  // Every operation, sorted by name.
  const std::vector<OperationModel>& operations() const { return operations_; }
  // The shape with this name, or nullptr.
  const Shape* FindShape(std::string_view name) const;
  // The error shape whose code (error trait or shape name) is `code`, or nullptr.
  const Shape* FindErrorShape(std::string_view code) const;

 private:
  ServiceModel() = default;
  class Builder;

  std::string name_;
  ServiceMetadata metadata_;
  std::vector<OperationModel> operations_;
  std::vector<std::unique_ptr<Shape>> shapes_;
  std::unordered_map<std::string_view, const OperationModel*> operations_by_name_;
  std::unordered_map<std::string_view, const Shape*> shapes_by_name_;
  std::unordered_map<std::string_view, const Shape*> errors_by_code_;
};

}  // namespace skybox::aws
