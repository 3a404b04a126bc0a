#include "services/sqs/queue_url.h"

#include <vector>

namespace skybox::services::sqs {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool IsAccountId(std::string_view s) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string MakeQueueUrl(std::string_view host, std::string_view account_id, std::string_view name) {
  std::string url = "http://";
  url.append(host).append("/").append(account_id).append("/").append(name);
  return url;
}

std::optional<QueueRef> ParseQueueUrl(std::string_view url) {
  std::string_view path = url;
  size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    size_t slash = url.find('/', scheme + 3);
    path = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  size_t query = path.find_first_of("?#");
  if (query != std::string_view::npos) path = path.substr(0, query);
  std::vector<std::string_view> segments = PathSegments(path);
  if (segments.size() < 2) return std::nullopt;
  std::string_view account = segments[segments.size() - 2];
  std::string_view name = segments.back();
  if (!IsAccountId(account) || !IsValidQueueName(name)) return std::nullopt;
  return QueueRef{std::string(account), std::string(name)};
}

bool HasFifoSuffix(std::string_view name) {
  return name.size() >= 5 && name.substr(name.size() - 5) == ".fifo";
}

bool IsValidQueueName(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  std::string_view stem = HasFifoSuffix(name) ? name.substr(0, name.size() - 5) : name;
  if (stem.empty()) return false;
  for (char c : stem) {
    if (!IsNameChar(c)) return false;
  }
  return true;
}

std::string QueueArn(std::string_view region, std::string_view account_id, std::string_view name) {
  std::string arn = "arn:aws:sqs:";
  arn.append(region).append(":").append(account_id).append(":").append(name);
  return arn;
}

std::optional<QueueRef> ParseQueueArn(std::string_view arn) {
  // arn:<partition>:sqs:<region>:<account>:<name>
  std::vector<std::string_view> parts;
  size_t i = 0;
  for (int n = 0; n < 5; ++n) {
    size_t j = arn.find(':', i);
    if (j == std::string_view::npos) return std::nullopt;
    parts.push_back(arn.substr(i, j - i));
    i = j + 1;
  }
  std::string_view name = arn.substr(i);
  if (parts[0] != "arn" || parts[2] != "sqs" || !IsAccountId(parts[4]) || !IsValidQueueName(name)) {
    return std::nullopt;
  }
  return QueueRef{std::string(parts[4]), std::string(name)};
}

}  // namespace skybox::services::sqs
