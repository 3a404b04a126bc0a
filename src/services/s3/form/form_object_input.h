// The object attributes a browser POST form carries, as the PutObject-shaped input members
// the S3 core reads (services/s3/object_metadata.h ReadObjectAttributes, body_upload.h
// ReadIntegrityClaims), so a form upload stores exactly what a PutObject with the same
// headers would.
//
//   Content-Type, Cache-Control, Content-Disposition, Content-Encoding, Content-Language,
//   Expires                          -> the system members
//   x-amz-meta-<name>                -> Metadata[<name>]
//   tagging (an XML <Tagging> doc)   -> Tagging, in x-amz-tagging's "k=v&k2=v2" form
//   x-amz-storage-class, x-amz-website-redirect-location, Content-MD5,
//   x-amz-checksum-algorithm, x-amz-checksum-<algo>,
//   x-amz-server-side-encryption[-aws-kms-key-id|-context|-customer-algorithm|-customer-key|
//   -customer-key-MD5], x-amz-object-lock-mode|-retain-until-date|-legal-hold  -> their members
//
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "services/s3/form/post_policy.h"

namespace skybox::s3 {

// Fails with 400 MalformedXML for a `tagging` field that is not a well-formed <Tagging>.
Result<nlohmann::json> ObjectInputOfForm(const FormFields& fields);

}  // namespace skybox::s3
