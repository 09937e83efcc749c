// The `sqp` command (CONTRACT.md §5): reads files, calls the engine, prints. No rule lives here.
//
//   sqp OPERATION [FILE|-] [--rulebook FILE] [--format json|text] [--batch]
//   sqp rulebook validate FILE
//
// Exit codes: 0 evaluated (whatever the decision), 1 internal error, 2 usage error,
// 3 invalid input, 4 invalid rulebook.
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <fcntl.h>      // open: the --batch input
#include <stdio_ext.h>  // __fpurge: output that cannot be written is dropped once reported
#include <sys/stat.h>   // fstat: the --batch input's size, for the progress line
#include <unistd.h>     // isatty: the --batch progress line

#include <boost/json.hpp>

#include "cli/batch.hpp"
#include "cli/manual.hpp"
#include "sqp.h"
#include "sqp/engine.hpp"
#include "strings.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInput = 3;
constexpr int kExitRulebook = 4;

int ExitCodeFor(sqp::ErrorCode code) {
  switch (code) {
    case sqp::ErrorCode::kOk: return kExitOk;
    case sqp::ErrorCode::kUsage:
    case sqp::ErrorCode::kUnknownOperation: return kExitUsage;
    case sqp::ErrorCode::kInvalidJson:
    case sqp::ErrorCode::kInvalidSchema:
    case sqp::ErrorCode::kInvalidInput:
    case sqp::ErrorCode::kLimitExceeded: return kExitInput;
    case sqp::ErrorCode::kInvalidRulebook: return kExitRulebook;
    case sqp::ErrorCode::kOutOfMemory:
    case sqp::ErrorCode::kInternal: return kExitInternal;
  }
  return kExitInternal;
}

std::string OperationList() {
  std::string names;
  for (auto n : sqp::Engine::OperationNames()) names += (names.empty() ? "" : ", ") + std::string(n);
  return names;
}

int UsageError(const std::string& message) {
  std::cerr << "sqp: " << message << "\nTry 'sqp --help'.\n";
  return kExitUsage;
}

// Standard output could not be written (`where`: " after line N", or empty; `error`: the errno,
// or 0 when unknown). Exit 2, as for input that cannot be read.
int OutputError(const std::string& where, int error) {
  std::cerr << "sqp: cannot write the output" << where << (error != 0 ? ": " : "")
            << (error != 0 ? std::strerror(error) : "") << "\n";
  return kExitUsage;
}

// A whole file ("-": standard input), or nullopt with the errno in `error` (a directory is
// EISDIR, as cat says), so every "cannot read" names the system's reason. Past `keep` bytes the
// rest is only counted (`*total`, when given), so a document far over max_input_bytes, or
// /dev/zero, takes constant memory and is answered by its size.
std::optional<std::string> ReadAll(const std::string& path, int& error,
                                   size_t keep = SIZE_MAX, size_t* total = nullptr) {
  error = 0;
  size_t counted = 0;
  const int fd = path == "-" ? STDIN_FILENO : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno;
    return std::nullopt;
  }
  struct stat st {};
  std::string text;
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) error = EISDIR;
    if (S_ISREG(st.st_mode) && st.st_size > 0) text.reserve(static_cast<size_t>(st.st_size));
  }
  char buffer[64 * 1024];
  while (error == 0) {
    const ssize_t n = sqp::cli::ReadSome(fd, buffer, sizeof buffer, error);
    if (n <= 0) break;  // the end, or an error (error)
    counted += static_cast<size_t>(n);
    if (text.size() < keep) text.append(buffer, std::min(static_cast<size_t>(n), keep - text.size()));
  }
  if (fd != STDIN_FILENO) close(fd);
  if (error != 0) return std::nullopt;
  if (total != nullptr) *total = counted;
  return text;
}

int CannotRead(const std::string& path, int error) {
  return UsageError("cannot read " + path + (error != 0 ? std::string(": ") + std::strerror(error) : ""));
}

void PrintIssues(const sqp::ErrorInfo& info, std::ostream& os) {
  for (const auto& issue : info.issues) {
    // The path holds the input's own member names: shown escaped, like every report line.
    os << sqp::TerminalSafe(sqp::Cat("  ", issue.path.empty() ? "(document)" : issue.path, ": ",
                                     issue.message))
       << "\n";
  }
}

// The last line of every --format text report: the rulebook that decided it, by id, version
// and SHA-256, as the JSON's "rulebook" stamp names it (so a printed report can be traced).
void PrintRulebookLine(const boost::json::value& doc, std::ostream& os) {
  const auto* object = doc.if_object();
  const auto* stamp = object ? object->if_contains("rulebook") : nullptr;
  const auto* rulebook = stamp ? stamp->if_object() : nullptr;
  if (rulebook == nullptr) return;
  auto text = [&](const char* key) -> std::string {
    const auto* v = rulebook->if_contains(key);
    return v && v->is_string() ? std::string(v->as_string().c_str()) : std::string("?");
  };
  os << sqp::TerminalSafe(sqp::Cat("规则库 Rulebook: ", text("id"), " ", text("version"), "  SHA-256 ",
                        text("sha256")))
     << "\n";
}

struct Options {
  std::string operation;
  std::vector<std::string> positional;
  std::optional<std::string> rulebook_file;
  std::string format = "json";
  bool format_given = false;
  bool batch = false;
  int threads = 1;
  sqp::EngineOptions engine;  // --unknown-members
  int progress = -1;  // --progress 1, --no-progress 0, else detect
};

int ValidateRulebook(const std::string& path, const std::string& format) {
  int error = 0;
  auto text = ReadAll(path, error);
  if (!text) return CannotRead(path, error);
  auto engine = sqp::Engine::FromRulebookJson(*text);
  if (!engine.ok()) {
    const sqp::ErrorInfo info = sqp::DescribeError(engine.status());
    if (format == "json") {
      std::cout << sqp::Engine::StandaloneErrorDocument(engine.status()) << "\n";
    } else {
      std::cout << sqp::TerminalSafe(path) << ": invalid rulebook, " << info.issues.size()
                << " problem(s):\n";
      PrintIssues(info, std::cout);
    }
    return ExitCodeFor(info.code) == kExitInput ? kExitRulebook : ExitCodeFor(info.code);
  }
  const auto& id = engine->identity();
  if (format == "json") {
    std::cout << *engine->Run("rulebook", "{}") << "\n";
  } else {
    std::cout << sqp::TerminalSafe(sqp::Cat(path, ": valid rulebook ", id.id, " ", id.version,
                                            " sha256 ", id.sha256))
              << "\n";
  }
  return kExitOk;
}

// A progress line on stderr for long --batch runs, only when a person is watching (stderr is a
// terminal; never in pipes, files or CI logs): redrawn in place after a block of lines, at most
// five times a second, and ended with a newline so later diagnostics start on their own line.
// It shows the lines, the bytes read of the input's size with the percentage when the input is
// a regular file (else the bytes read), and the rate; --progress / --no-progress override the
// detection (`forced`: 1 on, 0 off, -1 detect).
class BatchProgress {
 public:
  BatchProgress(int fd, int forced)
      : enabled_(forced >= 0 ? forced == 1 : isatty(STDERR_FILENO) == 1), fd_(fd),
        start_(std::chrono::steady_clock::now()) {
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) total_ = static_cast<double>(st.st_size);
  }
  void Update(size_t lines, size_t errors) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    Print(lines, errors, false);
  }
  void Finish(size_t lines, size_t errors) {
    if (!shown_) return;
    Print(lines, errors, true);
    std::fputc('\n', stderr);
  }

 private:
  void Print(size_t lines, size_t errors, bool done) const {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const off_t at = lseek(fd_, 0, SEEK_CUR);  // bytes read so far (a block ahead at most)
    const double read = done && total_ >= 0 ? total_ : at >= 0 ? static_cast<double>(at) : -1;
    std::fprintf(stderr, "\rsqp: %zu lines read, %zu not valid", lines, errors);
    if (total_ > 0 && read >= 0) {
      std::fprintf(stderr, "; %.1f of %.1f MB (%.0f%%)", read / 1e6, total_ / 1e6,
                   100.0 * (read < total_ ? read : total_) / total_);
    } else if (read >= 0) {
      std::fprintf(stderr, "; %.1f MB", read / 1e6);
    }
    if (seconds > 0) std::fprintf(stderr, ", %.0f lines/s", static_cast<double>(lines) / seconds);
    std::fputs("\x1b[K", stderr);  // clear what a longer earlier line left
    std::fflush(stderr);
  }
  bool enabled_;
  int fd_;
  double total_ = -1;  // the input's size, when it is a regular file
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// --batch (cli/batch.cpp does the streaming): the progress line, the summary, the exit code.
int RunBatch(const sqp::Engine& engine, const std::string& operation, const std::string& file,
             int threads, int progress_forced) {
  const int fd = file == "-" ? STDIN_FILENO : open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return CannotRead(file, errno);
  BatchProgress progress(fd, progress_forced);
  const sqp::cli::BatchCounts counts = sqp::cli::RunBatch(
      engine, operation, fd, threads,
      [&progress](size_t lines, size_t errors) { progress.Update(lines, errors); });
  if (fd != STDIN_FILENO) close(fd);
  progress.Finish(counts.lines, counts.errors);
  if (counts.write_errno != 0) {
    // Reported once, here: what stdio still holds for stdout cannot be written either, so it is
    // dropped rather than retried (and reported again) by FinishOutput.
    __fpurge(stdout);
    clearerr(stdout);
    return OutputError(counts.lines > 0 ? " after line " + std::to_string(counts.lines) : "",
                       counts.write_errno);
  }
  if (counts.read_errno != 0) {
    return UsageError("cannot read " + file +
                      (counts.lines > 0 ? " after line " + std::to_string(counts.lines) : "") +
                      ": " + std::strerror(counts.read_errno));
  }
  if (counts.errors > 0) {
    std::cerr << "sqp: " << counts.errors << " of " << counts.lines << " lines were not valid input\n";
    return kExitInput;
  }
  return kExitOk;
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return UsageError("missing OPERATION");
  // sqp help [OPERATION | --roff]: the manual (src/cli/manual.cpp), also sqp OPERATION --help.
  if (args[0] == "help") {
    if (args.size() == 1) {
      std::cout << sqp::cli::HelpText();
      return kExitOk;
    }
    if (args.size() == 2 && args[1] == "--roff") {
      std::cout << sqp::cli::ManPage();
      return kExitOk;
    }
    const auto text = args.size() == 2 ? sqp::cli::OperationHelp(args[1]) : std::nullopt;
    if (!text) return UsageError("usage: sqp help [OPERATION]; operations: " + OperationList());
    std::cout << *text;
    return kExitOk;
  }
  Options o;
  bool help = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help = true;
    } else if (a == "--version") {
      std::cout << "sqp " << SQP_VERSION_STRING << "\n";
      return kExitOk;
    } else if (a == "--batch") {
      o.batch = true;
    } else if (a == "--progress" || a == "--no-progress") {
      o.progress = a == "--progress" ? 1 : 0;
    } else if (a == "--threads") {
      if (i + 1 >= args.size()) return UsageError("--threads needs a value");
      const std::string& v = args[++i];
      if (v.empty() || v.size() > 3 || v.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(v) < 1 || std::stoi(v) > 256) {
        return UsageError("--threads must be a whole number from 1 to 256, got " + v);
      }
      o.threads = std::stoi(v);
    } else if (a == "--unknown-members") {
      if (i + 1 >= args.size()) return UsageError("--unknown-members needs a value");
      const std::string& v = args[++i];
      if (v == "reject") {
        o.engine.unknown_members = sqp::UnknownMembers::kReject;
      } else if (v == "note") {
        o.engine.unknown_members = sqp::UnknownMembers::kNote;
      } else {
        return UsageError("--unknown-members must be reject or note, got " + v);
      }
    } else if (a == "--messages") {
      if (i + 1 >= args.size()) return UsageError("--messages needs a value");
      const std::string& v = args[++i];
      static constexpr std::pair<std::string_view, sqp::Messages> kModes[] = {
          {"both", sqp::Messages::kBoth}, {"en", sqp::Messages::kEn},
          {"zh", sqp::Messages::kZh}, {"none", sqp::Messages::kNone}};
      bool known = false;
      for (const auto& [name, mode] : kModes) {
        if (v == name) {
          o.engine.messages = mode;
          known = true;
        }
      }
      if (!known) return UsageError("--messages must be both, en, zh or none, got " + v);
    } else if (a == "--rulebook" || a == "--format") {
      if (i + 1 >= args.size()) return UsageError(a + " needs a value");
      if (a == "--rulebook") {
        o.rulebook_file = args[++i];
      } else {
        o.format = args[++i];
        o.format_given = true;
      }
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return UsageError("unknown option " + a);
    } else if (o.operation.empty()) {
      o.operation = a;
    } else {
      o.positional.push_back(a);
    }
  }
  if (help) {
    const auto text = o.operation.empty() ? std::nullopt : sqp::cli::OperationHelp(o.operation);
    std::cout << (text ? *text : sqp::cli::HelpText());
    return kExitOk;
  }
  if (o.operation.empty()) return UsageError("missing OPERATION");

  if (o.operation == "rulebook" && !o.positional.empty() && o.positional[0] == "validate") {
    if (o.positional.size() != 2) return UsageError("usage: sqp rulebook validate FILE");
    // A person runs this: text unless JSON is asked for explicitly.
    return ValidateRulebook(o.positional[1], o.format_given ? o.format : "text");
  }
  if (!sqp::Engine::IsOperation(o.operation)) {
    return UsageError("unknown operation '" + sqp::TerminalSafe(o.operation) +
                      "'; expected one of: " + OperationList());
  }
  if (o.positional.size() > 1) return UsageError("too many arguments");
  // --format: json, or one of the operation's renderings (text, and ics/svg for certificates).
  std::string formats;
  bool renders = false;
  for (const std::string_view f : sqp::Engine::RenderFormats(o.operation)) {
    formats += (formats.empty() ? "" : ", ") + std::string(f);
    renders = renders || f == o.format;
  }
  if (!renders) {
    return UsageError("--format for " + o.operation + " must be one of: " + formats + "; got " + o.format);
  }
  const bool rendered = o.format != "json";
  if (o.threads != 1 && !o.batch) return UsageError("--threads goes with --batch");
  if (o.batch && rendered) return UsageError("--batch writes JSON Lines; --format " + o.format + " is for one document");

  // The engine: the default rulebook or --rulebook FILE.
  std::optional<sqp::Engine> engine;
  if (o.rulebook_file) {
    int error = 0;
    auto text = ReadAll(*o.rulebook_file, error);
    if (!text) return CannotRead(*o.rulebook_file, error);
    auto made = sqp::Engine::FromRulebookJson(*text, o.engine);
    if (!made.ok()) {
      const sqp::ErrorInfo info = sqp::DescribeError(made.status());
      std::cerr << "sqp: " << *o.rulebook_file << ": invalid rulebook\n";
      PrintIssues(info, std::cerr);
      return kExitRulebook;
    }
    engine.emplace(*std::move(made));
  } else {
    auto made = sqp::Engine::Create(o.engine);
    if (!made.ok()) {
      std::cerr << "sqp: the default rulebook failed to load: " << made.status().message() << "\n";
      return kExitInternal;
    }
    engine.emplace(*std::move(made));
  }

  const std::string file = o.positional.empty() ? "-" : o.positional[0];
  if (o.batch) {
    return RunBatch(*engine, o.operation, file, o.threads, o.progress);
  }

  std::optional<std::string> input;
  size_t input_bytes = 0;  // all of the document's bytes, of which `input` may hold the first
  if (o.operation == "rulebook" && o.positional.empty()) {
    input = "{}";
  } else {
    int error = 0;
    const size_t keep = sqp::Engine::SkipBeyond(engine->options().max_input_bytes);
    input = ReadAll(file, error, keep, &input_bytes);
    if (!input) return CannotRead(file, error);
    // A UTF-8 byte order mark (Windows editors and CRM exports write one) is skipped: JSON
    // allows a parser to ignore it (RFC 8259 §8.1), and the document after it is what is meant.
    if (input->compare(0, 3, "\xEF\xBB\xBF") == 0) {
      input->erase(0, 3);
      input_bytes -= 3;
    }
    input_bytes = std::max(input_bytes, input->size());
  }
  // JSON: the result document; another format: the library's rendering (Engine::Render, the
  // same bytes as sqp_render and Python's Engine.render), or the error document.
  std::string out;
  sqp::ErrorCode code = sqp::ErrorCode::kOk;
  if (input_bytes > input->size()) {
    // Not all held (far over max_input_bytes): its limit_exceeded answer, as for the whole.
    code = engine->RunSkippedToDocument(o.operation, input_bytes, out, 0);
  } else if (rendered) {
    absl::StatusOr<std::string> r = engine->Render(o.operation, o.format, *input);
    if (r.ok()) {
      out = *std::move(r);
    } else {
      out = engine->ErrorDocument(r.status());
      code = sqp::DescribeError(r.status()).code;
    }
  } else {
    code = engine->RunToDocument(o.operation, *input, out);
  }
  // The answer is made whole, then written in one go, so that a failing write is seen with its
  // errno (stdio's buffered writes lose it before FinishOutput could report it).
  std::ostringstream answer;
  int exit_code = kExitOk;
  if (code != sqp::ErrorCode::kOk) {
    const boost::json::value doc = boost::json::parse(out);
    std::cerr << "sqp: " << sqp::TerminalSafe(o.operation) << ": "
              << sqp::TerminalSafe(doc.at("message").as_string().c_str()) << "\n";
    if (o.format == "json") {
      answer << out << "\n";
    } else {
      for (const auto& e : doc.at("errors").as_array()) {
        const auto& path = e.at("path").as_string();
        answer << sqp::TerminalSafe(sqp::Cat("错误 error: ", path.empty() ? "(document)" : path.c_str(),
                                   ": ", e.at("message").as_string().c_str()))
               << "\n";
      }
      if (o.format == "text") PrintRulebookLine(doc, answer);
    }
    exit_code = ExitCodeFor(code);
  } else if (rendered) {
    answer << out;
  } else {
    answer << out << "\n";
  }
  std::cout.flush();
  std::fflush(stdout);
  const std::string text = std::move(answer).str();
  int error = 0;
  if (sqp::cli::WriteAll(text, error) != text.size()) return OutputError("", error);
  return exit_code;
}

// An answer that never reached its file is lost data, so no run succeeds without its output:
// standard output is flushed here and any failed write to it (a full disk, /dev/full, a closed
// descriptor) turns the exit code into 2 with the reason on standard error.
int FinishOutput(int code) {
  // The first failing write sets errno: cout's flush (it writes through stdout) or stdout's.
  errno = 0;
  std::cout.flush();
  int error = errno;
  if (std::fflush(stdout) != 0 && error == 0) error = errno;
  if (!std::ferror(stdout) && std::cout.good()) return code;
  return OutputError("", error);
}

}  // namespace

int main(int argc, char** argv) {
  // A file size limit (ulimit -f) must fail a write with EFBIG, reported like any other write
  // error, rather than kill the process mid-line.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    return FinishOutput(Main(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "sqp: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
