#include "services/sts/get_caller_identity.h"

#include <cctype>

#include "base/crypto.h"

namespace skybox::services {

// The unique id AWS gives an IAM user ("AIDA" + 17 characters); derived from the account and
// user name so it is stable across restarts.
std::string IamUserId(const std::string& account_id, const std::string& user_name) {
  std::string hex = HexEncode(Sha256(account_id + "/" + user_name));
  std::string id = "AIDA";
  for (size_t i = 0; i < 17; ++i) {
    id += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
  }
  return id;
}

void GetCallerIdentity(aws::Call call, aws::CallDone done) {
  const aws::Caller& caller = call.caller;
  aws::Document out = aws::Document::object();
  out["UserId"] = caller.user_name.empty() ? caller.account_id
                                           : IamUserId(caller.account_id, caller.user_name);
  out["Account"] = caller.account_id;
  out["Arn"] = caller.arn;
  done(std::move(out));
}

}  // namespace skybox::services
