// What SNS accepts for topics: names, attribute names and values, and the defaults it reports
// (the default access policy).
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::services::sns {

using AttributeMap = std::map<std::string, std::string>;

// 1-256 letters, digits, '-' and '_'; FIFO topics end in ".fifo" (counted in the 256).
Status ValidateTopicName(std::string_view name, bool fifo);

// Checks one attribute of CreateTopic (`creating`) or SetTopicAttributes. FifoTopic,
// FifoThroughputScope and the name rules tie to creation; ContentBasedDeduplication needs a
// FIFO topic.
Status ValidateTopicAttribute(std::string_view name, std::string_view value, bool creating, bool fifo);

// The access policy AWS gives a new topic: the account may do everything.
std::string DefaultTopicPolicy(std::string_view topic_arn, std::string_view account);

// "arn:aws:sns:us-east-1:000000000000:orders" -> "000000000000" (empty when not an ARN).
std::string ArnAccount(std::string_view arn);
// The last ':'-separated part ("orders").
std::string ArnResource(std::string_view arn);

}  // namespace skybox::services::sns
