// The first piece of Smithy's rpc-v2-cbor protocol (which current SDKs use for CloudWatch):
// encoding an error body, so that such clients get an error they can parse while Skybox
// has no full CBOR codec yet. CBOR is RFC 8949.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skybox::aws {

// The rpc-v2-cbor error body: a CBOR map {"__type": code, "message": message}.
std::string CborErrorBody(std::string_view code, std::string_view message);

// The operation named by an rpc-v2-cbor request path "/service/<Service>/operation/<Op>",
// or empty when the path has another shape.
std::string_view CborOperationName(std::string_view path);

}  // namespace skybox::aws
