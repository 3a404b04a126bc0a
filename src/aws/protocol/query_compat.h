// The query protocol of services AWS moved from query to JSON but still answers in query
// ("awsQueryCompatible": SQS). Their JSON-era models lack the query names (Attribute.N.Name,
// <QueueUrl> repeated, <OpResult> wrappers), so a per-service overlay supplies them: applied
// to the embedded model, it yields a query-protocol twin that the query codec decodes and
// encodes with, exactly as it does for a model that was born query. Also the legacy error
// vocabulary (AWS.SimpleQueueService.NonExistentQueue) both of SQS's protocols report.
//
// Thread-safety: the twin is built once (thread-safe static initialisation) and immutable;
// every function may be called concurrently.
#pragma once

#include <optional>
#include <string>

#include "aws/model/service_model.h"
#include "aws/protocol/document.h"
#include "base/status.h"

namespace skybox::aws {

// True for a service whose query requests need a twin: awsQueryCompatible, not query-native.
bool NeedsQueryTwin(const ServiceModel& model);

// The query-protocol twin of `model` (same name, operations and shapes; protocol "query",
// the query member names, result wrappers and XML namespace), or nullptr when Skybox has no
// overlay for the service (or the overlay no longer fits its model, which is logged).
const ServiceModel* QueryTwin(const ServiceModel& model);

// An error code in both spellings: the JSON protocol's shape name and the legacy query code.
struct JsonAndQueryCode {
  std::string json;
  std::string query;
};
// For SQS, either spelling of a known code gives both; other codes (and services) map to
// themselves.
JsonAndQueryCode ErrorCodes(const ServiceModel& model, const std::string& code);

// SQS's query-era answer to an absent required parameter: MissingParameter naming the first
// one missing from `input` (by wire name). nullopt for other services or complete inputs.
std::optional<Status> MissingParameter(const ServiceModel& model, const Shape& input_shape,
                                       const Document& input);

}  // namespace skybox::aws
