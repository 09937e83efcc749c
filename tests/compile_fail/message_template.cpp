// Each SQP_FAULT_n is a template the parser must refuse at compile time (tests/CMakeLists.txt
// compiles this file once per fault and expects the compiler to fail; SQP_FAULT_0 must compile,
// so that a failure is the template's and not the file's).
#include "ops/message_template.hpp"

namespace {
using namespace sqp::internal::message;
constexpr std::array kSlots = {SlotName{"date"}, SlotName{"plural", 2}};

#if defined(SQP_FAULT_0)
constexpr Template kTemplate = Parse("on {date}, {plural|one|many}", kSlots);
#elif defined(SQP_FAULT_1)
constexpr Template kTemplate = Parse("on {dates}", kSlots);  // no such slot
#elif defined(SQP_FAULT_2)
constexpr Template kTemplate = Parse("on {date|a|b}", kSlots);  // a value slot has no wordings
#elif defined(SQP_FAULT_3)
constexpr Template kTemplate = Parse("{plural|one}", kSlots);  // a selector has two
#elif defined(SQP_FAULT_4)
constexpr Template kTemplate = Parse("say \"{date}\"", kSlots);  // needs JSON escaping
#elif defined(SQP_FAULT_5)
constexpr Template kTemplate = Parse("on {date", kSlots);  // unclosed
#elif defined(SQP_FAULT_6)
constexpr Template kTemplate = Parse("on date}", kSlots);  // stray brace
#elif defined(SQP_FAULT_7)
constexpr Template kTemplate = Parse("{date}{date}{date}{date}{date}{date}{date}{date}{date}", kSlots);
#endif
}  // namespace

int main() { return kTemplate.size; }
