#include "pointer.hpp"

namespace sqp::json {

std::string Loc::Pointer() const {
  if (kind_ == Kind::kRoot) return "";
  std::string prefix = parent_ ? parent_->Pointer() : std::string();
  prefix += '/';
  if (kind_ == Kind::kIndex) {
    prefix += std::to_string(index_);
  } else {
    AppendPointerToken(prefix, key_);
  }
  return prefix;
}

void AppendPointerToken(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
}

}  // namespace sqp::json
