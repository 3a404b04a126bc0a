#include "services/sns/message_signer.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/crypto.h"

namespace skybox::services::sns {
namespace {

// Verifies with the public key of the certificate, as a subscriber does.
bool Verify(const std::string& cert_pem, const std::string& data, const std::string& signature_b64,
            const EVP_MD* digest) {
  BIO* bio = BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (cert == nullptr) return false;
  EVP_PKEY* key = X509_get_pubkey(cert);
  auto signature = Base64Decode(signature_b64);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  bool ok = signature && EVP_DigestVerifyInit(ctx, nullptr, digest, nullptr, key) == 1 &&
            EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  X509_free(cert);
  return ok;
}

TEST(MessageSignerTest, SignaturesVerifyAgainstTheCertificate) {
  auto signer = MessageSigner::Generate();
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  auto v1 = (*signer)->Sign("Message\nhi\n", "1");
  auto v2 = (*signer)->Sign("Message\nhi\n", "2");
  ASSERT_TRUE(v1.ok());
  ASSERT_TRUE(v2.ok());
  EXPECT_TRUE(Verify((*signer)->cert_pem(), "Message\nhi\n", *v1, EVP_sha1()));
  EXPECT_TRUE(Verify((*signer)->cert_pem(), "Message\nhi\n", *v2, EVP_sha256()));
  EXPECT_FALSE(Verify((*signer)->cert_pem(), "Message\nho\n", *v2, EVP_sha256()));
  EXPECT_FALSE(Verify((*signer)->cert_pem(), "Message\nhi\n", *v1, EVP_sha256()));
}

TEST(MessageSignerTest, ReloadedKeySignsTheSame) {
  auto signer = MessageSigner::Generate();
  ASSERT_TRUE(signer.ok());
  auto reloaded = MessageSigner::FromPem((*signer)->key_pem(), (*signer)->cert_pem());
  ASSERT_TRUE(reloaded.ok());
  EXPECT_EQ((*reloaded)->cert_id(), (*signer)->cert_id());
  // RSA PKCS#1 v1.5 signatures are deterministic.
  EXPECT_EQ(*(*reloaded)->Sign("x", "2"), *(*signer)->Sign("x", "2"));
  EXPECT_EQ(MessageSigner::FromPem("garbage", "cert").status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace skybox::services::sns
