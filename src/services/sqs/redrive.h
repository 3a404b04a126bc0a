// Dead-letter queue rules shared by CreateQueue and SetQueueAttributes.
//
// Thread-safety: reads the registry through SqsBackend (thread-safe).
#pragma once

#include <string>

#include "services/sqs/sqs_backend.h"

namespace skybox::services::sqs {

// When `attributes` sets a RedrivePolicy: its target must exist, be of the same type (FIFO or
// standard) as the source and accept the source under its RedriveAllowPolicy.
Status CheckRedriveTarget(SqsBackend& sqs, const AttributeMap& attributes, bool fifo, const std::string& source_arn);

}  // namespace skybox::services::sqs
