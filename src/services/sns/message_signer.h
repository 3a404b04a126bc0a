// MessageSigner: the RSA-2048 key and self-signed X.509 certificate SNS signs its messages
// with. Subscribers fetch the certificate from SigningCertURL and check the Signature over the
// message's canonical string (notification.h): SignatureVersion 1 is SHA1withRSA, 2 is
// SHA256withRSA, both base64.
//
// The key is generated once and kept in the Store (sns_service.cc), so signatures stay
// verifiable across restarts.
//
// Thread-safety: immutable after construction; Sign may run on many threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

struct evp_pkey_st;

namespace skybox::services::sns {

class MessageSigner {
 public:
  // A fresh key and a certificate for it (CN sns.amazonaws.com, valid ten years).
  static Result<std::unique_ptr<MessageSigner>> Generate();
  // From the PEMs a previous Generate produced. kDataLoss when they do not parse.
  static Result<std::unique_ptr<MessageSigner>> FromPem(std::string_view key_pem, std::string_view cert_pem);
  ~MessageSigner();

  // The base64 signature of `data` for `signature_version` "1" (SHA1) or "2" (SHA256).
  Result<std::string> Sign(std::string_view data, std::string_view signature_version) const;

  const std::string& key_pem() const { return key_pem_; }
  const std::string& cert_pem() const { return cert_pem_; }
  // Names the certificate file ("SimpleNotificationService-<id>.pem"): a hash of the
  // certificate, so a new key gets a new URL.
  const std::string& cert_id() const { return cert_id_; }

 private:
  MessageSigner(evp_pkey_st* key, std::string key_pem, std::string cert_pem);

  evp_pkey_st* key_;
  std::string key_pem_;
  std::string cert_pem_;
  std::string cert_id_;
};

}  // namespace skybox::services::sns
