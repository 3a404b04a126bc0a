// Amazon SQS: every operation of the API model (docs/compat/sqs.md), over the Store.
//
// Thread-safety: the returned Service is immutable; its handlers share one SqsBackend, which
// is thread-safe (sqs_backend.h). The service must be destroyed before the Store.
#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"
#include "services/delivery/sink.h"
#include "services/sqs/sqs_backend.h"
#include "storage/store.h"

namespace skybox::services {

// Opens SQS's namespaces in `store` and loads its queues. The service's shutdown hook answers
// every parked long poll at once. With `sinks`, queues also take events from other services
// (queue_sink.h).
Result<std::unique_ptr<aws::Service>> MakeSqsService(storage::Store* store, sqs::SqsOptions options = {},
                                                     delivery::SinkRegistry* sinks = nullptr);

}  // namespace skybox::services
