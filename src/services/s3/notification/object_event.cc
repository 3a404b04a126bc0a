#include "services/s3/notification/object_event.h"

namespace skybox::s3 {

EventOrigin OriginOf(const aws::Call& call) {
  EventOrigin origin;
  origin.request_id = call.request_id;
  if (!call.caller.account_id.empty()) origin.account_id = call.caller.account_id;
  // IAM users appear as "AWS:<id>"; the account root as its account id.
  origin.principal_id = call.caller.user_name.empty() ? origin.account_id : "AWS:" + call.caller.access_key_id;
  return origin;
}

EventOrigin ServiceOrigin() {
  EventOrigin origin;
  origin.principal_id = "s3.amazonaws.com";
  origin.source_ip = "s3.amazonaws.com";
  return origin;
}

}  // namespace skybox::s3
