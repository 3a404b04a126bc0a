#include "services/sqs/sqs_service.h"

#include "services/sqs/move_tasks.h"
#include "services/sqs/operations.h"
#include "services/sqs/queue_sink.h"

namespace skybox::services {

Result<std::unique_ptr<aws::Service>> MakeSqsService(storage::Store* store, sqs::SqsOptions options,
                                                     delivery::SinkRegistry* sinks) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<sqs::SqsBackend> backend, sqs::SqsBackend::Open(store, std::move(options)));
  if (sinks != nullptr) sinks->Register("arn:aws:sqs:", std::make_shared<sqs::QueueSink>(backend));
  auto service = std::make_unique<aws::Service>("sqs");
  using Handler = void (*)(sqs::SqsBackend&, aws::Call, aws::CallDone);
  auto bind = [&backend](Handler handler) -> aws::OperationHandler {
    return [backend, handler](aws::Call call, aws::CallDone done) { handler(*backend, std::move(call), std::move(done)); };
  };
  service->Register("CreateQueue", bind(sqs::CreateQueue));
  service->Register("GetQueueUrl", bind(sqs::GetQueueUrl));
  service->Register("ListQueues", bind(sqs::ListQueues));
  service->Register("DeleteQueue", bind(sqs::DeleteQueue));
  service->Register("GetQueueAttributes", bind(sqs::GetQueueAttributes));
  service->Register("SetQueueAttributes", bind(sqs::SetQueueAttributes));
  service->Register("TagQueue", bind(sqs::TagQueue));
  service->Register("UntagQueue", bind(sqs::UntagQueue));
  service->Register("ListQueueTags", bind(sqs::ListQueueTags));
  service->Register("AddPermission", bind(sqs::AddPermission));
  service->Register("RemovePermission", bind(sqs::RemovePermission));
  service->Register("SendMessage", bind(sqs::SendMessage));
  service->Register("SendMessageBatch", bind(sqs::SendMessageBatch));
  service->Register("ReceiveMessage", bind(sqs::ReceiveMessage));
  service->Register("DeleteMessage", bind(sqs::DeleteMessage));
  service->Register("DeleteMessageBatch", bind(sqs::DeleteMessageBatch));
  service->Register("ChangeMessageVisibility", bind(sqs::ChangeMessageVisibility));
  service->Register("ChangeMessageVisibilityBatch", bind(sqs::ChangeMessageVisibilityBatch));
  service->Register("PurgeQueue", bind(sqs::PurgeQueue));
  service->Register("ListDeadLetterSourceQueues", bind(sqs::ListDeadLetterSourceQueues));

  auto tasks = std::make_shared<sqs::MoveTasks>(backend.get());
  tasks->Resume();
  service->Register("StartMessageMoveTask", [backend, tasks](aws::Call c, aws::CallDone d) { tasks->Start(std::move(c), std::move(d)); });
  service->Register("ListMessageMoveTasks", [backend, tasks](aws::Call c, aws::CallDone d) { tasks->List(std::move(c), std::move(d)); });
  service->Register("CancelMessageMoveTask", [backend, tasks](aws::Call c, aws::CallDone d) { tasks->Cancel(std::move(c), std::move(d)); });
  service->SetShutdownHook([backend] { backend->BeginShutdown(); });
  return service;
}

}  // namespace skybox::services
