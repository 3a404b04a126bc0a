// SMS settings, the SMS sandbox and the opt-out list: kept and reported; no text message is
// ever sent (one-time passwords are recorded in the delivery log, docs/compat/sns.md).
#include <array>
#include <random>

#include "base/crypto.h"
#include "services/sns/operations.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kSmsAttributes = {"DefaultSMSType", "MonthlySpendLimit",
                                                            "DeliveryStatusIAMRole", "DeliveryStatusSuccessSamplingRate",
                                                            "DefaultSenderID", "UsageReportS3Bucket"};
constexpr const char* kSmsAttributesKey = "sms-attributes";

bool ValidPhoneNumber(std::string_view p) {
  if (!p.starts_with('+') || p.size() < 3 || p.size() > 16) return false;
  for (char c : p.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

void SetSMSAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  AttributeMap attributes = InputAttributes(call.input, "attributes");
  for (const auto& [k, v] : attributes) {
    if (std::find(kSmsAttributes.begin(), kSmsAttributes.end(), k) == kSmsAttributes.end()) {
      return done(InvalidParameter("attributes Reason: " + k + " is not a valid attribute"));
    }
    if (k == "DefaultSMSType" && v != "Promotional" && v != "Transactional") {
      return done(InvalidParameter("DefaultSMSType Reason: must be Promotional or Transactional"));
    }
  }
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    json& stored = backend.State().records[kSmsAttributesKey];
    if (!stored.is_object()) stored = json::object();
    for (const auto& [k, v] : attributes) stored[k] = v;
    backend.PutRecord(batch, kSmsAttributesKey, stored);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void GetSMSAttributes(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  json wanted = call.input.value("attributes", json::array());
  json out = json::object();
  {
    auto lock = backend.Lock();
    auto it = backend.State().records.find(kSmsAttributesKey);
    if (it != backend.State().records.end()) {
      for (auto& [k, v] : it->second.items()) {
        if (wanted.empty() || std::find(wanted.begin(), wanted.end(), k) != wanted.end()) out[k] = v;
      }
    }
  }
  done(aws::Document{{"attributes", std::move(out)}});
}

void CheckIfPhoneNumberIsOptedOut(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string phone = InputString(call.input, "phoneNumber");
  if (!ValidPhoneNumber(phone)) return done(InvalidParameter("PhoneNumber"));
  auto lock = backend.Lock();
  bool opted_out = backend.State().records.count("opted-out/" + phone) > 0;
  lock.unlock();
  done(aws::Document{{"isOptedOut", opted_out}});
}

void ListPhoneNumbersOptedOut(SnsBackend& backend, aws::Call, aws::CallDone done) {
  json numbers = json::array();
  {
    auto lock = backend.Lock();
    const auto& records = backend.State().records;
    for (auto it = records.lower_bound("opted-out/"); it != records.end() && it->first.starts_with("opted-out/"); ++it) {
      numbers.push_back(it->first.substr(std::string_view("opted-out/").size()));
    }
  }
  done(aws::Document{{"phoneNumbers", std::move(numbers)}});
}

void OptInPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string phone = InputString(call.input, "phoneNumber");
  if (!ValidPhoneNumber(phone)) return done(InvalidParameter("PhoneNumber"));
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    if (backend.State().records.erase("opted-out/" + phone) > 0) backend.DeleteRecord(batch, "opted-out/" + phone);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void GetSMSSandboxAccountStatus(SnsBackend&, aws::Call, aws::CallDone done) {
  done(aws::Document{{"IsInSandbox", true}});
}

void CreateSMSSandboxPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string phone = InputString(call.input, "PhoneNumber");
  if (!ValidPhoneNumber(phone)) return done(InvalidParameter("PhoneNumber"));
  thread_local std::mt19937 rng(std::random_device{}());
  std::string otp = std::to_string(100000 + rng() % 900000);
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    json record{{"PhoneNumber", phone}, {"Status", "Pending"}, {"OneTimePassword", otp}};
    backend.State().records["sandbox/" + phone] = record;
    backend.PutRecord(batch, "sandbox/" + phone, record);
    backend.RecordDelivery(batch, {{"Type", "SMSSandboxVerification"},
                                   {"Protocol", "sms"},
                                   {"Endpoint", phone},
                                   {"Message", "Your verification code is " + otp}});
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void VerifySMSSandboxPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "sandbox/" + InputString(call.input, "PhoneNumber");
  std::string otp = InputString(call.input, "OneTimePassword");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    auto it = backend.State().records.find(key);
    if (it == backend.State().records.end()) return done(ResourceNotFound());
    if (it->second.value("OneTimePassword", std::string()) != otp) {
      return done(Status::Aws(StatusCode::kInvalidArgument, 400, "VerificationException",
                              "Invalid one-time password"));
    }
    it->second["Status"] = "Verified";
    backend.PutRecord(batch, key, it->second);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void DeleteSMSSandboxPhoneNumber(SnsBackend& backend, aws::Call call, aws::CallDone done) {
  std::string key = "sandbox/" + InputString(call.input, "PhoneNumber");
  storage::WriteBatch batch;
  {
    auto lock = backend.Lock();
    if (backend.State().records.erase(key) == 0) return done(ResourceNotFound());
    backend.DeleteRecord(batch, key);
  }
  CommitAndAnswer(backend, std::move(batch), {}, aws::Document::object(), std::move(done));
}

void ListSMSSandboxPhoneNumbers(SnsBackend& backend, aws::Call, aws::CallDone done) {
  json numbers = json::array();
  {
    auto lock = backend.Lock();
    const auto& records = backend.State().records;
    for (auto it = records.lower_bound("sandbox/"); it != records.end() && it->first.starts_with("sandbox/"); ++it) {
      numbers.push_back({{"PhoneNumber", it->second.value("PhoneNumber", std::string())},
                         {"Status", it->second.value("Status", std::string())}});
    }
  }
  done(aws::Document{{"PhoneNumbers", std::move(numbers)}});
}

void ListOriginationNumbers(SnsBackend&, aws::Call, aws::CallDone done) {
  done(aws::Document{{"PhoneNumbers", json::array()}});
}

}  // namespace skybox::services::sns
