#include "services/s3/website_rules.h"

#include <charconv>

#include "base/percent_encoding.h"

namespace skybox::s3 {
namespace {

const aws::Document* Member(const aws::Document& object, const char* member) {
  auto it = object.find(member);
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

// <protocol>://<host>, each the redirect's own or the request's.
std::string Origin(const aws::Document& redirect, const WebsiteRequest& request) {
  std::string protocol = redirect.value("Protocol", std::string());
  std::string host = redirect.value("HostName", std::string());
  return (protocol.empty() ? "http" : protocol) + "://" + (host.empty() ? std::string(request.host) : host);
}

int RedirectStatus(const aws::Document& redirect) {
  std::string code = redirect.value("HttpRedirectCode", std::string());
  int status = 0;
  auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
  if (ec != std::errc() || end != code.data() + code.size() || status < 300 || status > 399) return 301;
  return status;
}

}  // namespace

std::optional<WebsiteRedirect> RedirectAllRequests(const aws::Document& config, const WebsiteRequest& request) {
  const aws::Document* all = Member(config, "RedirectAllRequestsTo");
  if (all == nullptr) return std::nullopt;
  std::string path(request.path.empty() ? "/" : request.path);
  return WebsiteRedirect{301, Origin(*all, request) + path};
}

std::optional<WebsiteRedirect> MatchRoutingRule(const aws::Document& config, std::string_view key,
                                                int error_status, const WebsiteRequest& request) {
  auto rules = config.find("RoutingRules");
  if (rules == config.end() || !rules->is_array()) return std::nullopt;
  for (const aws::Document& rule : *rules) {
    const aws::Document* redirect = rule.is_object() ? Member(rule, "Redirect") : nullptr;
    if (redirect == nullptr) continue;
    std::string prefix;
    std::string on_error;
    if (const aws::Document* condition = Member(rule, "Condition")) {
      prefix = condition->value("KeyPrefixEquals", std::string());
      on_error = condition->value("HttpErrorCodeReturnedEquals", std::string());
    }
    if (on_error.empty() != (error_status == 0)) continue;
    if (!on_error.empty() && on_error != std::to_string(error_status)) continue;
    if (!key.starts_with(prefix)) continue;
    std::string new_key(key);
    if (redirect->contains("ReplaceKeyWith")) {
      new_key = redirect->value("ReplaceKeyWith", std::string());
    } else if (redirect->contains("ReplaceKeyPrefixWith")) {
      new_key = redirect->value("ReplaceKeyPrefixWith", std::string()) + std::string(key.substr(prefix.size()));
    }
    return WebsiteRedirect{RedirectStatus(*redirect),
                           Origin(*redirect, request) + "/" + PercentEncode(new_key, /*keep_slash=*/true)};
  }
  return std::nullopt;
}

std::string IndexSuffix(const aws::Document& config) {
  const aws::Document* index = Member(config, "IndexDocument");
  return index ? index->value("Suffix", std::string()) : std::string();
}

std::string IndexedKey(const aws::Document& config, std::string_view key) {
  if (key.empty() || key.back() == '/') return std::string(key) + IndexSuffix(config);
  return std::string(key);
}

std::optional<std::string> ErrorDocumentKey(const aws::Document& config) {
  const aws::Document* error = Member(config, "ErrorDocument");
  if (error == nullptr) return std::nullopt;
  std::string key = error->value("Key", std::string());
  if (key.empty()) return std::nullopt;
  return key;
}

}  // namespace skybox::s3
