#include "services/sqs/redrive.h"

#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {

Status CheckRedriveTarget(SqsBackend& sqs, const AttributeMap& attributes, bool fifo, const std::string& source_arn) {
  auto it = attributes.find("RedrivePolicy");
  if (it == attributes.end() || it->second.empty()) return Status::Ok();
  auto policy = ParseRedrivePolicy(it->second);
  if (!policy) return InvalidParameter(it->second, "RedrivePolicy", "Redrive policy is not a valid JSON map.");
  auto target = sqs.FindByArn(policy->dead_letter_target_arn);
  if (target == nullptr) return InvalidParameter(it->second, "RedrivePolicy", "Dead-letter target does not exist.");
  std::lock_guard lock(target->mu);
  if (target->meta.fifo() != fifo) {
    return InvalidParameter(it->second, "RedrivePolicy",
                            fifo ? "Dead-letter queue for a FIFO queue must also be of type FIFO."
                                 : "Dead-letter queue for a standard queue must also be a standard queue.");
  }
  auto allow = ParseRedriveAllowPolicy(target->meta.attributes["RedriveAllowPolicy"]);
  if (!AllowsSource(allow, source_arn)) {
    return InvalidParameter(it->second, "RedrivePolicy", "Dead-letter target does not allow this queue as a source queue.");
  }
  return Status::Ok();
}

}  // namespace skybox::services::sqs
