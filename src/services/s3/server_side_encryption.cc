#include "services/s3/server_side_encryption.h"

#include <algorithm>
#include <random>

#include "base/crypto.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

constexpr std::string_view kSseHeader = "x-amz-server-side-encryption";
constexpr size_t kCustomerKeyBytes = 32;
constexpr size_t kSaltBytes = 16;

const std::string* Text(const aws::Document& in, const std::string& name) {
  auto it = in.find(name);
  return it != in.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

// S3 names the SSE header in most of its encryption errors, whichever header was wrong.
Status SseArgumentError(std::string message, std::optional<std::string> value = std::nullopt) {
  Status st = InvalidArgument(std::move(message)).WithDetail("ArgumentName", std::string(kSseHeader));
  return value ? st.WithDetail("ArgumentValue", *value) : st;
}

bool IsKms(std::string_view algorithm) { return algorithm == "aws:kms" || algorithm == "aws:kms:dsse"; }

// A key id as S3 reports it: an ARN in the caller's account and region.
std::string KmsKeyArn(std::string_view key_id, const KmsScope& scope) {
  if (key_id.starts_with("arn:")) return std::string(key_id);
  std::string prefix = "arn:aws:kms:" + scope.region + ":" + scope.account_id + ":";
  if (key_id.starts_with("alias/")) return prefix + std::string(key_id);
  return prefix + "key/" + std::string(key_id);
}

// The account's AWS managed key for S3 (aws/s3): a key id stable per account and region.
std::string AwsManagedKeyArn(const KmsScope& scope) {
  std::string hex = HexEncode(Sha256("aws/s3:" + scope.account_id + ":" + scope.region)).substr(0, 32);
  std::string id = hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) +
                   "-" + hex.substr(20);
  return KmsKeyArn(id, scope);
}

std::optional<bool> Flag(const aws::Document& doc, const char* name) {
  auto it = doc.find(name);
  if (it == doc.end()) return std::nullopt;
  if (it->is_boolean()) return it->get<bool>();
  return it->is_string() && it->get_ref<const std::string&>() == "true";
}

// Whether the bucket refuses writes with customer-provided keys: a configuration's
// BlockedEncryptionTypes names SSE-C, or there is no configuration, whose default (since April
// 2026) blocks them. A configuration without BlockedEncryptionTypes, or naming NONE, allows them.
bool BlocksCustomerKeys(const std::optional<aws::Document>& config) {
  if (!config) return true;
  auto rules = config->find("Rules");
  if (rules == config->end() || !rules->is_array()) return false;
  for (const aws::Document& rule : *rules) {
    auto blocked = rule.find("BlockedEncryptionTypes");
    if (blocked == rule.end() || !blocked->is_object()) continue;
    auto types = blocked->find("EncryptionType");
    if (types != blocked->end() && types->is_array() && std::find(types->begin(), types->end(), "SSE-C") != types->end()) {
      return true;
    }
  }
  return false;
}

// The bucket's default rule (ApplyServerSideEncryptionByDefault and BucketKeyEnabled), if any.
const aws::Document* DefaultRule(const std::optional<aws::Document>& config) {
  if (!config) return nullptr;
  auto rules = config->find("Rules");
  if (rules == config->end() || !rules->is_array()) return nullptr;
  for (const aws::Document& rule : *rules) {
    if (rule.contains("ApplyServerSideEncryptionByDefault")) return &rule;
  }
  return nullptr;
}

// SSEKMSEncryptionContext must be base64 of a UTF-8 JSON object whose values are strings.
bool ValidKmsContext(std::string_view base64) {
  std::optional<std::string> json = Base64Decode(base64);
  if (!json) return false;
  aws::Document context = aws::Document::parse(*json, nullptr, /*allow_exceptions=*/false);
  if (!context.is_object()) return false;
  for (const aws::Document& value : context) {
    if (!value.is_string()) return false;
  }
  return true;
}

std::string CustomerKeyHmac(std::string_view salt, std::string_view key) {
  return std::string(AsBytes(HmacSha256(salt, key)));
}

}  // namespace

Result<std::optional<CustomerKey>> ReadCustomerKey(const aws::Document& in, CustomerKeyOf which) {
  const std::string prefix = which == CustomerKeyOf::kCopySource ? "CopySourceSSECustomer" : "SSECustomer";
  const std::string* algorithm = Text(in, prefix + "Algorithm");
  const std::string* key = Text(in, prefix + "Key");
  const std::string* key_md5 = Text(in, prefix + "KeyMD5");
  if (!algorithm && !key && !key_md5) return std::optional<CustomerKey>();
  if (!algorithm) {
    return SseArgumentError("Requests specifying Server Side Encryption with Customer provided keys must provide a "
                            "valid encryption algorithm.");
  }
  if (!key) {
    return SseArgumentError("Requests specifying Server Side Encryption with Customer provided keys must provide an "
                            "appropriate secret key.");
  }
  if (!key_md5) {
    return SseArgumentError("Requests specifying Server Side Encryption with Customer provided keys must provide the "
                            "client calculated MD5 of the secret key.");
  }
  if (*algorithm != "AES256") {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidEncryptionAlgorithmError",
                       "The Encryption request you specified is not valid. Supported value: AES256.")
        .WithDetail("ArgumentName", std::string(kSseHeader))
        .WithDetail("ArgumentValue", *algorithm);
  }
  std::optional<std::string> raw = Base64Decode(*key);
  if (!raw) return SseArgumentError("The secret key was invalid for the specified algorithm.");
  CustomerKey out;
  out.key_md5 = Base64Encode(AsBytes(Md5(*raw)));
  out.key = std::move(*raw);
  // S3 compares the MD5 before the key's length.
  if (*key_md5 != out.key_md5) {
    return SseArgumentError("The calculated MD5 hash of the key did not match the hash that was provided.", "null");
  }
  if (out.key.size() != kCustomerKeyBytes) {
    return SseArgumentError("The secret key was invalid for the specified algorithm.");
  }
  return std::optional<CustomerKey>(std::move(out));
}

StoredEncryption NewCustomerEncryption(const CustomerKey& key) {
  thread_local std::random_device random;
  StoredEncryption e;
  e.algorithm.clear();
  e.customer_algorithm = "AES256";
  while (e.customer_key_salt.size() < kSaltBytes) {
    uint32_t r = random();
    for (int i = 0; i < 4; ++i, r >>= 8) e.customer_key_salt.push_back(static_cast<char>(r & 0xff));
  }
  e.customer_key_hmac = CustomerKeyHmac(e.customer_key_salt, key.key);
  return e;
}

Result<EncryptionDecision> DecideEncryption(const aws::Document& in, const std::optional<aws::Document>& bucket_default,
                                            const KmsScope& scope) {
  const std::string* requested = Text(in, "ServerSideEncryption");
  const bool names_customer_key =
      in.contains("SSECustomerAlgorithm") || in.contains("SSECustomerKey") || in.contains("SSECustomerKeyMD5");
  // Refused before the key is looked at, as S3 does (its 403 says no more than this).
  if (names_customer_key && BlocksCustomerKeys(bucket_default)) return AccessDeniedError();
  if (names_customer_key && requested) {
    return SseArgumentError("Server Side Encryption with Customer provided key is incompatible with the encryption "
                            "method specified",
                            *requested);
  }
  if (requested && *requested != "AES256" && !IsKms(*requested)) {
    return SseArgumentError("The encryption method specified is not supported", *requested);
  }
  if ((in.contains("SSEKMSKeyId") || in.contains("SSEKMSEncryptionContext")) && !(requested && IsKms(*requested))) {
    return SseArgumentError("Server Side Encryption with AWS KMS managed key requires HTTP header "
                            "x-amz-server-side-encryption : aws:kms");
  }
  SKYBOX_ASSIGN_OR_RETURN(std::optional<CustomerKey> customer_key, ReadCustomerKey(in, CustomerKeyOf::kTarget));
  EncryptionDecision decision;
  if (customer_key) {
    decision.stored = NewCustomerEncryption(*customer_key);
    decision.customer_key = std::move(customer_key);
    return decision;
  }
  const aws::Document* rule = DefaultRule(bucket_default);
  const aws::Document* by_default = rule ? &(*rule)["ApplyServerSideEncryptionByDefault"] : nullptr;
  const std::string default_algorithm = by_default ? by_default->value("SSEAlgorithm", "AES256") : "AES256";
  StoredEncryption& e = decision.stored;
  e.algorithm = requested ? *requested : default_algorithm;
  if (!IsKms(e.algorithm)) return decision;
  if (const std::string* key_id = Text(in, "SSEKMSKeyId")) {
    e.kms_key_id = KmsKeyArn(*key_id, scope);
  } else if (const std::string* default_key =
                 !requested && IsKms(default_algorithm) ? Text(*by_default, "KMSMasterKeyID") : nullptr) {
    // The bucket's key serves writes that name no encryption; a request naming aws:kms without a
    // key id gets the AWS managed key, as in S3.
    e.kms_key_id = KmsKeyArn(*default_key, scope);
  } else {
    e.kms_key_id = AwsManagedKeyArn(scope);
  }
  if (const std::string* context = Text(in, "SSEKMSEncryptionContext")) {
    if (!ValidKmsContext(*context)) {
      return InvalidArgument("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string "
                             "holding JSON which represents a string-string map");
    }
    e.kms_context = *context;
  }
  // Bucket Keys are an SSE-KMS feature (not DSSE); the request's header overrides the bucket's.
  if (e.algorithm == "aws:kms") {
    std::optional<bool> bucket_key = Flag(in, "BucketKeyEnabled");
    if (!bucket_key && rule && IsKms(default_algorithm)) bucket_key = Flag(*rule, "BucketKeyEnabled");
    e.bucket_key_enabled = bucket_key.value_or(false);
  }
  return decision;
}

Status CheckCustomerKeyForRead(const StoredEncryption& stored, const std::optional<CustomerKey>& provided) {
  if (!stored.is_customer()) {
    if (provided) return InvalidRequest("The encryption parameters are not applicable to this object.");
    return Status();
  }
  if (!provided) {
    return InvalidRequest("The object was stored using a form of Server Side Encryption. The correct parameters must "
                          "be provided to retrieve the object.");
  }
  if (!ConstantTimeEquals(CustomerKeyHmac(stored.customer_key_salt, provided->key), stored.customer_key_hmac)) {
    return Status::Aws(StatusCode::kPermissionDenied, 403, "AccessDenied",
                       "Requests specifying Server Side Encryption with Customer provided keys must provide the "
                       "correct secret key.");
  }
  return Status();
}

Status CheckCustomerKeyForPart(const StoredEncryption& upload, const std::optional<CustomerKey>& provided) {
  if (upload.is_customer() != provided.has_value()) {
    return InvalidRequest("The multipart upload initiate requested encryption. Subsequent part requests must include "
                          "the appropriate encryption parameters.");
  }
  if (provided && !CheckCustomerKeyForRead(upload, provided).ok()) {
    return InvalidRequest("The provided encryption parameters did not match the ones used originally.");
  }
  return Status();
}

void AddEncryptionOutput(const StoredEncryption& stored, const std::optional<CustomerKey>& customer_key,
                         aws::Document& out) {
  if (stored.is_customer()) {
    out["SSECustomerAlgorithm"] = stored.customer_algorithm;
    if (customer_key) out["SSECustomerKeyMD5"] = customer_key->key_md5;
    return;
  }
  out["ServerSideEncryption"] = stored.algorithm;
  if (!stored.kms_key_id.empty()) out["SSEKMSKeyId"] = stored.kms_key_id;
  // Only the outputs of writes (PutObject, CopyObject, CreateMultipartUpload) have this member.
  if (!stored.kms_context.empty()) out["SSEKMSEncryptionContext"] = stored.kms_context;
  if (stored.bucket_key_enabled) out["BucketKeyEnabled"] = true;
}

}  // namespace skybox::s3
