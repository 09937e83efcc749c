// The command's manual: the one source of `sqp --help`, `sqp OPERATION --help`,
// `sqp help [OPERATION]` and the manual page sqp(1) (manual.hpp).
#include "cli/manual.hpp"

#include "sqp.h"  // SQP_VERSION_STRING

#include <string>
#include <string_view>
#include <vector>

namespace sqp::cli {
namespace {

struct Item {  // a term and what it means: an option, an exit code
  std::string_view term;
  std::string_view text;
};

struct OperationManual {
  std::string_view name;
  std::string_view input;    // schema
  std::string_view output;   // schema
  std::string_view summary;  // one line, for the list of operations
  std::vector<std::string_view> rules;     // what it decides, one line each
  std::vector<std::string_view> examples;  // commands that run from the source tree's root
};

constexpr std::string_view kName = "sqp";
constexpr std::string_view kTitle = "service-site quality rules and scoring";
constexpr std::string_view kTitleZh = "信息通信业服务现场质量推进办法";

const std::vector<std::string_view>& Synopsis() {
  static const std::vector<std::string_view> lines = {
      "sqp OPERATION [FILE|-] [--rulebook FILE] [--format json|text] [--batch [--threads N]]",
      "              [--unknown-members reject|note] [--messages both|en|zh|none]",
      "sqp OPERATION --help",
      "sqp help [OPERATION]",
      "sqp rulebook validate FILE",
      "sqp --help | --version",
  };
  return lines;
}

const std::vector<OperationManual>& Operations() {
  static const std::vector<OperationManual> ops = {
      {"eligibility", "sqp.application/1", "sqp.eligibility/1", "who may apply (ELIG.*)",
       {"ELIG.SCOPE: the site is a business hall, a customer service centre or an",
        "  installation and maintenance centre.",
        "ELIG.REGISTRATION, ELIG.LICENSE: registered enterprise, valid unified credit code,",
        "  licence valid on the application day.",
        "ELIG.INDICATORS: every indicator the rulebook requires for the site type is met.",
        "ELIG.ACCIDENT, ELIG.CRITICISM, ELIG.ADVERSE: no disqualifying accident, criticism or",
        "  adverse record inside the look-back window.",
        "ELIG.TRAINED_STAFF, ELIG.KIND: enough trained staff; renewal and upgrade need the",
        "  current certificate.",
        "Decision: eligible, ineligible or pending, with eligible_from after time-bound failures."},
       {"sqp eligibility docs/examples/application-eligible.json --format text",
        "sqp eligibility --batch docs/examples/crm-export.jsonl"}},
      {"cycle", "sqp.cycle/1", "sqp.cycle-result/1", "batch, report and publicity dates (CYCLE.*)",
       {"CYCLE.BATCH: the acceptance batch of the filing month.",
        "CYCLE.REPORT_DUE: the report's due date, moved past rest days.",
        "CYCLE.PUBLICITY: the publicity window in natural days.",
        "CYCLE.OBJECTION: each objection accepted or refused with its defects."},
       {"sqp cycle docs/examples/cycle.json --format text"}},
      {"meeting", "sqp.meeting/1", "sqp.meeting-result/1", "quorum and votes (VOTE.*)",
       {"VOTE.EXPERT_QUORUM, VOTE.FINAL_QUORUM: enough members present (rulebook fractions).",
        "VOTE.EXPERT_DECISION, VOTE.FINAL_DECISION: a motion carries at a quorate meeting.",
        "VOTE.MODE, VOTE.CONSISTENCY: in person or by correspondence; counts that add up."},
       {"sqp meeting docs/examples/meeting.json --format text"}},
      {"certificate", "sqp.certificate/1", "sqp.certificate-status/1",
       "validity, supervision, revocation, reapplication",
       {"CERT.VALIDITY: valid from, last valid day, status on the as_of day.",
        "SUP.ANNUAL, SUP.MISSING, SUP.FILING: supervision reports and their due dates.",
        "REVOKE.TRIGGERS: revocation and its trigger.",
        "REAPPLY.UPGRADE, REAPPLY.RENEWAL: when an upgrade or a renewal may and must be filed.",
        "--format ics: an iCalendar file of the deadlines; --format svg: an SVG timeline."},
       {"sqp certificate docs/examples/certificate-valid.json --format text",
        "sqp certificate docs/examples/certificate-valid.json --format ics"}},
      {"score", "sqp.scoresheet/1", "sqp.score/1", "points and grade (SCORE.*)",
       {"SCORE.TABLE, SCORE.METHODS, SCORE.RULES: the rulebook's table for the site type,",
        "  each item scored by threshold, linear or band rules.",
        "SCORE.KEY, SCORE.GRADE: key items veto; the grade from the total and dimension shares."},
       {"sqp score docs/examples/scoresheet-business-hall.json --format text"}},
      {"assess", "sqp.assessment/1", "sqp.assessment-result/1", "all of the above in one report",
       {"Runs eligibility, cycle, meeting, certificate and score on the parts the document has."},
       {"sqp assess docs/examples/assessment.json --format text"}},
      {"rulebook", "{} (FILE optional)", "sqp.rulebook-info/1", "id, version, sha256 of the rulebook",
       {"Names the rulebook in use: the compiled-in default or --rulebook FILE, with its SHA-256.",
        "sqp rulebook validate FILE checks a sqp.rulebook/1 file and lists every problem."},
       {"sqp rulebook --format text",
        "sqp rulebook validate docs/examples/rulebook-official-format.json"}},
      {"bodies", "sqp.bodies/1", "sqp.bodies-result/1", "certification bodies, people, person-days",
       {"BODY.CHOICE: at least two qualified bodies offered (Art. 22; the rulebook's number).",
        "BODY.DISQUALIFY: an Art. 23 ground dated on or before \"on\" bars the body.",
        "PEOPLE.REMOVAL: an Art. 21 ground removes an expert or evaluator from that day.",
        "FEE.PERSON_DAYS: no fee from the association; person-days from the rulebook's table."},
       {"sqp bodies docs/examples/bodies.json --format text"}},
      {"case", "sqp.case/1", "sqp.case-status/1", "one application through Art. 14 (PROC.*)",
       {"Runs every rule the recorded steps invoke (ELIG, CYCLE, VOTE, BODY, TEAM, PEOPLE, SCORE,",
        "  CERT) and checks the procedure itself:",
        "PROC.ORDER: steps in Art. 14's order, none skipped, none dated before a step it needs.",
        "PROC.ACCEPTANCE, PROC.ANNOUNCEMENT: in the batch's acceptance and announcement months.",
        "PROC.INVESTIGATION: the reverse investigation's result recorded; a disqualified",
        "  applicant's case ends there.",
        "PROC.BODY, TEAM.AUDITORS: an offered, qualified body; a CCAA-registered team.",
        "PROC.REPORT: the report by its due date (CYCLE.REPORT_DUE).",
        "PROC.EXPERT_REVIEW, PROC.FINAL_REVIEW: valid meetings, decisions that passed; the final",
        "  review after publicity and after every admissible objection is investigated.",
        "PROC.PUBLICITY: 7 natural days; objections judged and investigated.",
        "PROC.NEXT: the steps still to come, due dates, overdue flags on as_of.",
        "Outcome: awarded (grade, certificate dates), in_progress, procedure_defective,",
        "  disqualified, deferred, suspended, stopped or terminated.",
        "--format ics: the coming deadlines; --format svg: the case's timeline."},
       {"sqp case docs/examples/case-awarded.json --format text",
        "sqp case docs/examples/case-in-progress.json --format ics"}},
  };
  return ops;
}

const std::vector<Item>& Options() {
  static const std::vector<Item> items = {
      {"FILE, -", "input document (default: standard input)"},
      {"--rulebook FILE", "use this sqp.rulebook/1 instead of the compiled-in default"},
      {"--unknown-members reject|note",
       "a member the input's schema does not define: invalid input, exit 3, with its pointer and "
       "the member meant (reject, the default), or accepted and listed by a note finding "
       "INPUT.UNKNOWN_MEMBER (note)"},
      {"--messages both|en|zh|none",
       "the languages of an eligibility result's findings: both (default), English or Chinese "
       "only, or none (rule, article, status and evidence only); text reports keep both"},
      {"--format json", "print the result document, one line (default)"},
      {"--format text", "print a readable report in Chinese and English"},
      {"--format ics|svg", "certificate and case only: an iCalendar file of the deadlines, an SVG "
                           "timeline"},
      {"--batch", "read JSON Lines, write one result per line; a bad line gives an sqp.error/1 "
                  "line and the run goes on"},
      {"--threads N", "with --batch: evaluate on N threads sharing one engine (output stays in "
                      "input order)"},
      {"--progress", "with --batch: show the progress line (lines, MB of the input's size and "
                     "percentage, rate) even when standard error is not a terminal"},
      {"--no-progress", "with --batch: never show it (the default when standard error is not a "
                        "terminal)"},
      {"--help, -h", "this text; after an operation, that operation's manual"},
      {"--version", "print the version"},
  };
  return items;
}

const std::vector<Item>& ExitCodes() {
  static const std::vector<Item> items = {
      {"0", "evaluated (whatever the decision)"},
      {"1", "internal error"},
      {"2", "usage error (or unreadable input, unwritable output)"},
      {"3", "invalid input"},
      {"4", "invalid rulebook"},
  };
  return items;
}

const std::vector<std::string_view>& Examples() {
  static const std::vector<std::string_view> lines = {
      "sqp eligibility docs/examples/application-eligible.json --format text",
      "sqp assess docs/examples/assessment.json --format text",
      "sqp certificate docs/examples/certificate-valid.json --format ics",
      "sqp eligibility --batch docs/examples/crm-export.jsonl",
      "sqp rulebook --rulebook docs/examples/rulebook-official-format.json",
      "sqp rulebook validate docs/examples/rulebook-official-format.json",
      "sqp help certificate",
  };
  return lines;
}

// Wraps `text` at `width` columns, every line after the first indented by `indent` spaces.
std::string Wrap(std::string_view text, size_t first_column, size_t indent, size_t width = 96) {
  std::string out;
  size_t column = first_column;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    if (column > indent && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (column > indent || (column == indent && !out.empty() && out.back() != ' ')) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  }
  return out;
}

std::string Pad(std::string_view s, size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out + " ";
}

// roff: a backslash is \e, a minus sign \-, a line must not start with . or '.
std::string Roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

const OperationManual* Find(std::string_view name) {
  for (const auto& op : Operations()) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

// The list of operations, as --help shows it and the manual page repeats it.
std::string OperationTable() {
  std::string out;
  for (const auto& op : Operations()) {
    out += "  " + Pad(op.name, 12) + Pad(op.input, 18) + "-> " + Pad(op.output, 24) +
           std::string(op.summary) + "\n";
  }
  return out;
}

// Lines of `text` as no-fill roff.
std::string RoffLines(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    out += Roff(text.substr(0, nl)) + "\n";
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  }
  return out;
}

}  // namespace

std::string HelpText() {
  std::string out = std::string(kName) + " — " + std::string(kTitle) + " (" +
                    std::string(kTitleZh) + ")\n\nUsage:\n";
  for (auto line : Synopsis()) out += "  " + std::string(line) + "\n";
  out += "\nOperations (one JSON document in, one out; sqp help OPERATION for its manual):\n";
  out += OperationTable();
  out += "\nOptions:\n";
  for (const auto& o : Options()) out += "  " + Pad(o.term, 16) + Wrap(o.text, 19, 19) + "\n";
  out += "\nExit codes:\n";
  for (const auto& e : ExitCodes()) out += "  " + std::string(e.term) + "  " + std::string(e.text) + "\n";
  out += "\nExamples:\n";
  for (auto line : Examples()) out += "  " + std::string(line) + "\n";
  return out;
}

std::optional<std::string> OperationHelp(std::string_view operation) {
  const OperationManual* op = Find(operation);
  if (op == nullptr) return std::nullopt;
  std::string out = "sqp " + std::string(op->name) + " — " + std::string(op->summary) + "\n\nUsage:\n";
  if (op->name == "rulebook") {
    out += "  sqp rulebook [FILE|-] [--rulebook FILE] [--format json|text]\n";
    out += "  sqp rulebook validate FILE\n";
  } else {
    out += "  sqp " + std::string(op->name) + " [FILE|-] [--rulebook FILE] [--format json|text" +
           (op->name == "certificate" || op->name == "case" ? "|ics|svg" : "") +
           "] [--batch [--threads N]] [--unknown-members reject|note]\n"
           "       [--messages both|en|zh|none]\n";
  }
  out += "\nInput:  " + std::string(op->input) + "\nOutput: " + std::string(op->output) +
         " (or sqp.error/1 naming every problem)\n\nRules:\n";
  for (auto line : op->rules) out += "  " + std::string(line) + "\n";
  out += "\nExample" + std::string(op->examples.size() > 1 ? "s" : "") + ":\n";
  for (auto line : op->examples) out += "  " + std::string(line) + "\n";
  return out;
}

std::string ManPage() {
  std::string out;
  out += ".\\\" The manual page of sqp(1), made by `sqp help --roff` from src/cli/manual.cpp,\n";
  out += ".\\\" the source of `sqp --help` too. Do not edit: edit manual.cpp.\n";
  out += ".TH SQP 1 \"\" \"sqp " SQP_VERSION_STRING "\" \"User Commands\"\n";
  out += ".SH NAME\nsqp \\- " + Roff(kTitle) + "\n";
  out += ".SH SYNOPSIS\n.nf\n";
  for (auto line : Synopsis()) out += Roff(line) + "\n";
  out += ".fi\n";
  out += ".SH DESCRIPTION\n" + Roff(kName) + " \\(em " + Roff(kTitle) + " (" + std::string(kTitleZh) +
         ").\nEach operation reads one JSON document (or, with \\fB\\-\\-batch\\fR, JSON Lines) "
         "and writes one result document.\nThe command holds no rule: it reads a file, calls "
         "the engine, prints.\n";
  out += ".PP\nOperations (one JSON document in, one out; sqp help OPERATION for its manual):\n";
  out += ".PP\n.nf\n" + RoffLines(OperationTable()) + ".fi\n";
  out += ".SH OPTIONS\n";
  for (const auto& o : Options()) out += ".TP\n.B " + Roff(o.term) + "\n" + Roff(o.text) + "\n";
  out += ".SH EXIT STATUS\n";
  for (const auto& e : ExitCodes()) out += ".TP\n.B " + Roff(e.term) + "\n" + Roff(e.text) + "\n";
  out += ".SH EXAMPLES\nFrom the root of the source tree, whose docs/examples holds these files:\n.PP\n.nf\n";
  for (auto line : Examples()) out += ".RS 4\n" + Roff(line) + "\n.RE\n";
  out += ".fi\n";
  // Each operation's manual, the text of `sqp help OPERATION`, line for line.
  out += ".SH OPERATIONS\n";
  for (const auto& op : Operations()) {
    const std::string text = *OperationHelp(op.name);
    const size_t first = text.find('\n');
    out += ".SS " + Roff(op.name) + "\n" + Roff(text.substr(0, first)) + "\n.PP\n.nf\n" +
           RoffLines(std::string_view(text).substr(first + 2)) + ".fi\n";
  }
  out += ".SH SEE ALSO\nsqp help OPERATION; the guides in the source tree's docs/ (cli.md, "
         "errors.md, rules.md).\n";
  return out;
}

}  // namespace sqp::cli
