// libFuzzer target: SQS's own parsers of client-controlled text — queue attributes (redrive
// policies are JSON inside a string), receipt handles, queue URLs and ARNs, message bodies and
// stored-message records. Input: one selector byte, then the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/sqs/keys.h"
#include "services/sqs/message_attributes.h"
#include "services/sqs/queue_attributes.h"
#include "services/sqs/queue_url.h"
#include "services/sqs/stored_message.h"

using namespace skybox::services::sqs;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 6) {
    case 0:
      for (const char* name : {"RedrivePolicy", "RedriveAllowPolicy", "Policy", "VisibilityTimeout",
                               "FifoThroughputLimit"}) {
        (void)ValidateAttributes({{name, text}}, data[0] & 0x40, data[0] & 0x80);
      }
      break;
    case 1:
      (void)ParseRedrivePolicy(text);
      (void)AllowsSource(ParseRedriveAllowPolicy(text), "arn:aws:sqs:us-east-1:000000000000:q");
      break;
    case 2:
      if (auto h = DecodeReceiptHandle(text)) {
        if (DecodeReceiptHandle(EncodeReceiptHandle(*h))->sequence != h->sequence) __builtin_trap();
      }
      break;
    case 3:
      (void)ParseQueueUrl(text);
      (void)ParseQueueArn(text);
      (void)ParseVisibilityKey(text);
      break;
    case 4:
      (void)ValidateMessageBody(text);
      break;
    case 5: {
      auto doc = skybox::aws::Document::parse(text, nullptr, false);
      if (doc.is_object()) {
        (void)ValidateMessageAttributes(doc, data[0] & 0x40);
        (void)Md5OfAttributes(doc);
        (void)AttributeSelected(skybox::aws::Document::array({"All", "a.*"}), text);
      }
      if (auto m = DecodeStoredMessage(text)) (void)EncodeStoredMessage(*m);
      break;
    }
  }
  return 0;
}
