// The command's manual, one source for `sqp --help`, `sqp OPERATION --help`, `sqp help
// [OPERATION]` and the manual page sqp(1) (`sqp help --roff`, run by the build to make
// share/man/man1/sqp.1.gz). The texts live in manual.cpp only, so the help and the manual page
// cannot drift: the test man_page renders the page with `man -l` and finds every line of the
// help in it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sqp::cli {

// `sqp --help`: usage, the operations, options, exit codes, examples.
std::string HelpText();

// `sqp OPERATION --help`, `sqp help OPERATION`: the operation's input, output, rules and an
// example; nullopt for a name that is no operation.
std::optional<std::string> OperationHelp(std::string_view operation);

// The manual page sqp(1) in roff (man(7) macros), made from the same texts.
std::string ManPage();

}  // namespace sqp::cli
