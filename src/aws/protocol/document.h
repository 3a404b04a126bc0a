// Document: the in-memory form of an operation's input or output, as exchanged between the
// protocol codecs (aws/protocol) and the services. It is an nlohmann::json value shaped by
// the operation's model:
//
//   structure -> object, member names exactly as in the model ("TableName", "Item")
//   list      -> array
//   map       -> object (keys as sent)
//   string / enum -> string
//   integer / long -> integer;  float / double -> number;  boolean -> bool
//   blob      -> binary (nlohmann's byte container, raw bytes; never base64 text)
//   timestamp -> number of seconds since the epoch, possibly fractional, on input. On output a
//                service may give such a number or an ISO-8601 string; the codec formats it
//                for the wire as the protocol and model require.
//   document  -> any JSON value, passed through
//
// Absent members are absent keys (never null). Unknown members sent by a client are
// dropped by the decoders, as AWS ignores them.
#pragma once

#include <nlohmann/json.hpp>

namespace skybox::aws {

using Document = nlohmann::json;

}  // namespace skybox::aws
