#include "services/s3/form_upload.h"

#include <algorithm>
#include <chrono>

#include "aws/protocol/xml.h"
#include "base/crypto.h"
#include "base/percent_encoding.h"
#include "services/s3/body_upload.h"
#include "services/s3/form/form_object_input.h"
#include "services/s3/form/multipart_form_parser.h"
#include "services/s3/form/post_policy.h"
#include "services/s3/object_acl.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"

namespace skybox::s3 {
namespace {

constexpr uint64_t kMaxObjectBytes = 5ull << 30;  // a single PUT's limit

Status EntityTooLarge(uint64_t max) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "EntityTooLarge",
                     "Your proposed upload exceeds the maximum allowed size")
      .WithDetail("MaxSizeAllowed", std::to_string(max));
}
Status EntityTooSmall(uint64_t size, uint64_t min) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "EntityTooSmall",
                     "Your proposed upload is smaller than the minimum allowed size")
      .WithDetail("ProposedSize", std::to_string(size))
      .WithDetail("MinSizeAllowed", std::to_string(min));
}

std::string SubstituteFilename(std::string key, std::string_view filename) {
  static constexpr std::string_view kVariable = "${filename}";
  for (size_t at = key.find(kVariable); at != std::string::npos; at = key.find(kVariable, at + filename.size())) {
    key.replace(at, kVariable.size(), filename);
  }
  return key;
}

// One form upload, from its first byte to its response. While the file is being stored it is
// also the body stream ReceiveBody reads: the file's bytes, ending where the form ends.
class FormUpload : public net::RequestBodyStream, public std::enable_shared_from_this<FormUpload> {
 public:
  FormUpload(std::shared_ptr<S3Backend> backend, const aws::CredentialStore* credentials, std::string bucket,
             net::HttpRequest request, std::string request_id,
             std::function<void(Result<net::HttpResponse>)> respond, std::string boundary)
      : backend_(std::move(backend)), credentials_(credentials), bucket_(std::move(bucket)),
        request_(std::move(request)), request_id_(std::move(request_id)), respond_(std::move(respond)),
        parser_(std::move(boundary)) {
    if (!request_.body_stream) {
      parser_.Feed(request_.body);
      parser_.FinishInput();
      input_finished_ = true;
    }
  }

  void ReadFields() {
    NextEvent([self = shared_from_this()](Result<FormEvent> event) { self->OnFieldEvent(std::move(event)); });
  }

  // The file's bytes, for ReceiveBody.
  void Read(net::OnBodyPiece on_piece) override {
    NextEvent([self = shared_from_this(), on_piece = std::move(on_piece)](Result<FormEvent> event) mutable {
      self->OnFileEvent(std::move(event), std::move(on_piece));
    });
  }

 private:
  // The parser's next event, reading the request body as it needs.
  void NextEvent(std::function<void(Result<FormEvent>)> on_event) {
    Result<FormEvent> event = parser_.Next();
    if (!event.ok() || event->kind != FormEvent::Kind::kNeedInput) return on_event(std::move(event));
    request_.body_stream->Read([self = shared_from_this(), on_event = std::move(on_event)](net::BodyPiece piece) mutable {
      if (!piece.status.ok()) return on_event(piece.status);
      self->parser_.Feed(piece.bytes);
      if (piece.last) {
        self->parser_.FinishInput();
        self->input_finished_ = true;
      }
      self->NextEvent(std::move(on_event));
    });
  }

  void OnFieldEvent(Result<FormEvent> event) {
    if (!event.ok()) return Respond(event.status());
    switch (event->kind) {
      case FormEvent::Kind::kField:
        fields_.emplace_back(std::move(event->name), std::move(event->value));
        return ReadFields();
      case FormEvent::Kind::kFileStart:
        return BeginFile(event->filename);
      default:
        return Respond(InvalidArgument("POST requires exactly one file upload per request.")
                           .WithDetail("ArgumentName", "file")
                           .WithDetail("ArgumentValue", "0"));
    }
  }

  void BeginFile(const std::string& filename) {
    auto state = backend_->BucketStateOf(bucket_);  // NoSuchBucket when it does not exist
    if (!state.ok()) return Respond(state.status());
    incarnation_ = (*state)->incarnation;  // the object goes into this bucket, not one created since
    auto key_field = std::find_if(fields_.begin(), fields_.end(), [](const auto& f) { return f.first == "key"; });
    if (key_field == fields_.end()) return Respond(MissingFormField("key"));
    // S3 puts the file's name in first: the policy's $key conditions judge the key the object gets.
    key_field->second = key_ = SubstituteFilename(key_field->second, filename);
    auto grant = VerifyPostPolicy(fields_, bucket_, (*state)->region, *credentials_, std::chrono::system_clock::now());
    if (!grant.ok()) return Respond(grant.status());
    if (key_.empty()) return Respond(InvalidArgument("User key must have a length greater than 0."));
    if (Status st = CheckKeyLength(key_); !st.ok()) return Respond(st);
    if (grant->content_length_range) {
      min_size_ = grant->content_length_range->first;
      max_size_ = std::min(max_size_, grant->content_length_range->second);
    }
    auto input = ObjectInputOfForm(fields_);
    if (!input.ok()) return Respond(input.status());
    if (Status st = ReadObjectAttributes(*input, version_); !st.ok()) return Respond(st);
    // The form's x-amz-server-side-encryption* fields, else the bucket's default.
    auto encryption = DecideEncryption(*input, (*state)->default_encryption,
                                       {grant->credential->account_id, backend_->options().region});
    if (!encryption.ok()) return Respond(encryption.status());
    version_.encryption = encryption->stored;
    if (encryption->customer_key) customer_key_md5_ = encryption->customer_key->key_md5;
    if (Status st = ApplyObjectLockToNewVersion((*state)->object_lock, *input, NowMs(), version_); !st.ok()) {
      return Respond(st);
    }
    // The form's acl field, judged as PutObject's x-amz-acl (refused where ACLs are off).
    aws::Call acl_call;
    acl_call.input = *input;
    acl_call.input["Bucket"] = bucket_;
    acl_call.caller.account_id = grant->credential->account_id;
    auto acl = ObjectAclForWrite(*backend_, acl_call);
    if (!acl.ok()) return Respond(acl.status());
    acl_ = std::move(acl).value();
    aws::Call claims_call;
    claims_call.input = std::move(input).value();
    auto claims = ReadIntegrityClaims(claims_call);
    if (!claims.ok()) return Respond(claims.status());
    DefaultToCrc64Nvme(*claims);
    algorithm_ = claims->algorithm;
    ReceiveBody(*backend_, shared_from_this(), std::move(claims).value(),
                [self = shared_from_this()](Result<UploadedBody> body) { self->OnFileStored(std::move(body)); });
  }

  void OnFileEvent(Result<FormEvent> event, net::OnBodyPiece on_piece) {
    if (!event.ok()) return on_piece({event.status()});
    switch (event->kind) {
      case FormEvent::Kind::kFileData:
        file_size_ += event->value.size();
        if (file_size_ > max_size_) return on_piece({EntityTooLarge(max_size_)});
        return on_piece({Status(), std::move(event->value), false});
      case FormEvent::Kind::kEnd:
        return DrainBody(std::move(on_piece));
      default:  // the file's end, and fields after it: read on to the form's end
        return Read(std::move(on_piece));
    }
  }

  // Reads what follows the closing delimiter, so the connection stays usable.
  void DrainBody(net::OnBodyPiece on_piece) {
    if (input_finished_) return on_piece({Status(), std::string(), true});
    request_.body_stream->Read([self = shared_from_this(), on_piece = std::move(on_piece)](net::BodyPiece piece) mutable {
      if (!piece.status.ok()) return on_piece({piece.status});
      if (piece.last) self->input_finished_ = true;
      self->DrainBody(std::move(on_piece));
    });
  }

  void OnFileStored(Result<UploadedBody> body) {
    if (!body.ok()) return Respond(body.status());
    if (body->size < min_size_) {
      if (body->blob != 0) backend_->RemoveBlobsLater({body->blob});
      return Respond(EntityTooSmall(body->size, min_size_));
    }
    StoreBodyInVersion(std::move(body).value(), algorithm_, version_);
    std::vector<BlobId> blobs = BlobsOf(version_);
    CommitNewVersion(*backend_, WriteBucket{bucket_, incarnation_}, key_, std::move(version_), WriteConditions{},
                     {"ObjectCreated:Post", Origin()},
                     [self = shared_from_this(), blobs](Result<ObjectVersion> written) {
      if (!written.ok()) {
        self->backend_->RemoveBlobsLater(blobs);
        return self->Respond(written.status());
      }
      self->Respond(self->SuccessResponse(*written));
    }, acl_);
  }

  // A form upload is signed by its policy, not SigV4: the bucket owner's account stands for the
  // uploader.
  EventOrigin Origin() const {
    EventOrigin origin;
    origin.request_id = request_id_;
    origin.principal_id = origin.account_id;
    return origin;
  }

  net::HttpResponse SuccessResponse(const ObjectVersion& written) const {
    std::string scheme = "http://";
    std::string host(request_.Header("host").value_or("localhost"));
    // Virtual-hosted requests post to "/" on the bucket's own host name.
    std::string location = scheme + host + (request_.Path() == "/" ? "/" : "/" + bucket_ + "/") +
                           PercentEncode(key_, /*keep_slash=*/false);
    net::HttpResponse response;
    response.SetHeader("x-amz-request-id", request_id_);
    if (written.encryption.is_customer()) {
      response.SetHeader("x-amz-server-side-encryption-customer-algorithm", written.encryption.customer_algorithm);
      response.SetHeader("x-amz-server-side-encryption-customer-key-MD5", customer_key_md5_);
    } else {
      response.SetHeader("x-amz-server-side-encryption", written.encryption.algorithm);
    }
    if (!written.encryption.kms_key_id.empty()) {
      response.SetHeader("x-amz-server-side-encryption-aws-kms-key-id", written.encryption.kms_key_id);
    }
    response.SetHeader("ETag", written.etag);
    if (written.version_id != "null") response.SetHeader("x-amz-version-id", written.version_id);
    const std::string* redirect = FindFormField(fields_, "success_action_redirect");
    if (redirect == nullptr) redirect = FindFormField(fields_, "redirect");
    if (redirect != nullptr && !redirect->empty()) {
      response.status = 303;
      response.SetHeader("Location", *redirect + (redirect->find('?') == std::string::npos ? "?" : "&") +
                                         "bucket=" + PercentEncode(bucket_, false) + "&key=" +
                                         PercentEncode(key_, false) + "&etag=" + PercentEncode(written.etag, false));
      return response;
    }
    response.SetHeader("Location", location);
    const std::string* status = FindFormField(fields_, "success_action_status");
    response.status = status && (*status == "200" || *status == "201") ? std::stoi(*status) : 204;
    if (response.status == 201) {
      std::string& xml = response.body;
      xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>";
      aws::AppendXmlEscaped(xml, location);
      xml += "</Location><Bucket>";
      aws::AppendXmlEscaped(xml, bucket_);
      xml += "</Bucket><Key>";
      aws::AppendXmlEscaped(xml, key_);
      xml += "</Key><ETag>";
      aws::AppendXmlEscaped(xml, written.etag);
      xml += "</ETag></PostResponse>";
      response.SetHeader("Content-Type", "application/xml");
    }
    return response;
  }

  void Respond(Result<net::HttpResponse> response) {
    auto respond = std::move(respond_);
    respond_ = nullptr;
    if (respond) respond(std::move(response));
  }

  std::shared_ptr<S3Backend> backend_;
  const aws::CredentialStore* credentials_;
  std::string bucket_;
  std::string incarnation_;  // BucketState::incarnation when the file began
  net::HttpRequest request_;
  std::string request_id_;
  std::function<void(Result<net::HttpResponse>)> respond_;
  MultipartFormParser parser_;
  bool input_finished_ = false;
  FormFields fields_;
  std::string key_;
  ObjectVersion version_;
  std::optional<ChecksumAlgorithm> algorithm_;
  std::optional<std::string> acl_;  // the new object's ACL record (object_acl.h); none: the default
  std::string customer_key_md5_;  // SSE-C: the key's MD5 the response reports
  uint64_t file_size_ = 0;
  uint64_t min_size_ = 0;
  uint64_t max_size_ = kMaxObjectBytes;
};

class S3FormUploadHandler : public aws::FormUploadHandler {
 public:
  S3FormUploadHandler(std::shared_ptr<S3Backend> backend, const aws::CredentialStore* credentials)
      : backend_(std::move(backend)), credentials_(credentials) {}

  void Upload(std::string bucket, net::HttpRequest request, std::string request_id,
              std::function<void(Result<net::HttpResponse>)> respond) const override {
    auto boundary = FormBoundaryOf(request.Header("content-type").value_or(""));
    if (!boundary.ok()) return respond(boundary.status());
    auto upload = std::make_shared<FormUpload>(backend_, credentials_, std::move(bucket), std::move(request),
                                               std::move(request_id), std::move(respond), std::move(boundary).value());
    upload->ReadFields();
  }

 private:
  std::shared_ptr<S3Backend> backend_;
  const aws::CredentialStore* credentials_;
};

}  // namespace

std::shared_ptr<const aws::FormUploadHandler> NewFormUploadHandler(std::shared_ptr<S3Backend> backend,
                                                                   const aws::CredentialStore* credentials) {
  return std::make_shared<S3FormUploadHandler>(std::move(backend), credentials);
}

}  // namespace skybox::s3
