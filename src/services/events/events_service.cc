#include "services/events/events_service.h"

#include "services/events/bus_sink.h"
#include "services/events/operations.h"
#include "services/events/scheduler.h"

namespace skybox::services {

Result<std::unique_ptr<aws::Service>> MakeEventsService(storage::Store* store, delivery::SinkRegistry* sinks,
                                                        std::shared_ptr<delivery::Outbox> outbox,
                                                        events::EventsOptions options) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<events::EventsBackend> backend,
                          events::EventsBackend::Open(store, std::move(outbox), std::move(options)));
  sinks->Register("arn:aws:events:", std::make_shared<events::EventBusSink>(backend));
  auto scheduler = std::make_shared<events::Scheduler>(backend);
  scheduler->Start();

  auto service = std::make_unique<aws::Service>("events");
  using Handler = void (*)(events::EventsBackend&, aws::Call, aws::CallDone);
  auto bind = [&backend](Handler handler) -> aws::OperationHandler {
    return [backend, handler](aws::Call call, aws::CallDone done) { handler(*backend, std::move(call), std::move(done)); };
  };
  service->Register("CreateEventBus", bind(events::CreateEventBus));
  service->Register("DeleteEventBus", bind(events::DeleteEventBus));
  service->Register("DescribeEventBus", bind(events::DescribeEventBus));
  service->Register("ListEventBuses", bind(events::ListEventBuses));
  service->Register("UpdateEventBus", bind(events::UpdateEventBus));
  service->Register("PutRule", bind(events::PutRule));
  service->Register("DescribeRule", bind(events::DescribeRule));
  service->Register("ListRules", bind(events::ListRules));
  service->Register("DeleteRule", bind(events::DeleteRule));
  service->Register("EnableRule", bind(events::EnableRule));
  service->Register("DisableRule", bind(events::DisableRule));
  service->Register("PutTargets", bind(events::PutTargets));
  service->Register("RemoveTargets", bind(events::RemoveTargets));
  service->Register("ListTargetsByRule", bind(events::ListTargetsByRule));
  service->Register("ListRuleNamesByTarget", bind(events::ListRuleNamesByTarget));
  service->Register("TagResource", bind(events::TagResource));
  service->Register("UntagResource", bind(events::UntagResource));
  service->Register("ListTagsForResource", bind(events::ListTagsForResource));
  service->Register("PutEvents", bind(events::PutEvents));
  service->Register("TestEventPattern", bind(events::TestEventPattern));
  service->Register("CreateArchive", bind(events::CreateArchive));
  service->Register("DescribeArchive", bind(events::DescribeArchive));
  service->Register("ListArchives", bind(events::ListArchives));
  service->Register("UpdateArchive", bind(events::UpdateArchive));
  service->Register("DeleteArchive", bind(events::DeleteArchive));
  service->Register("StartReplay", bind(events::StartReplay));
  service->Register("DescribeReplay", bind(events::DescribeReplay));
  service->Register("ListReplays", bind(events::ListReplays));
  service->Register("CancelReplay", bind(events::CancelReplay));
  service->SetShutdownHook([scheduler] { scheduler->Stop(); });
  return service;
}

}  // namespace skybox::services
