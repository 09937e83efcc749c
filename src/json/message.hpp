// Pieces of the messages that describe a document's problems: a value quoted, a value's kind,
// a number as written, a list of names.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace sqp::json {

// A value quoted for a message: at most 40 characters, control characters escaped.
std::string Quote(std::string_view text);
// A JSON value's kind for messages: "a string", "a number", "null", …
std::string_view KindOf(const boost::json::value& v);
// A number as written in messages: the shortest text that reads back the same value ("2.5", not
// Boost's "2.5E0"); a number beyond a double's range (1e400 in the input), or one the parser
// marked inexact (IsInexactNumber), says so.
std::string NumberText(const boost::json::value& v);
// "a, b, c": names listed in a message.
std::string JoinNames(std::span<const std::string_view> names);

}  // namespace sqp::json
