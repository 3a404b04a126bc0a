// SigV4 signing keys: HMAC chain "AWS4"+secret -> date -> region -> service -> "aws4_request".
// A key is valid for one day, region and service, so the four HMACs are worth caching: the
// cache is per thread (each event loop verifies its own requests), small and bounded.
//
// Thread-safety: all functions may be called from any thread.
#pragma once

#include <string>
#include <string_view>

namespace skybox::aws {

// The 32-byte signing key (raw bytes). `date` is "YYYYMMDD".
std::string DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                             std::string_view region, std::string_view service);

// DeriveSigningKey through this thread's cache.
std::string CachedSigningKey(std::string_view secret_access_key, std::string_view date,
                             std::string_view region, std::string_view service);

// Lower-case hex HMAC-SHA256 of `string_to_sign` under `signing_key`.
std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace skybox::aws
