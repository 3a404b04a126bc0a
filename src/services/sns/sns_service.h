// Amazon SNS: topics, subscriptions and fan-out through the delivery outbox. What is
// implemented and what is only recorded is listed in docs/compat/sns.md; operations not
// registered answer NotImplemented.
//
// Besides the API, the service serves two unsigned resources (aws/service.h):
//   GET /_skybox/sns/SimpleNotificationService-<id>.pem   the certificate messages are signed
//                                                          with (their SigningCertURL)
//   GET /_skybox/sns/deliveries[?limit=N]                  the deliveries Skybox recorded
//                                                          instead of sending (email, sms, ...)
// and lets anyone call ConfirmSubscription and Unsubscribe unsigned (SubscribeURL /
// UnsubscribeURL).
//
// Thread-safety: the returned Service is immutable; its handlers are thread-safe.
#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"
#include "services/delivery/outbox.h"
#include "services/delivery/sink.h"
#include "services/sns/sns_backend.h"
#include "storage/store.h"

namespace skybox::services {

// Loads SNS's state from `store` and registers its topic sink for "arn:aws:sns:" in `sinks`
// (before the outbox starts). `store`, `outbox` and `sinks` must outlive the service.
Result<std::unique_ptr<aws::Service>> MakeSnsService(storage::Store* store, delivery::Outbox* outbox,
                                                     delivery::SinkRegistry* sinks, sns::SnsOptions options);

}  // namespace skybox::services
