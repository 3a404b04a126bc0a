// Amazon DynamoDB and DynamoDB Streams (docs/compat/dynamodb.md), over the Store.
//
// Thread-safety: the returned Service is immutable; its handlers share one Backend, which is
// thread-safe (backend.h). The service must be destroyed before the Store.
#pragma once

#include <memory>
#include <vector>

#include "aws/service.h"
#include "base/result.h"
#include "services/dynamodb/backend.h"
#include "storage/store.h"

namespace skybox::services {

// Opens DynamoDB's namespaces in `store`, loads its tables and starts the TTL worker. Returns
// the "dynamodb" service (whose shutdown hook stops the TTL worker) and the "dynamodbstreams"
// service; both share one Backend.
Result<std::vector<std::unique_ptr<aws::Service>>> MakeDynamoDbServices(storage::Store* store, dynamodb::BackendOptions options = {});

}  // namespace skybox::services
