#include "services/sns/message_signer.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "base/crypto.h"

namespace skybox::services::sns {
namespace {

std::string BioString(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(length));
}

// A self-signed certificate for `key`; empty on failure.
std::string SelfSignedCertificate(EVP_PKEY* key) {
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!cert) return {};
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Skybox"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("sns.amazonaws.com"),
                             -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) return {};
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) return {};
  return BioString(bio.get());
}

}  // namespace

MessageSigner::MessageSigner(EVP_PKEY* key, std::string key_pem, std::string cert_pem)
    : key_(key), key_pem_(std::move(key_pem)), cert_pem_(std::move(cert_pem)),
      cert_id_(HexEncode(Sha256(cert_pem_)).substr(0, 32)) {}

MessageSigner::~MessageSigner() { EVP_PKEY_free(key_); }

Result<std::unique_ptr<MessageSigner>> MessageSigner::Generate() {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  if (key == nullptr) return Internal("generating the SNS signing key failed");
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    EVP_PKEY_free(key);
    return Internal("encoding the SNS signing key failed");
  }
  std::string cert = SelfSignedCertificate(key);
  if (cert.empty()) {
    EVP_PKEY_free(key);
    return Internal("making the SNS signing certificate failed");
  }
  return std::unique_ptr<MessageSigner>(new MessageSigner(key, BioString(bio.get()), std::move(cert)));
}

Result<std::unique_ptr<MessageSigner>> MessageSigner::FromPem(std::string_view key_pem, std::string_view cert_pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())),
                                                BIO_free);
  EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (key == nullptr || cert_pem.empty()) {
    EVP_PKEY_free(key);
    return Status(StatusCode::kDataLoss, "the stored SNS signing key does not parse");
  }
  return std::unique_ptr<MessageSigner>(new MessageSigner(key, std::string(key_pem), std::string(cert_pem)));
}

Result<std::string> MessageSigner::Sign(std::string_view data, std::string_view signature_version) const {
  const EVP_MD* digest = signature_version == "2" ? EVP_sha256() : EVP_sha1();
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  size_t length = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digest, nullptr, key_) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1) {
    return Internal("signing an SNS message failed");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return Internal("signing an SNS message failed");
  }
  signature.resize(length);
  return Base64Encode(signature);
}

}  // namespace skybox::services::sns
