#include "aws/auth/sigv4_verifier.h"

#include <ctime>

#include <array>
#include <string_view>

#include "aws/auth/amz_date.h"
#include "aws/auth/auth_error.h"
#include "aws/auth/canonical_request.h"
#include "aws/auth/signing_key.h"
#include "base/ascii.h"
#include "base/civil_date.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

using std::chrono::system_clock;

constexpr std::array<std::string_view, 6> kPayloadModes = {
    "UNSIGNED-PAYLOAD",
    "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
    "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
    "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
};

bool IsHexSha256(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

// RequestTimeTooSkewed; S3 adds the request's time, its own and the skew it allows.
Status TooSkewed(const SigV4Request& sigv4, system_clock::time_point now, std::string detail) {
  Status skewed = AuthErrorFor(AuthFailure::kRequestTimeSkewed, sigv4.scope.service, detail);
  if (AuthErrorFamilyFor(sigv4.scope.service) != AuthErrorFamily::kS3) return skewed;
  return skewed.WithDetail("RequestTime", sigv4.amz_date)
      .WithDetail("ServerTime", FormatIsoSeconds(system_clock::to_time_t(now)))
      .WithDetail("MaxAllowedSkewMilliseconds",
                  std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(kMaxRequestSkew).count()));
}

Status CheckTime(const SigV4Request& sigv4, system_clock::time_point now) {
  const std::string& service = sigv4.scope.service;
  auto signed_at = system_clock::time_point(sigv4.request_time);
  auto expires_at = signed_at + sigv4.expires;
  if (signed_at > now + kMaxRequestSkew) {
    std::string detail = "Signature not yet current: " + sigv4.amz_date + " is still later than " +
                         FormatAmzDate(now + kMaxRequestSkew) + " (" + FormatAmzDate(now) + " + 15 min.)";
    if (!sigv4.presigned || AuthErrorFamilyFor(service) != AuthErrorFamily::kS3) {
      return TooSkewed(sigv4, now, std::move(detail));
    }
    // S3 says a URL from the future is not valid yet, with its date (in epoch milliseconds, as
    // S3 writes it), when it expires and what time it is.
    auto signed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(signed_at.time_since_epoch());
    return AuthErrorFor(AuthFailure::kPresignedNotYetValid, service)
        .WithDetail("X-Amz-Date", std::to_string(signed_ms.count()))
        .WithDetail("Expires", FormatIsoSeconds(system_clock::to_time_t(expires_at)))
        .WithDetail("ServerTime", FormatIsoSeconds(system_clock::to_time_t(now)));
  }
  if (sigv4.presigned) {
    if (now > expires_at) {
      Status expired = AuthErrorFor(AuthFailure::kPresignedExpired, service,
                                    "Signature expired: " + FormatAmzDate(expires_at) +
                                        " is now earlier than " + FormatAmzDate(now) + " (" +
                                        sigv4.amz_date + " + " + std::to_string(sigv4.expires.count()) +
                                        " sec.)");
      if (service != "s3") return expired;
      // S3 says when the URL expired and what time it is.
      return expired.WithDetail("X-Amz-Expires", std::to_string(sigv4.expires.count()))
          .WithDetail("Expires", FormatIsoSeconds(system_clock::to_time_t(expires_at)))
          .WithDetail("ServerTime", FormatIsoSeconds(system_clock::to_time_t(now)));
    }
    return Status::Ok();
  }
  if (signed_at < now - kMaxRequestSkew) {
    return TooSkewed(sigv4, now,
                     "Signature expired: " + sigv4.amz_date + " is now earlier than " +
                         FormatAmzDate(now - kMaxRequestSkew) + " (" + FormatAmzDate(now) + " - 15 min.)");
  }
  return Status::Ok();
}

// The declared payload hash must be usable before the signature is worth computing (S3 only;
// other services sign whatever the header says).
Status CheckDeclaredPayload(const net::HttpRequest& request, const SigV4Request& sigv4) {
  if (sigv4.scope.service != "s3" || sigv4.presigned) return Status::Ok();
  auto declared = request.Header("x-amz-content-sha256");
  if (!declared) return AuthErrorFor(AuthFailure::kMissingContentSha256, "s3");
  if (IsHexSha256(*declared)) return Status::Ok();
  for (std::string_view mode : kPayloadModes) {
    if (*declared == mode) return Status::Ok();
  }
  return AuthErrorFor(AuthFailure::kInvalidContentSha256, "s3");
}

// "41 57 53": the bytes of `text` as S3's *Bytes error members give them.
std::string SpacedHex(std::string_view text) {
  std::string hex = HexEncode(text), out;
  out.reserve(hex.size() * 3 / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    if (i > 0) out += ' ';
    out.append(hex, i, 2);
  }
  return out;
}

// S3's SignatureDoesNotMatch tells the caller what it should have signed (its own request,
// never a secret), so a client's signing bug can be found; other services answer the message only.
Status SignatureMismatch(const SigV4Request& sigv4, const std::string& service, const std::string& canonical,
                         const std::string& string_to_sign) {
  Status error = AuthErrorFor(AuthFailure::kSignatureMismatch, service);
  if (AuthErrorFamilyFor(service) != AuthErrorFamily::kS3) return error;
  return error.WithDetail("AWSAccessKeyId", sigv4.access_key_id)
      .WithDetail("StringToSign", string_to_sign)
      .WithDetail("SignatureProvided", sigv4.signature)
      .WithDetail("StringToSignBytes", SpacedHex(string_to_sign))
      .WithDetail("CanonicalRequest", canonical)
      .WithDetail("CanonicalRequestBytes", SpacedHex(canonical));
}

}  // namespace

Result<VerifiedIdentity> VerifySigV4(const net::HttpRequest& request, const SigV4Request& sigv4,
                                     const CredentialStore& credentials,
                                     system_clock::time_point now) {
  const std::string& service = sigv4.scope.service;
  SKYBOX_RETURN_IF_ERROR(CheckTime(sigv4, now));
  const Credential* credential = credentials.Find(sigv4.access_key_id);
  if (credential == nullptr) {
    Status unknown = AuthErrorFor(AuthFailure::kUnknownAccessKey, service);
    if (AuthErrorFamilyFor(service) != AuthErrorFamily::kS3) return unknown;
    return unknown.WithDetail("AWSAccessKeyId", sigv4.access_key_id);  // S3 names the key it does not know
  }
  SKYBOX_RETURN_IF_ERROR(CheckDeclaredPayload(request, sigv4));

  std::string payload_hash = PayloadHash(request, service, sigv4.presigned);
  std::string canonical =
      CanonicalRequest(request, service, sigv4.signed_headers, payload_hash, sigv4.presigned);
  std::string string_to_sign = StringToSign(sigv4.amz_date, sigv4.scope.ToString(), canonical);
  std::string signing_key = CachedSigningKey(credential->secret_access_key, sigv4.scope.date,
                                             sigv4.scope.region, service);
  if (!ConstantTimeEquals(SignatureHex(signing_key, string_to_sign), sigv4.signature)) {
    return SignatureMismatch(sigv4, service, canonical, string_to_sign);
  }
  bool declared_hash = request.Header("x-amz-content-sha256").has_value();
  // A streamed body is not here yet: aws/payload_reader.h checks it as it arrives.
  if (declared_hash && IsHexSha256(payload_hash) && !request.body_stream &&
      !EqualsIgnoreAsciiCase(payload_hash, HexEncode(Sha256(request.body)))) {
    return AuthErrorFor(AuthFailure::kContentSha256Mismatch, service);
  }
  return VerifiedIdentity{credential->access_key_id, credential->user_name,
                          credential->account_id,    credential->Arn(),
                          sigv4.scope.region,        service,
                          std::move(signing_key)};
}

}  // namespace skybox::aws
