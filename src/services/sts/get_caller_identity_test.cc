#include "services/sts/get_caller_identity.h"

#include <gtest/gtest.h>

namespace skybox::services {
namespace {

aws::Document Invoke(aws::Caller caller) {
  aws::Call call;
  call.operation = "GetCallerIdentity";
  call.caller = std::move(caller);
  aws::Document out;
  GetCallerIdentity(std::move(call), [&](Result<aws::Document> r) { out = std::move(r).value(); });
  return out;
}

TEST(GetCallerIdentityTest, RootIdentityUsesTheAccountAsUserId) {
  aws::Document out = Invoke({"test", "", "000000000000", "arn:aws:iam::000000000000:root"});
  EXPECT_EQ(out["Account"], "000000000000");
  EXPECT_EQ(out["UserId"], "000000000000");
  EXPECT_EQ(out["Arn"], "arn:aws:iam::000000000000:root");
}

TEST(GetCallerIdentityTest, IamUserGetsAStableAidaId) {
  aws::Document out =
      Invoke({"AKIAALICE", "alice", "000000000000", "arn:aws:iam::000000000000:user/alice"});
  std::string id = out["UserId"];
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(id.substr(0, 4), "AIDA");
  EXPECT_EQ(id, IamUserId("000000000000", "alice"));
  EXPECT_NE(id, IamUserId("000000000000", "bob"));
  EXPECT_EQ(out["Arn"], "arn:aws:iam::000000000000:user/alice");
}

}  // namespace
}  // namespace skybox::services
