#include "services/dynamodb/operations.h"
#include "services/dynamodb/read_pipeline.h"

namespace skybox::dynamodb {
namespace {

Result<aws::Document> RunScan(Backend& db, const aws::Document& in) {
  PageRequest request;
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_RETURN_IF_ERROR(ParseReadRequest(db, in, "ScanFilter", attributes, &request));
  SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
  bool has_segment = in.contains("Segment"), has_total = in.contains("TotalSegments");
  if (has_segment && !has_total) {
    return ValidationError("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  }
  if (has_total && !has_segment) {
    return ValidationError("The Segment parameter is required but was not present in the request when parameter TotalSegments is present");
  }
  uint32_t segment = in.value("Segment", 0u), total = in.value("TotalSegments", 1u);
  if (segment >= total) {
    return ValidationError("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
                           std::to_string(segment) + " is not less than TotalSegments: " + std::to_string(total));
  }
  KeyRange range = SegmentRange(request.table->id, request.index ? request.index->number : kBaseTable, segment, total);
  if (has_segment) {
    SKYBOX_ASSIGN_OR_RETURN(std::optional<std::string> start, ExclusiveStartStorageKey(in, request));
    if (start && (*start < range.lower || *start >= range.upper)) {
      return ValidationError("The provided Exclusive start key does not map to the provided Segment and TotalSegments values.");
    }
  }
  request.lower = std::move(range.lower);
  request.upper = std::move(range.upper);
  SKYBOX_RETURN_IF_ERROR(ApplyExclusiveStartKey(in, &request));
  if (request.lower >= request.upper) return PageOutput(in, request, Page{});
  SKYBOX_ASSIGN_OR_RETURN(Page page, ReadPage(db, request));
  return PageOutput(in, request, std::move(page));
}

}  // namespace

void Scan(Backend& db, aws::Call call, aws::CallDone done) { done(RunScan(db, call.input)); }

}  // namespace skybox::dynamodb
