// The messages S3 sends about object changes, in AWS's documented shapes: the event record
// ("Records": [...], event message structure 2.1) sent to SQS queues, SNS topics and Lambda
// functions; the event S3 puts on the account's default EventBridge bus; and the s3:TestEvent
// sent to a destination when a configuration is put.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "services/s3/notification/object_event.h"

namespace skybox::s3 {

// The JSON text of an event notification for `event`, for the destination configuration
// `configuration_id` of a bucket in `region`.
std::string S3EventMessage(const ObjectEvent& event, std::string_view configuration_id, std::string_view region);

// The JSON text of the EventBridge event ("source": "aws.s3", "detail-type": "Object Created",
// ...) for `event`.
std::string EventBridgeMessage(const ObjectEvent& event, std::string_view region);

// The JSON text of the s3:TestEvent for `bucket`.
std::string TestEventMessage(std::string_view bucket, std::string_view request_id, int64_t time_ms);

// An object key as event records carry it: form-URL-encoded ("a b+c.txt" -> "a+b%2Bc.txt"),
// keeping '/' and the characters form encoding leaves alone.
std::string EventKey(std::string_view key);

// The record's "sequencer": `sequence` as upper-case hex, zero-padded to 18 digits.
std::string Sequencer(uint64_t sequence);

}  // namespace skybox::s3
