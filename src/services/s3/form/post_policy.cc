#include "services/s3/form/post_policy.h"

#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "aws/auth/auth_error.h"
#include "aws/auth/signing_key.h"
#include "base/ascii.h"
#include "base/crypto.h"

namespace skybox::s3 {
namespace {

using Json = nlohmann::json;

Status InvalidPolicy(std::string detail) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidPolicyDocument", "Invalid Policy: " + detail);
}

Status PolicyDenied(std::string detail) {
  return Status::Aws(StatusCode::kPermissionDenied, 403, "AccessDenied", "Invalid according to Policy: " + detail);
}

Status FormArgument(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", std::move(message));
}

// "2030-01-01T00:00:00Z" or "2030-01-01T00:00:00.000Z".
std::optional<std::chrono::system_clock::time_point> ParseExpiration(std::string_view text) {
  if (text.size() < 20 || text.back() != 'Z') return std::nullopt;
  int parts[6];
  const size_t offsets[6] = {0, 5, 8, 11, 14, 17};
  const size_t widths[6] = {4, 2, 2, 2, 2, 2};
  for (int i = 0; i < 6; ++i) {
    const char* begin = text.data() + offsets[i];
    auto [end, ec] = std::from_chars(begin, begin + widths[i], parts[i]);
    if (ec != std::errc() || end != begin + widths[i]) return std::nullopt;
  }
  if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  std::string_view fraction = text.substr(19, text.size() - 20);
  if (!fraction.empty()) {
    if (fraction.front() != '.' || fraction.size() < 2) return std::nullopt;
    for (char c : fraction.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
    }
  }
  std::chrono::year_month_day day{std::chrono::year(parts[0]), std::chrono::month(static_cast<unsigned>(parts[1])),
                                  std::chrono::day(static_cast<unsigned>(parts[2]))};
  if (!day.ok() || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return std::nullopt;
  return std::chrono::sys_days(day) + std::chrono::hours(parts[3]) + std::chrono::minutes(parts[4]) +
         std::chrono::seconds(parts[5]);
}

std::string ConditionText(std::string_view op, std::string_view field, std::string_view value) {
  return "[\"" + std::string(op) + "\", \"$" + std::string(field) + "\", \"" + std::string(value) + "\"]";
}

std::optional<uint64_t> LengthBound(const Json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer()) {
    int64_t n = value.get<int64_t>();
    return n >= 0 ? std::optional<uint64_t>(static_cast<uint64_t>(n)) : std::nullopt;
  }
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec == std::errc() && end == s.data() + s.size()) return n;
  }
  return std::nullopt;
}

// Checks the policy's conditions against the form, noting which fields they name.
class ConditionChecker {
 public:
  ConditionChecker(const FormFields& fields, std::string_view bucket) : fields_(fields), bucket_(bucket) {}

  Status Check(const Json& condition, PostPolicyGrant& grant) {
    if (condition.is_object()) {
      if (condition.size() != 1) {
        return InvalidPolicy("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
      }
      auto only = condition.begin();  // (items() would be a temporary the binding outlives)
      const std::string& name = only.key();
      const Json& value = only.value();
      if (!value.is_string()) return InvalidPolicy("Invalid Simple-Condition: value must be a string.");
      return Match("eq", AsciiLowercase(name), value.get_ref<const std::string&>());
    }
    if (!condition.is_array() || condition.size() != 3 || !condition[0].is_string()) {
      return InvalidPolicy("Invalid Condition: " + condition.dump());
    }
    std::string op = AsciiLowercase(condition[0].get_ref<const std::string&>());
    if (op == "content-length-range") {
      auto min = LengthBound(condition[1]);
      auto max = LengthBound(condition[2]);
      if (!min || !max) return InvalidPolicy("Invalid content-length-range: " + condition.dump());
      grant.content_length_range = std::make_pair(*min, *max);
      return Status();
    }
    if (op != "eq" && op != "starts-with") return InvalidPolicy("Invalid Condition: unknown operation " + op);
    if (!condition[1].is_string() || !condition[2].is_string()) {
      return InvalidPolicy("Invalid Condition: " + condition.dump());
    }
    const std::string& field = condition[1].get_ref<const std::string&>();
    if (!field.starts_with("$")) return InvalidPolicy("Invalid Condition: field names must start with '$'.");
    return Match(op, AsciiLowercase(field.substr(1)), condition[2].get_ref<const std::string&>());
  }

  bool Named(const std::string& field) const { return named_.contains(field); }

 private:
  Status Match(std::string_view op, std::string field, const std::string& expected) {
    const std::string* actual = field == "bucket" ? &bucket_ : FindFormField(fields_, field);
    bool ok = actual != nullptr && (op == "eq" ? *actual == expected : actual->starts_with(expected));
    named_.insert(field);
    if (!ok) return PolicyDenied("Policy Condition failed: " + ConditionText(op, field, expected));
    return Status();
  }

  const FormFields& fields_;
  std::string bucket_;
  std::set<std::string> named_;
};

struct CredentialScope {
  std::string access_key, date, region;
};

Result<CredentialScope> ParseCredential(std::string_view text) {
  std::vector<std::string_view> parts;
  while (true) {
    size_t slash = text.find('/');
    parts.push_back(text.substr(0, slash));
    if (slash == std::string_view::npos) break;
    text.remove_prefix(slash + 1);
  }
  if (parts.size() != 5 || parts[0].empty() || parts[1].size() != 8 || parts[2].empty() || parts[3] != "s3" ||
      parts[4] != "aws4_request") {
    return FormArgument(
        "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "
        "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
  }
  return CredentialScope{std::string(parts[0]), std::string(parts[1]), std::string(parts[2])};
}

Result<const std::string*> Required(const FormFields& fields, std::string_view name) {
  const std::string* value = FindFormField(fields, name);
  if (value == nullptr) return MissingFormField(name);
  return value;
}

bool ExemptFromConditions(std::string_view name) {
  return name == "policy" || name == "x-amz-signature" || name == "file" || name.starts_with("x-ignore-") ||
         name == "awsaccesskeyid" || name == "signature";
}

// SigV2 (still what boto3's generate_presigned_post signs with unless told s3v4): base64
// HMAC-SHA1 of the base64 policy under the secret key itself.
std::string SignatureV2(std::string_view secret, std::string_view policy) {
  return Base64Encode(AsBytes(HmacSha1(secret, policy)));
}

// Checks who signed the policy: SigV4 fields, or SigV2's AWSAccessKeyId and signature.
Result<const aws::Credential*> VerifySigner(const FormFields& fields, const std::string& policy,
                                            std::string_view bucket_region, const aws::CredentialStore& credentials) {
  if (FindFormField(fields, "x-amz-algorithm") == nullptr) {
    if (const std::string* access_key = FindFormField(fields, "awsaccesskeyid")) {
      SKYBOX_ASSIGN_OR_RETURN(const std::string* signature, Required(fields, "signature"));
      const aws::Credential* credential = credentials.Find(*access_key);
      if (credential == nullptr) return aws::AuthErrorFor(aws::AuthFailure::kUnknownAccessKey, "s3");
      if (!ConstantTimeEquals(SignatureV2(credential->secret_access_key, policy), *signature)) {
        return aws::AuthErrorFor(aws::AuthFailure::kSignatureMismatch, "s3");
      }
      return credential;
    }
  }
  SKYBOX_ASSIGN_OR_RETURN(const std::string* algorithm, Required(fields, "x-amz-algorithm"));
  SKYBOX_ASSIGN_OR_RETURN(const std::string* credential_text, Required(fields, "x-amz-credential"));
  SKYBOX_ASSIGN_OR_RETURN(const std::string* date, Required(fields, "x-amz-date"));
  SKYBOX_ASSIGN_OR_RETURN(const std::string* signature, Required(fields, "x-amz-signature"));
  if (*algorithm != "AWS4-HMAC-SHA256") {
    return FormArgument("Only AWS4-HMAC-SHA256 is supported as x-amz-algorithm; got '" + *algorithm + "'.");
  }
  SKYBOX_ASSIGN_OR_RETURN(CredentialScope scope, ParseCredential(*credential_text));
  if (scope.region != bucket_region) {
    return FormArgument("the region '" + scope.region + "' is wrong; expecting '" + std::string(bucket_region) + "'")
        .WithDetail("ArgumentName", "X-Amz-Credential")
        .WithDetail("ArgumentValue", *credential_text)
        .WithDetail("Region", std::string(bucket_region));
  }
  if (!date->starts_with(scope.date)) {
    return FormArgument("The date in x-amz-credential does not match x-amz-date.");
  }
  const aws::Credential* credential = credentials.Find(scope.access_key);
  if (credential == nullptr) return aws::AuthErrorFor(aws::AuthFailure::kUnknownAccessKey, "s3");
  std::string key = aws::CachedSigningKey(credential->secret_access_key, scope.date, scope.region, "s3");
  if (!ConstantTimeEquals(aws::SignatureHex(key, policy), AsciiLowercase(*signature))) {
    return aws::AuthErrorFor(aws::AuthFailure::kSignatureMismatch, "s3");
  }
  return credential;
}

}  // namespace

const std::string* FindFormField(const FormFields& fields, std::string_view name) {
  for (const auto& [n, v] : fields) {
    if (n == name) return &v;
  }
  return nullptr;
}

Status MissingFormField(std::string_view name) {
  return FormArgument("Bucket POST must contain a field named '" + std::string(name) +
                      "'.  If it is specified, please check the order of the fields.")
      .WithDetail("ArgumentName", std::string(name))
      .WithDetail("ArgumentValue", "");
}

Result<PostPolicyGrant> VerifyPostPolicy(const FormFields& fields, std::string_view bucket,
                                         std::string_view bucket_region, const aws::CredentialStore& credentials,
                                         std::chrono::system_clock::time_point now) {
  SKYBOX_ASSIGN_OR_RETURN(const std::string* policy, Required(fields, "policy"));
  PostPolicyGrant grant;
  SKYBOX_ASSIGN_OR_RETURN(grant.credential, VerifySigner(fields, *policy, bucket_region, credentials));

  std::optional<std::string> text = Base64Decode(*policy);
  if (!text) return InvalidPolicy("Invalid Simple-Base64 value for policy.");
  Json document = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) return InvalidPolicy("Invalid JSON.");
  auto expiration = document.find("expiration");
  if (expiration == document.end()) return InvalidPolicy("Policy missing expiration.");
  auto expires = expiration->is_string() ? ParseExpiration(expiration->get_ref<const std::string&>()) : std::nullopt;
  if (!expires) return InvalidPolicy("Invalid 'expiration' value: '" + expiration->dump() + "'");
  auto conditions = document.find("conditions");
  if (conditions == document.end()) return InvalidPolicy("Policy missing conditions.");
  if (!conditions->is_array()) return InvalidPolicy("Invalid 'conditions' value: must be a list.");
  if (now >= *expires) return PolicyDenied("Policy expired.");

  ConditionChecker checker(fields, bucket);
  for (const Json& condition : *conditions) SKYBOX_RETURN_IF_ERROR(checker.Check(condition, grant));
  std::string extra;
  for (const auto& [name, value] : fields) {
    if (ExemptFromConditions(name) || checker.Named(name)) continue;
    extra += extra.empty() ? name : ", " + name;
  }
  if (!extra.empty()) return PolicyDenied("Extra input fields: " + extra);
  return grant;
}

}  // namespace skybox::s3
