// Request ids in the forms AWS uses: a UUID-shaped id for x-amzn-RequestId and the query
// protocol's <RequestId>, and S3's 16 upper-case hex digits for x-amz-request-id.
//
// Thread-safety: may be called from any thread; ids are unique within a process run and
// random across runs.
#pragma once

#include <string>

namespace skybox::aws {

// "5f0a8b1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"
std::string NewRequestId();

// The S3 form of the same id: "5F0A8B1E3C2D4E5F".
std::string S3RequestId(const std::string& request_id);

}  // namespace skybox::aws
