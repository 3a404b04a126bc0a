// The AWS services Skybox answers for, keyed by their botocore model name, with the facts the
// router needs before any model is loaded (so that startup touches no model). A unit test
// checks each entry against its embedded API model, so the two cannot drift apart.
//
// Thread-safety: immutable static data.
#pragma once

#include <span>
#include <string_view>

namespace skybox::aws {

struct ServiceInfo {
  std::string_view model;          // botocore model name: "sqs", "cognito-idp", ...
  std::string_view signing_name;   // SigV4 credential-scope service: "sqs", "monitoring", ...
  std::string_view target_prefix;  // X-Amz-Target prefix for json protocols; empty otherwise
  std::string_view api_version;    // the Version= value of query-protocol requests
};

std::span<const ServiceInfo> ServiceCatalog();

// nullptr when no served service has this model name.
const ServiceInfo* FindServiceByModel(std::string_view model);

}  // namespace skybox::aws
