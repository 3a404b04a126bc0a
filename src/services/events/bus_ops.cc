#include "services/events/events_errors.h"
#include "services/events/operations.h"

namespace skybox::services::events {
namespace {

// A Describe/List/Update view of a bus; times in seconds as the codec expects.
aws::Document BusDocument(const EventsBackend& events, const BusRecord& bus, bool with_config) {
  aws::Document out = {{"Name", bus.name}, {"Arn", BusArn(events.options().region, bus.account, bus.name)}};
  if (!bus.description.empty()) out["Description"] = bus.description;
  if (bus.created_ms != 0) out["CreationTime"] = bus.created_ms / 1000.0;
  if (bus.modified_ms != 0) out["LastModifiedTime"] = bus.modified_ms / 1000.0;
  if (with_config) {
    if (!bus.kms_key.empty()) out["KmsKeyIdentifier"] = bus.kms_key;
    if (!bus.dead_letter_arn.empty()) out["DeadLetterConfig"] = {{"Arn", bus.dead_letter_arn}};
  }
  return out;
}

// Applies the optional configuration members CreateEventBus and UpdateEventBus share.
void ApplyConfig(const aws::Document& input, BusRecord& bus) {
  if (input.contains("Description")) bus.description = input.value("Description", std::string());
  if (input.contains("KmsKeyIdentifier")) bus.kms_key = input.value("KmsKeyIdentifier", std::string());
  if (auto dlq = input.find("DeadLetterConfig"); dlq != input.end()) {
    bus.dead_letter_arn = dlq->value("Arn", std::string());
  }
}

}  // namespace

void CreateEventBus(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("Name", std::string());
  if (call.input.contains("EventSourceName")) {
    return done(ValidationError("Partner event sources are not supported."));
  }
  if (name.find('/') != std::string::npos) {
    return done(ValidationError("Event bus name must not contain '/'."));
  }
  auto created = std::make_shared<BusRecord>();
  int64_t now = events.Now();
  events.MutateBus(
      AccountOf(call), name,
      [&](std::optional<BusRecord>& bus) {
        if (bus) return ResourceAlreadyExists("Event bus " + name + " already exists.");
        bus = BusRecord{.account = AccountOf(call), .name = name, .created_ms = now, .modified_ms = now};
        ApplyConfig(call.input, *bus);
        bus->tags = TagsFromList(call.input.value("Tags", aws::Document::array()));
        *created = *bus;
        return Status::Ok();
      },
      [&events, created, done](Status s) {
        if (!s.ok()) return done(s);
        aws::Document out = BusDocument(events, *created, true);
        out["EventBusArn"] = out["Arn"];
        for (const char* drop : {"Arn", "Name", "CreationTime", "LastModifiedTime"}) out.erase(drop);
        done(std::move(out));
      });
}

void DeleteEventBus(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = BusNameOf(call.input.value("Name", std::string()));
  if (name == kDefaultBus) return done(ValidationError("Cannot delete event bus default."));
  events.MutateBus(
      AccountOf(call), name,
      [](std::optional<BusRecord>& bus) {
        bus.reset();  // deleting a bus that does not exist succeeds, as in AWS
        return Status::Ok();
      },
      Acknowledge(std::move(done)));
}

void DescribeEventBus(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = BusNameOf(call.input.value("Name", std::string()));
  std::optional<BusRecord> bus = events.FindBus(AccountOf(call), name);
  if (!bus) return done(BusNotFound(name));
  done(BusDocument(events, *bus, true));
}

void ListEventBuses(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string prefix = call.input.value("NamePrefix", std::string());
  std::vector<BusRecord> buses;
  std::vector<std::string> names;
  for (BusRecord& bus : events.ListBuses(AccountOf(call))) {
    if (bus.name.rfind(prefix, 0) != 0) continue;
    names.push_back(bus.name);
    buses.push_back(std::move(bus));
  }
  auto page = PageOf(call, names);
  if (!page.ok()) return done(page.status());
  aws::Document list = aws::Document::array();
  for (size_t i = page->first; i < page->end; ++i) list.push_back(BusDocument(events, buses[i], false));
  aws::Document out = {{"EventBuses", std::move(list)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  done(std::move(out));
}

void UpdateEventBus(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = BusNameOf(call.input.value("Name", std::string()));
  auto updated = std::make_shared<BusRecord>();
  int64_t now = events.Now();
  events.MutateBus(
      AccountOf(call), name,
      [&](std::optional<BusRecord>& bus) {
        if (!bus) return BusNotFound(name);
        ApplyConfig(call.input, *bus);
        bus->modified_ms = now;
        if (bus->created_ms == 0) bus->created_ms = now;
        *updated = *bus;
        return Status::Ok();
      },
      [&events, updated, done](Status s) {
        if (!s.ok()) return done(s);
        aws::Document out = BusDocument(events, *updated, true);
        out.erase("CreationTime");
        out.erase("LastModifiedTime");
        done(std::move(out));
      });
}

}  // namespace skybox::services::events
