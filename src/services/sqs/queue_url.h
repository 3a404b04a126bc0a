// Queue names and URLs: building the URL Skybox hands out and finding the queue a client's
// QueueUrl names.
//
// Skybox answers `http://<Host the client sent>/<account>/<name>`. It accepts every form SDKs
// and LocalStack users send, matching on the path only: any scheme and host (127.0.0.1:4566,
// localhost:4566, sqs.us-east-1.localhost.localstack.cloud:4566, sqs.us-east-1.amazonaws.com),
// LocalStack's `/queue/<region>/<account>/<name>` path, and the bare path `/<account>/<name>`.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace skybox::services::sqs {

struct QueueRef {
  std::string account_id;
  std::string name;
};

std::string MakeQueueUrl(std::string_view host, std::string_view account_id, std::string_view name);

// The queue a QueueUrl names; nullopt when no account/name pair can be read from it.
std::optional<QueueRef> ParseQueueUrl(std::string_view url);

// 1 to 80 characters of [A-Za-z0-9_-]; a FIFO queue's name ends in ".fifo" (counted).
bool IsValidQueueName(std::string_view name);
bool HasFifoSuffix(std::string_view name);

std::string QueueArn(std::string_view region, std::string_view account_id, std::string_view name);
// The queue an ARN "arn:aws:sqs:<region>:<account>:<name>" names.
std::optional<QueueRef> ParseQueueArn(std::string_view arn);

}  // namespace skybox::services::sqs
