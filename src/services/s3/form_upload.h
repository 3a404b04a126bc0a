// S3's browser-based uploads (POST Object): an HTML form posted as multipart/form-data to a
// bucket, authenticated by the signed policy inside it rather than by SigV4.
//
// The form is read as it arrives (form/multipart_form_parser.h): the fields before the file
// are checked against the policy (form/post_policy.h), then the file is streamed into a new
// object version exactly as PutObject stores one (body_upload.h, object_commit.h), so memory
// stays bounded whatever the file's size. Fields after the file are ignored, as in S3.
//
// Answers: success_action_redirect -> 303 to it with bucket, key and etag in the query;
// success_action_status 200 or 201 (201 with a <PostResponse> body); otherwise 204. Errors are
// S3's (MalformedPOSTRequest, InvalidArgument, AccessDenied "Invalid according to Policy: ...",
// SignatureDoesNotMatch, EntityTooSmall / EntityTooLarge, NoSuchBucket, ...).
//
// Thread-safety: the handler is immutable and shared by every event loop; each upload owns its
// own state.
#pragma once

#include <memory>

#include "aws/auth/credential_store.h"
#include "aws/service.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// `credentials` must outlive the handler.
std::shared_ptr<const aws::FormUploadHandler> NewFormUploadHandler(std::shared_ptr<S3Backend> backend,
                                                                   const aws::CredentialStore* credentials);

}  // namespace skybox::s3
