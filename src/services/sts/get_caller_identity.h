// STS GetCallerIdentity: who signed this request (user id, account, ARN).
#pragma once

#include <string>

#include "aws/service.h"

namespace skybox::services {

void GetCallerIdentity(aws::Call call, aws::CallDone done);

// "AIDA" followed by 17 upper-case characters, stable for an account and user name.
std::string IamUserId(const std::string& account_id, const std::string& user_name);

}  // namespace skybox::services
