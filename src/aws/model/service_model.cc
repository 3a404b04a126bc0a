#include "aws/model/service_model.h"

#include <algorithm>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "aws/model/embedded_models.h"
#include "base/log.h"

namespace skybox::aws {

// ordered_json keeps the model's member order, which XML outputs follow.
using Json = nlohmann::ordered_json;

class ServiceModel::Builder {
 public:
  explicit Builder(ServiceModel& model) : m_(model) {}

  Status Build(const Json& root) {
    if (!root.is_object() || !root.contains("metadata") || !root.contains("shapes")) {
      return Status(StatusCode::kDataLoss, "model lacks metadata or shapes");
    }
    ReadMetadata(root["metadata"]);
    // Two passes: allocate every shape first so members can point at shapes defined later.
    const Json& shapes = root["shapes"];
    for (auto it = shapes.begin(); it != shapes.end(); ++it) {
      auto shape = std::make_unique<Shape>();
      shape->name = it.key();
      m_.shapes_by_name_.emplace(shape->name, shape.get());
      m_.shapes_.push_back(std::move(shape));
    }
    for (auto& shape : m_.shapes_) SKYBOX_RETURN_IF_ERROR(ReadShape(shapes[shape->name], *shape));
    if (root.contains("operations")) {
      for (auto it = root["operations"].begin(); it != root["operations"].end(); ++it) {
        SKYBOX_RETURN_IF_ERROR(ReadOperation(it.key(), it.value()));
      }
    }
    std::sort(m_.operations_.begin(), m_.operations_.end(),
              [](const OperationModel& a, const OperationModel& b) { return a.name < b.name; });
    for (const OperationModel& op : m_.operations_) m_.operations_by_name_.emplace(op.name, &op);
    for (const auto& shape : m_.shapes_) {
      if (!shape->exception) continue;
      m_.errors_by_code_.emplace(shape->name, shape.get());
      if (!shape->error_code.empty()) m_.errors_by_code_.emplace(shape->error_code, shape.get());
    }
    return Status::Ok();
  }

 private:
  static std::string Str(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  static bool Bool(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
  }
  static std::optional<int64_t> Int(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    if (it->is_number_float()) return static_cast<int64_t>(it->get<double>());
    if (it->is_number_unsigned() && it->get<uint64_t>() > INT64_MAX) return INT64_MAX;
    return it->get<int64_t>();
  }
  static TimestampFormat Format(const Json& j) {
    std::string f = Str(j, "timestampFormat");
    if (f == "iso8601") return TimestampFormat::kIso8601;
    if (f == "unixTimestamp") return TimestampFormat::kUnixTimestamp;
    if (f == "rfc822") return TimestampFormat::kRfc822;
    return TimestampFormat::kDefault;
  }

  void ReadMetadata(const Json& j) {
    ServiceMetadata& md = m_.metadata_;
    md.protocol = Str(j, "protocol");
    if (auto it = j.find("protocols"); it != j.end() && it->is_array()) {
      for (const Json& p : *it) {
        if (p.is_string()) md.protocols.push_back(p.get<std::string>());
      }
    }
    if (md.protocols.empty()) md.protocols.push_back(md.protocol);
    md.json_version = Str(j, "jsonVersion");
    md.target_prefix = Str(j, "targetPrefix");
    md.endpoint_prefix = Str(j, "endpointPrefix");
    md.signing_name = Str(j, "signingName");
    if (md.signing_name.empty()) md.signing_name = md.endpoint_prefix;
    md.api_version = Str(j, "apiVersion");
    md.xml_namespace = Str(j, "xmlNamespace");
    md.service_id = Str(j, "serviceId");
    md.service_full_name = Str(j, "serviceFullName");
    md.aws_query_compatible = j.contains("awsQueryCompatible");
  }

  Status ReadMember(const std::string& name, const Json& j, Member& out) {
    out.name = name;
    std::string target = Str(j, "shape");
    auto it = m_.shapes_by_name_.find(target);
    if (it == m_.shapes_by_name_.end()) {
      return Status(StatusCode::kDataLoss, "member " + name + " refers to unknown shape " + target);
    }
    out.shape = it->second;
    std::string loc = Str(j, "location");
    if (loc == "uri") out.location = Location::kUri;
    else if (loc == "querystring") out.location = Location::kQueryString;
    else if (loc == "header") out.location = Location::kHeader;
    else if (loc == "headers") out.location = Location::kHeaders;
    else if (loc == "statusCode") out.location = Location::kStatusCode;
    out.location_name = Str(j, "locationName");
    out.query_name = Str(j, "queryName");
    if (auto ns = j.find("xmlNamespace"); ns != j.end() && ns->is_object()) {
      out.xml_namespace_uri = Str(*ns, "uri");
      out.xml_namespace_prefix = Str(*ns, "prefix");
    }
    out.timestamp_format = Format(j);
    out.flattened = Bool(j, "flattened");
    out.xml_attribute = Bool(j, "xmlAttribute");
    out.streaming = Bool(j, "streaming");
    out.idempotency_token = Bool(j, "idempotencyToken");
    out.json_value = Bool(j, "jsonvalue");
    out.host_label = Bool(j, "hostLabel");
    out.event_payload = Bool(j, "eventpayload");
    return Status::Ok();
  }

  Status ReadShape(const Json& j, Shape& s) {
    static const std::map<std::string_view, ShapeType> kTypes = {
        {"structure", ShapeType::kStructure}, {"list", ShapeType::kList},
        {"map", ShapeType::kMap},             {"string", ShapeType::kString},
        {"integer", ShapeType::kInteger},     {"long", ShapeType::kLong},
        {"float", ShapeType::kFloat},         {"double", ShapeType::kDouble},
        {"boolean", ShapeType::kBoolean},     {"blob", ShapeType::kBlob},
        {"timestamp", ShapeType::kTimestamp}, {"bigdecimal", ShapeType::kDouble},
        {"biginteger", ShapeType::kLong},     {"byte", ShapeType::kInteger},
        {"short", ShapeType::kInteger},
    };
    std::string type = Str(j, "type");
    auto t = kTypes.find(type);
    if (t == kTypes.end()) return Status(StatusCode::kDataLoss, "shape " + s.name + " has type " + type);
    s.type = Bool(j, "document") ? ShapeType::kDocument : t->second;
    if (auto ms = j.find("members"); ms != j.end() && ms->is_object()) {
      s.members.reserve(ms->size());
      for (auto it = ms->begin(); it != ms->end(); ++it) {
        Member m;
        SKYBOX_RETURN_IF_ERROR(ReadMember(it.key(), it.value(), m));
        s.members.push_back(std::move(m));
      }
    }
    if (auto req = j.find("required"); req != j.end() && req->is_array()) {
      for (const Json& r : *req) {
        for (Member& m : s.members) {
          if (r.is_string() && m.name == r.get<std::string>()) m.required = true;
        }
      }
    }
    if (j.contains("member")) SKYBOX_RETURN_IF_ERROR(ReadMember("member", j["member"], s.member));
    if (j.contains("key")) SKYBOX_RETURN_IF_ERROR(ReadMember("key", j["key"], s.key));
    if (j.contains("value")) SKYBOX_RETURN_IF_ERROR(ReadMember("value", j["value"], s.value));
    if (auto e = j.find("enum"); e != j.end() && e->is_array()) {
      for (const Json& v : *e) {
        if (v.is_string()) s.enum_values.push_back(v.get<std::string>());
      }
    }
    if (auto o = j.find("xmlOrder"); o != j.end() && o->is_array()) {
      for (const Json& v : *o) {
        if (v.is_string()) s.xml_order.push_back(v.get<std::string>());
      }
    }
    s.payload = Str(j, "payload");
    s.min = Int(j, "min");
    s.max = Int(j, "max");
    s.pattern = Str(j, "pattern");
    s.location_name = Str(j, "locationName");
    if (auto ns = j.find("xmlNamespace"); ns != j.end() && ns->is_object()) {
      s.xml_namespace_uri = Str(*ns, "uri");
      s.xml_namespace_prefix = Str(*ns, "prefix");
    }
    s.timestamp_format = Format(j);
    s.flattened = Bool(j, "flattened");
    s.streaming = Bool(j, "streaming");
    s.requires_length = Bool(j, "requiresLength");
    s.eventstream = Bool(j, "eventstream");
    s.event = Bool(j, "event");
    s.is_union = Bool(j, "union");
    s.sensitive = Bool(j, "sensitive");
    s.exception = Bool(j, "exception");
    s.fault = Bool(j, "fault");
    if (auto e = j.find("error"); e != j.end() && e->is_object()) {
      s.error_code = Str(*e, "code");
      s.error_http_status = static_cast<int>(Int(*e, "httpStatusCode").value_or(0));
      s.error_sender_fault = Bool(*e, "senderFault");
    }
    return Status::Ok();
  }

  const Shape* ShapeRef(const Json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_object()) return nullptr;
    auto s = m_.shapes_by_name_.find(Str(*it, "shape"));
    return s == m_.shapes_by_name_.end() ? nullptr : s->second;
  }

  static void SplitRequestUri(OperationModel& op) {
    std::string_view uri = op.request_uri;
    size_t q = uri.find('?');
    std::string_view path = uri.substr(0, q);
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
      size_t slash = path.find('/');
      std::string_view seg = path.substr(0, slash);
      UriSegment s;
      if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
        seg = seg.substr(1, seg.size() - 2);
        s.kind = !seg.empty() && seg.back() == '+' ? UriSegment::Kind::kGreedyLabel : UriSegment::Kind::kLabel;
        if (s.kind == UriSegment::Kind::kGreedyLabel) seg.remove_suffix(1);
      }
      s.text = std::string(seg);
      op.uri_segments.push_back(std::move(s));
      if (slash == std::string_view::npos) break;
      path = path.substr(slash + 1);
    }
    std::string_view query = q == std::string_view::npos ? std::string_view() : uri.substr(q + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view piece = query.substr(0, amp);
      size_t eq = piece.find('=');
      op.uri_query_literals.emplace_back(std::string(piece.substr(0, eq)),
                                         eq == std::string_view::npos ? "" : std::string(piece.substr(eq + 1)));
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }

  Status ReadOperation(const std::string& name, const Json& j) {
    OperationModel op;
    op.name = name;
    if (auto h = j.find("http"); h != j.end() && h->is_object()) {
      if (auto m = Str(*h, "method"); !m.empty()) op.http_method = m;
      if (auto u = Str(*h, "requestUri"); !u.empty()) op.request_uri = u;
      op.http_response_code = static_cast<int>(Int(*h, "responseCode").value_or(200));
    }
    SplitRequestUri(op);
    op.input = ShapeRef(j, "input");
    op.output = ShapeRef(j, "output");
    if (auto in = j.find("input"); in != j.end() && in->is_object()) {
      op.input_location_name = Str(*in, "locationName");
      if (auto ns = in->find("xmlNamespace"); ns != in->end() && ns->is_object()) {
        op.input_xml_namespace_uri = Str(*ns, "uri");
      }
    }
    if (auto out = j.find("output"); out != j.end() && out->is_object()) {
      op.result_wrapper = Str(*out, "resultWrapper");
    }
    if (auto e = j.find("endpoint"); e != j.end() && e->is_object()) op.host_prefix = Str(*e, "hostPrefix");
    if (auto errs = j.find("errors"); errs != j.end() && errs->is_array()) {
      for (const Json& e : *errs) {
        auto s = m_.shapes_by_name_.find(e.is_object() ? Str(e, "shape") : std::string());
        if (s != m_.shapes_by_name_.end()) op.errors.push_back(s->second);
      }
    }
    if (auto a = j.find("auth"); a != j.end() && a->is_array()) {
      for (const Json& v : *a) {
        if (v.is_string()) op.auth_types.push_back(v.get<std::string>());
      }
    }
    if (auto a = Str(j, "authtype"); !a.empty()) op.auth_types.push_back(a);
    op.unsigned_payload = Bool(j, "unsignedPayload");
    op.deprecated = Bool(j, "deprecated");
    op.idempotent = Bool(j, "idempotent");
    m_.operations_.push_back(std::move(op));
    return Status::Ok();
  }

  ServiceModel& m_;
};

Result<std::unique_ptr<ServiceModel>> ServiceModel::Parse(std::string_view name,
                                                          std::string_view json_text) {
  Json root = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return Status(StatusCode::kDataLoss, "model is not valid JSON");
  std::unique_ptr<ServiceModel> model(new ServiceModel());
  model->name_ = std::string(name);
  SKYBOX_RETURN_IF_ERROR(Builder(*model).Build(root));
  return model;
}

namespace {

// One slot per embedded model, filled on first use.
struct LazyModel {
  const EmbeddedModel* source;
  std::once_flag once;
  std::unique_ptr<ServiceModel> model;
};

std::vector<LazyModel>& LazyModels() {
  static std::vector<LazyModel> slots = [] {
    std::vector<LazyModel> v(EmbeddedModels().size());
    for (size_t i = 0; i < v.size(); ++i) v[i].source = &EmbeddedModels()[i];
    return v;
  }();
  return slots;
}

}  // namespace

const ServiceModel* ServiceModel::Find(std::string_view name) {
  for (LazyModel& slot : LazyModels()) {
    if (slot.source->name != name) continue;
    std::call_once(slot.once, [&slot] {
      auto text = Gunzip(slot.source->compressed);
      if (!text.ok()) {
        Log(LogLevel::kError, "embedded model is corrupt",
            {{"service", std::string(slot.source->name)}, {"error", text.status().ToString()}});
        return;
      }
      auto parsed = Parse(slot.source->name, *text);
      if (!parsed.ok()) {
        Log(LogLevel::kError, "embedded model does not parse",
            {{"service", std::string(slot.source->name)}, {"error", parsed.status().ToString()}});
        return;
      }
      slot.model = std::move(parsed).value();
    });
    return slot.model.get();
  }
  return nullptr;
}

std::vector<std::string> ServiceModel::Names() {
  std::vector<std::string> names;
  for (const EmbeddedModel& m : EmbeddedModels()) names.emplace_back(m.name);
  return names;
}

const OperationModel* ServiceModel::FindOperation(std::string_view name) const {
  auto it = operations_by_name_.find(name);
  return it == operations_by_name_.end() ? nullptr : it->second;
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  auto it = shapes_by_name_.find(name);
  return it == shapes_by_name_.end() ? nullptr : it->second;
}

const Shape* ServiceModel::FindErrorShape(std::string_view code) const {
  auto it = errors_by_code_.find(code);
  return it == errors_by_code_.end() ? nullptr : it->second;
}

}  // namespace skybox::aws
