// The access keys Skybox accepts and whom they belong to. SigV4 verification looks the
// request's access key id up here to find the secret to check the signature against.
//
// Thread-safety: immutable after construction; Find may be called from any thread.
// Changing keys means building a new store and swapping it in (the owner's job).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace skybox::aws {

inline constexpr std::string_view kDefaultAccountId = "000000000000";

struct Credential {
  std::string access_key_id;
  std::string secret_access_key;
  std::string user_name;  // the IAM user owning the key; empty means the account root
  std::string account_id = std::string(kDefaultAccountId);

  // "arn:aws:iam::<account>:root" for the root, "arn:aws:iam::<account>:user/<name>" otherwise.
  std::string Arn() const;
};

class CredentialStore {
 public:
  // When two entries share an access key id, the first one wins.
  explicit CredentialStore(std::vector<Credential> credentials);

  // The credential with this access key id, or nullptr. The pointer stays valid for the
  // lifetime of the store.
  const Credential* Find(std::string_view access_key_id) const;

  size_t size() const { return by_key_.size(); }

 private:
  std::unordered_map<std::string, Credential> by_key_;
};

}  // namespace skybox::aws
