// OpenSSL's message digests, fetched from the default provider once per process.
//
// OpenSSL 3 looks an algorithm up in its provider tables on every EVP_md5() / EVP_sha256()
// passed to EVP_DigestInit_ex and on every one-shot call (SHA256(), HMAC()); on SigV4's path
// and for every PutObject's MD5 that lookup cost about as much as hashing a small input. Pass
// these to EVP_DigestInit_ex instead.
//
// Thread-safety: callable from any thread; the digests live until exit.
#pragma once

#include <openssl/evp.h>

namespace skybox {

const EVP_MD* Sha256Md();
const EVP_MD* Sha1Md();
const EVP_MD* Md5Md();
const EVP_MD* Sha512Md();

}  // namespace skybox
