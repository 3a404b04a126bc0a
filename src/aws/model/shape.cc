#include "aws/model/shape.h"

namespace skybox::aws {

const Member* Shape::FindMember(std::string_view member_name) const {
  for (const Member& m : members) {
    if (m.name == member_name) return &m;
  }
  return nullptr;
}

const Member* Shape::PayloadMember() const {
  return payload.empty() ? nullptr : FindMember(payload);
}

}  // namespace skybox::aws
