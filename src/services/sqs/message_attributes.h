// Message attributes: AWS's validation rules and the MD5 digests SDKs verify.
//
// MD5OfMessageAttributes (and MD5OfMessageSystemAttributes) is the MD5 of, for each attribute
// in name order: the name, the DataType (each as a 4-byte big-endian length then the UTF-8
// bytes), one transport byte (1 for String/Number types, 2 for Binary) and the value (4-byte
// length then bytes). MD5OfMessageBody is the MD5 of the body's UTF-8 bytes. All lower-case hex.
//
// Attributes are Documents shaped like the model's MessageBodyAttributeMap: name ->
// {"DataType", "StringValue" | "BinaryValue" (binary)}.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::services::sqs {

std::string Md5Hex(std::string_view data);
// Empty string when `attributes` is empty.
std::string Md5OfAttributes(const aws::Document& attributes);

// Validates user message attributes (`system` = false) or MessageSystemAttributes; returns the
// bytes they count toward the message size limit. InvalidParameterValue on a bad name, type or
// value, with AWS's wording.
Result<size_t> ValidateMessageAttributes(const aws::Document& attributes, bool system);

// The error for a body with a character outside XML's allowed set, or OK. AWS allows #x9 | #xA
// | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (and the body must be valid UTF-8).
Status ValidateMessageBody(std::string_view body);

// Whether attribute `name` is selected by MessageAttributeNames (`All`, `.*`, `prefix.*`, exact).
bool AttributeSelected(const aws::Document& selectors, std::string_view name);

}  // namespace skybox::services::sqs
