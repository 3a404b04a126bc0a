#include "aws/auth/credential_store.h"

namespace skybox::aws {

std::string Credential::Arn() const {
  std::string arn = "arn:aws:iam::" + account_id + ":";
  return user_name.empty() ? arn + "root" : arn + "user/" + user_name;
}

CredentialStore::CredentialStore(std::vector<Credential> credentials) {
  for (Credential& c : credentials) {
    std::string key = c.access_key_id;
    by_key_.try_emplace(std::move(key), std::move(c));
  }
}

const Credential* CredentialStore::Find(std::string_view access_key_id) const {
  auto it = by_key_.find(std::string(access_key_id));
  return it == by_key_.end() ? nullptr : &it->second;
}

}  // namespace skybox::aws
