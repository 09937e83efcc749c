// What the text reports share: each is laid out from its operation's typed result (RenderFrom),
// and shows the strings that come from the input or a rulebook through ReportString.
#pragma once

#include <string>
#include <string_view>

#include "strings.hpp"

namespace sqp::internal {

// A string from the input (a name, an id, a message quoting one) as a text report shows it: its
// control characters, newline and tab too, written as visible escapes, so that no input can make
// a line of the report's own (the report as a whole is then made TerminalSafe).
inline std::string ReportString(std::string_view s) { return TerminalSafe(s, /*keep_line_breaks=*/false); }

}  // namespace sqp::internal
