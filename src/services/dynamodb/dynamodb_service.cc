#include "services/dynamodb/dynamodb_service.h"

#include "services/dynamodb/operations.h"
#include "services/dynamodb/ttl_worker.h"

namespace skybox::services {

Result<std::vector<std::unique_ptr<aws::Service>>> MakeDynamoDbServices(storage::Store* store, dynamodb::BackendOptions options) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<dynamodb::Backend> backend, dynamodb::Backend::Open(store, std::move(options)));
  auto service = std::make_unique<aws::Service>("dynamodb");
  using Handler = void (*)(dynamodb::Backend&, aws::Call, aws::CallDone);
  auto bind = [&backend](Handler handler) -> aws::OperationHandler {
    return [backend, handler](aws::Call call, aws::CallDone done) { handler(*backend, std::move(call), std::move(done)); };
  };
  using namespace dynamodb;  // NOLINT: the handler names read as the operation table
  service->Register("CreateTable", bind(CreateTable));
  service->Register("DescribeTable", bind(DescribeTable));
  service->Register("ListTables", bind(ListTables));
  service->Register("DeleteTable", bind(DeleteTable));
  service->Register("UpdateTable", bind(UpdateTable));
  service->Register("TagResource", bind(TagResource));
  service->Register("UntagResource", bind(UntagResource));
  service->Register("ListTagsOfResource", bind(ListTagsOfResource));
  service->Register("UpdateTimeToLive", bind(UpdateTimeToLive));
  service->Register("DescribeTimeToLive", bind(DescribeTimeToLive));
  service->Register("UpdateContinuousBackups", bind(UpdateContinuousBackups));
  service->Register("DescribeContinuousBackups", bind(DescribeContinuousBackups));
  service->Register("DescribeLimits", bind(DescribeLimits));
  service->Register("DescribeEndpoints", bind(DescribeEndpoints));
  service->Register("PutItem", bind(PutItem));
  service->Register("GetItem", bind(GetItem));
  service->Register("DeleteItem", bind(DeleteItem));
  service->Register("UpdateItem", bind(UpdateItem));
  service->Register("Query", bind(Query));
  service->Register("Scan", bind(Scan));
  service->Register("BatchGetItem", bind(BatchGetItem));
  service->Register("BatchWriteItem", bind(BatchWriteItem));
  service->Register("TransactWriteItems", bind(TransactWriteItems));
  service->Register("TransactGetItems", bind(TransactGetItems));
  service->Register("ExecuteStatement", bind(ExecuteStatement));
  service->Register("BatchExecuteStatement", bind(BatchExecuteStatement));
  service->Register("ExecuteTransaction", bind(ExecuteTransaction));
  auto streams = std::make_unique<aws::Service>("dynamodbstreams");
  streams->Register("ListStreams", bind(ListStreams));
  streams->Register("DescribeStream", bind(DescribeStream));
  streams->Register("GetShardIterator", bind(GetShardIterator));
  streams->Register("GetRecords", bind(GetRecords));

  auto ttl = std::make_shared<TtlWorker>(backend, backend->options().ttl_interval);
  ttl->Start();
  // The hook owns the worker: it stops at shutdown, or when the service is destroyed.
  service->SetShutdownHook([ttl] { ttl->Stop(); });
  std::vector<std::unique_ptr<aws::Service>> services;
  services.push_back(std::move(service));
  services.push_back(std::move(streams));
  return services;
}

}  // namespace skybox::services
