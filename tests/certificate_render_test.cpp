// The certificate's human formats, rendered as every door renders them (Engine::Render): the
// iCalendar file parsed back by an independent reader (RFC 5545 unfolding, BEGIN/END nesting, one
// VEVENT per deadline with the JSON answer's dates), the SVG's markers, and the bilingual text
// schedule.
#include "ops/certificate_render.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "engine/operation.hpp"
#include "sqp/certificate.hpp"
#include "sqp/engine.hpp"

namespace sqp::internal {
namespace {

namespace bj = boost::json;

bj::value Result(std::string_view doc_json) {
  auto engine = Engine::Create();
  EXPECT_TRUE(engine.ok());
  auto out = engine->Run("certificate", doc_json);
  EXPECT_TRUE(out.ok()) << out.status();
  return bj::parse(out.ok() ? *out : "{}");
}

// A rendering of `doc_json` as Engine::Render gives it (what sqp_render and the CLI's --format
// give too).
std::string Rendered(std::string_view format, std::string_view doc_json) {
  auto engine = Engine::Create();
  EXPECT_TRUE(engine.ok());
  auto out = engine->Render("certificate", format, doc_json);
  EXPECT_TRUE(out.ok()) << format << ": " << out.status();
  return out.ok() ? *out : std::string();
}

// SOURCE_DATE_EPOCH as `value` (nullopt: unset) while the guard lives, then as it was.
class EpochGuard {
 public:
  explicit EpochGuard(std::optional<std::string> value) {
    if (const char* saved = std::getenv("SOURCE_DATE_EPOCH")) saved_ = saved;
    if (value) {
      ::setenv("SOURCE_DATE_EPOCH", value->c_str(), 1);
    } else {
      ::unsetenv("SOURCE_DATE_EPOCH");
    }
  }
  ~EpochGuard() {
    if (saved_) {
      ::setenv("SOURCE_DATE_EPOCH", saved_->c_str(), 1);
    } else {
      ::unsetenv("SOURCE_DATE_EPOCH");
    }
  }
  EpochGuard(const EpochGuard&) = delete;
  EpochGuard& operator=(const EpochGuard&) = delete;

 private:
  std::optional<std::string> saved_;
};

// The iCalendar file made at `created` (seconds since 1970, UTC): SOURCE_DATE_EPOCH says when.
std::string IcsAt(std::string_view doc_json, std::int64_t created) {
  const EpochGuard epoch(std::to_string(created));
  return Rendered("ics", doc_json);
}

constexpr std::string_view kPlain =
    R"({"schema":"sqp.certificate/1","certified_on":"2026-03-20","as_of":"2027-01-05",)"
    R"("certificate_no":"CCEA,2026;\\001 营业厅","reports":[{"anniversary":1,"submitted_on":"2026-12-01"}]})";
constexpr std::string_view kRevoked =
    R"({"schema":"sqp.certificate/1","certified_on":"2026-03-20","as_of":"2027-06-05",)"
    R"("revocation":{"on":"2027-06-01","trigger":"serious_complaints"}})";

// The deadlines a result document promises, read straight from its members: every anniversary's
// date and report due date, the earliest upgrade, the renewal due date and the last valid day,
// less those on or after a revocation date.
// Every deadline of the result, or only the ones before its revocation (`cancelled` false) or
// only the ones on or after it (`cancelled` true).
std::multiset<std::string> ExpectedDeadlines(const bj::value& result, std::optional<bool> cancelled = false) {
  std::multiset<std::string> dates;
  const auto& o = result.as_object();
  for (const auto& s : o.at("supervision").as_array()) {
    dates.insert(std::string(s.at("date").as_string()));
    dates.insert(std::string(s.at("report_due").as_string()));
  }
  for (const char* k : {"upgrade_earliest", "renewal_due_by", "valid_until"}) {
    dates.insert(std::string(o.at(k).as_string()));
  }
  if (o.at("revocation").is_object() && cancelled.has_value()) {
    const std::string on(o.at("revocation").at("on").as_string());
    std::erase_if(dates, [&](const std::string& d) { return (d >= on) != *cancelled; });
  } else if (cancelled.value_or(false)) {
    dates.clear();
  }
  return dates;
}

std::string Basic(std::string iso) {
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    }
    i += n;
  }
  return true;
}

// An RFC 5545 reader, just enough to check the file: physical lines end in CRLF, none longer
// than 75 octets, none splitting a UTF-8 character; continuation lines (leading space or tab)
// unfold onto the previous one.
struct Property {
  std::string name;    // "DTSTART"
  std::string params;  // ";VALUE=DATE"
  std::string value;
};
struct Component {
  std::string name;
  std::vector<Property> props;
  std::vector<Component> children;
  std::vector<const Property*> All(std::string_view n) const {
    std::vector<const Property*> out;
    for (const auto& p : props) {
      if (p.name == n) out.push_back(&p);
    }
    return out;
  }
};

Component ParseIcs(const std::string& text) {
  std::vector<std::string> physical;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t crlf = text.find("\r\n", pos);
    EXPECT_NE(crlf, std::string::npos) << "the file must end with CRLF";
    if (crlf == std::string::npos) break;
    physical.push_back(text.substr(pos, crlf - pos));
    pos = crlf + 2;
  }
  std::vector<std::string> lines;
  for (const auto& p : physical) {
    EXPECT_EQ(p.find('\n'), std::string::npos) << "bare LF in: " << p;
    EXPECT_EQ(p.find('\r'), std::string::npos) << "bare CR in: " << p;
    EXPECT_LE(p.size(), 75u) << p;
    EXPECT_TRUE(ValidUtf8(p)) << "a fold split a UTF-8 character: " << p;
    if (!p.empty() && (p[0] == ' ' || p[0] == '\t')) {
      EXPECT_FALSE(lines.empty());
      if (!lines.empty()) lines.back() += p.substr(1);
    } else {
      lines.push_back(p);
    }
  }
  std::vector<Component> stack(1);
  for (const auto& line : lines) {
    const size_t colon = line.find(':');
    EXPECT_NE(colon, std::string::npos) << line;
    if (colon == std::string::npos) continue;
    const std::string head = line.substr(0, colon);
    const std::string value = line.substr(colon + 1);
    if (head == "BEGIN") {
      stack.push_back(Component{value, {}, {}});
    } else if (head == "END") {
      EXPECT_GT(stack.size(), 1u) << "END without BEGIN: " << value;
      if (stack.size() <= 1) continue;
      EXPECT_EQ(stack.back().name, value) << "END:" << value << " closes BEGIN:" << stack.back().name;
      Component done = std::move(stack.back());
      stack.pop_back();
      stack.back().children.push_back(std::move(done));
    } else {
      const size_t semi = head.find(';');
      stack.back().props.push_back(
          {head.substr(0, semi), semi == std::string::npos ? "" : head.substr(semi), value});
    }
  }
  EXPECT_EQ(stack.size(), 1u) << "unclosed BEGIN:" << stack.back().name;
  EXPECT_EQ(stack[0].children.size(), 1u);
  return stack[0].children.empty() ? Component{} : stack[0].children[0];
}

// RFC 5545 TEXT unescaping.
std::string Unescape(std::string_view v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\\' && i + 1 < v.size()) {
      const char n = v[++i];
      out += (n == 'n' || n == 'N') ? '\n' : n;
    } else {
      EXPECT_TRUE(v[i] != ';' && v[i] != ',') << "unescaped separator in TEXT: " << v;
      out += v[i];
    }
  }
  return out;
}

void CheckCalendar(std::string_view doc_json) {
  const bj::value result = Result(doc_json);
  const std::string ics = IcsAt(doc_json, 1796268930);  // 2026-12-03T03:35:30Z
  const Component cal = ParseIcs(ics);
  ASSERT_EQ(cal.name, "VCALENDAR");
  ASSERT_EQ(cal.All("VERSION").size(), 1u);
  EXPECT_EQ(cal.All("VERSION")[0]->value, "2.0");
  ASSERT_EQ(cal.All("PRODID").size(), 1u);
  EXPECT_FALSE(cal.All("PRODID")[0]->value.empty());

  const std::multiset<std::string> expected = ExpectedDeadlines(result);
  const std::multiset<std::string> expected_cancelled = ExpectedDeadlines(result, true);
  std::multiset<std::string> starts, cancelled_starts;
  std::set<std::string> uids;
  size_t events = 0;
  for (const Component& ev : cal.children) {
    ASSERT_EQ(ev.name, "VEVENT");
    ++events;
    ASSERT_EQ(ev.All("UID").size(), 1u);
    uids.insert(ev.All("UID")[0]->value);
    ASSERT_EQ(ev.All("DTSTAMP").size(), 1u);
    EXPECT_EQ(ev.All("DTSTAMP")[0]->value, "20261203T033530Z");  // when the file was made, UTC
    ASSERT_EQ(ev.All("DTSTART").size(), 1u);
    ASSERT_EQ(ev.All("DTEND").size(), 1u);
    EXPECT_EQ(ev.All("DTSTART")[0]->params, ";VALUE=DATE");
    EXPECT_EQ(ev.All("DTEND")[0]->params, ";VALUE=DATE");
    const std::string start = ev.All("DTSTART")[0]->value;
    ASSERT_EQ(start.size(), 8u);
    const std::string iso = start.substr(0, 4) + "-" + start.substr(4, 2) + "-" + start.substr(6, 2);
    // A deadline from the revocation on: cancelled, SEQUENCE raised, no reminder.
    const bool cancelled = !ev.All("STATUS").empty();
    ASSERT_EQ(ev.All("SEQUENCE").size(), 1u);
    EXPECT_EQ(ev.All("SEQUENCE")[0]->value, cancelled ? "1" : "0");
    if (cancelled) {
      EXPECT_EQ(ev.All("STATUS")[0]->value, "CANCELLED");
      cancelled_starts.insert(iso);
    } else {
      starts.insert(iso);
    }
    const auto day = Date::Parse(iso);
    ASSERT_TRUE(day.has_value()) << start;
    EXPECT_EQ(ev.All("DTEND")[0]->value, Basic(day->PlusDays(1).ToString()));  // all-day
    ASSERT_EQ(ev.All("SUMMARY").size(), 1u);
    const std::string summary = Unescape(ev.All("SUMMARY")[0]->value);
    EXPECT_TRUE(summary.find("截止") != std::string::npos || summary.find("监督") != std::string::npos ||
                summary.find("升级") != std::string::npos || summary.find("有效期") != std::string::npos)
        << summary;
    if (cancelled) {
      EXPECT_TRUE(ev.children.empty());
      continue;
    }
    ASSERT_EQ(ev.children.size(), 1u);
    EXPECT_EQ(ev.children[0].name, "VALARM");
    EXPECT_EQ(ev.children[0].All("ACTION")[0]->value, "DISPLAY");
    EXPECT_EQ(ev.children[0].All("TRIGGER")[0]->value.front(), '-');
  }
  EXPECT_EQ(events, expected.size() + expected_cancelled.size());
  EXPECT_EQ(starts, expected);
  EXPECT_EQ(cancelled_starts, expected_cancelled);
  EXPECT_EQ(uids.size(), events) << "UIDs must be unique";
  // Regenerating at the same time gives the same file (stable UIDs); later, only DTSTAMP moves.
  EXPECT_EQ(IcsAt(doc_json, 1796268930), ics);
  std::string later = IcsAt(doc_json, 1796268930 + 86400 + 3600 + 61);
  for (size_t p = later.find("DTSTAMP:20261204T043631Z"); p != std::string::npos;
       p = later.find("DTSTAMP:20261204T043631Z", p)) {
    later.replace(p, 24, "DTSTAMP:20261203T033530Z");
  }
  EXPECT_EQ(later, ics);
}

// Issue 19, item 7: DTSTAMP is the time the file was made: SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention, so that every door gives the same bytes), else the clock; the
// document's as_of is in each event's description.
TEST(CertificateRenderTest, IcsStampIsWhenTheFileWasMade) {
  const auto stamps = [](const std::string& ics) {
    std::set<std::string> out;
    for (size_t p = ics.find("\r\nDTSTAMP:"); p != std::string::npos; p = ics.find("\r\nDTSTAMP:", p + 1)) {
      out.insert(ics.substr(p + 10, 16));
    }
    return out;
  };
  EXPECT_EQ(stamps(IcsAt(kPlain, 0)), std::set<std::string>{"19700101T000000Z"});
  EXPECT_EQ(stamps(IcsAt(kPlain, 253402300799)), std::set<std::string>{"99991231T235959Z"});
  EXPECT_EQ(stamps(IcsAt(kPlain, 951782400)),  // a leap day
            std::set<std::string>{"20000229T000000Z"});
  const std::string ics = IcsAt(kPlain, 0);
  EXPECT_NE(ics.find("状态日期 Status as of: 2027-01-05"), std::string::npos) << ics;

  const char* saved = std::getenv("SOURCE_DATE_EPOCH");
  const std::string saved_value = saved ? saved : "";
  const Engine engine = *Engine::Create();
  ::setenv("SOURCE_DATE_EPOCH", "1796268930", 1);
  auto rendered = engine.Render("certificate", "ics", kPlain);
  ASSERT_TRUE(rendered.ok()) << rendered.status();
  EXPECT_EQ(stamps(*rendered), std::set<std::string>{"20261203T033530Z"});
  for (const char* bad : {"", "x", "-1", "+5", "1.5", "12 ", "253402300800", "99999999999999999999"}) {
    ::setenv("SOURCE_DATE_EPOCH", bad, 1);
    rendered = engine.Render("certificate", "ics", kPlain);
    ASSERT_FALSE(rendered.ok()) << bad;
    EXPECT_EQ(DescribeError(rendered.status()).code, ErrorCode::kUsage) << bad;
    EXPECT_NE(std::string(rendered.status().message()).find("SOURCE_DATE_EPOCH"), std::string::npos);
    EXPECT_TRUE(engine.Render("certificate", "svg", kPlain).ok()) << "only the ICS file reads it";
  }
  ::unsetenv("SOURCE_DATE_EPOCH");
  const auto before = std::chrono::system_clock::now();
  rendered = engine.Render("certificate", "ics", kPlain);
  const auto after = std::chrono::system_clock::now();
  ASSERT_TRUE(rendered.ok());
  const auto stamp_of = [](std::chrono::system_clock::time_point t) {
    const std::int64_t s = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    return certificate_format::IcsUtcTime(s);
  };
  ASSERT_EQ(stamps(*rendered).size(), 1u);
  EXPECT_GE(*stamps(*rendered).begin(), stamp_of(before));
  EXPECT_LE(*stamps(*rendered).begin(), stamp_of(after));
  if (saved) ::setenv("SOURCE_DATE_EPOCH", saved_value.c_str(), 1);
}

TEST(CertificateRenderTest, IcsParsesBackWithOneEventPerDeadline) {
  CheckCalendar(kPlain);
  EXPECT_EQ(ExpectedDeadlines(Result(kPlain)).size(), 7u);
  CheckCalendar(kRevoked);
  const bj::value revoked = Result(kRevoked);
  // Revoked 2027-06-01: only the upgrade day, the first report due and the first anniversary
  // came before it.
  EXPECT_EQ(ExpectedDeadlines(revoked),
            (std::multiset<std::string>{"2026-09-20", "2026-12-20", "2027-03-20"}));
  // The rest stay in the file, cancelled (issue 19, item 7): the same UIDs as before revocation.
  EXPECT_EQ(ExpectedDeadlines(revoked, true).size(), 4u);
  const Component before = ParseIcs(
      Rendered("ics", R"({"schema":"sqp.certificate/1","certified_on":"2026-03-20","as_of":"2027-06-05"})"));
  const Component after = ParseIcs(Rendered("ics", kRevoked));
  std::set<std::string> uids_before, uids_after;
  for (const Component& ev : before.children) uids_before.insert(ev.All("UID")[0]->value);
  for (const Component& ev : after.children) uids_after.insert(ev.All("UID")[0]->value);
  EXPECT_EQ(uids_before, uids_after);
}

TEST(CertificateRenderTest, IcsEscapesTextAndNamesTheCertificate) {
  const Component cal = ParseIcs(Rendered("ics", kPlain));
  const std::string summary = Unescape(cal.children.at(0).All("SUMMARY")[0]->value);
  EXPECT_NE(summary.find("[CCEA,2026;\\001 营业厅]"), std::string::npos) << summary;
  // Two certificates announced the same day get different UIDs.
  const Component cal2 = ParseIcs(Rendered("ics", R"({"schema":"sqp.certificate/1","certified_on":"2026-03-20",)"
                                                  R"("as_of":"2027-01-05","certificate_no":"CCEA-2"})"));
  EXPECT_NE(cal.children.at(0).All("UID")[0]->value, cal2.children.at(0).All("UID")[0]->value);
}

TEST(CertificateRenderTest, FoldingKeepsUtf8AndUnfoldsToTheOriginal) {
  using certificate_format::FoldIcsLine;
  for (const std::string& line :
       {std::string("SUMMARY:") + std::string(200, 'a'), std::string("SUMMARY:") + [] {
          std::string s;
          for (int i = 0; i < 60; ++i) s += "证书";
          return s;
        }(), std::string("X:é") + std::string(73, 'b') + "ü😀z", std::string(75, 'c'),
        std::string(76, 'd')}) {
    const std::string folded = FoldIcsLine(line);
    ASSERT_GE(folded.size(), 2u);
    EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
    std::string unfolded;
    size_t pos = 0;
    bool first = true;
    while (pos < folded.size()) {
      const size_t crlf = folded.find("\r\n", pos);
      const std::string phys = folded.substr(pos, crlf - pos);
      EXPECT_LE(phys.size(), 75u);
      EXPECT_TRUE(ValidUtf8(phys)) << phys;
      if (!first) {
        ASSERT_EQ(phys[0], ' ');
        unfolded += phys.substr(1);
      } else {
        unfolded += phys;
      }
      first = false;
      pos = crlf + 2;
    }
    EXPECT_EQ(unfolded, line);
  }
  EXPECT_EQ(FoldIcsLine(std::string(75, 'c')).find("\r\n "), std::string::npos);
  EXPECT_NE(FoldIcsLine(std::string(76, 'd')).find("\r\n "), std::string::npos);
  EXPECT_EQ(certificate_format::EscapeIcsText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

size_t Count(const std::string& haystack, std::string_view needle) {
  size_t n = 0;
  for (size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

TEST(CertificateRenderTest, SvgHasOneMarkerPerDeadlineAndToday) {
  for (std::string_view doc : {kPlain, kRevoked}) {
    const bj::value result = Result(doc);
    const std::string svg = Rendered("svg", doc);
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_EQ(Count(svg, "class=\"deadline\""), ExpectedDeadlines(result).size());
    for (const auto& d : ExpectedDeadlines(result)) {
      EXPECT_NE(svg.find("data-date=\"" + d + "\""), std::string::npos) << d;
    }
    EXPECT_EQ(Count(svg, "class=\"today\""), 1u);
    EXPECT_EQ(Count(svg, "class=\"renewal-window\""), 1u);
    EXPECT_EQ(Count(svg, "<svg "), 1u);
    EXPECT_EQ(Count(svg, "</svg>"), 1u);
  }
  EXPECT_EQ(Count(Rendered("svg", kRevoked), "class=\"revocation\""), 1u);
  EXPECT_EQ(certificate_format::EscapeXml("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
}

// Issue 19, item 7: every label in Chinese and English, a legend keying every colour, and a CJK
// font list that ends in a generic family (tests/certificate_svg_png_test.py looks at the PNG).
TEST(CertificateRenderTest, SvgIsBilingualWithALegendAndFontFallbacks) {
  const bj::value result = Result(kPlain);
  const std::string svg = Rendered("svg", kPlain);
  EXPECT_NE(svg.find("font-family=\"'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', "
                     "'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', sans-serif\""),
            std::string::npos);
  // kPlain's evaluation, typed: announced 2026-03-20, the first report in on 2026-12-01.
  SupervisionReport report;
  report.anniversary = 1;
  report.submitted_on = *Date::Parse("2026-12-01");
  CertificateInput plain;
  plain.certified_on = *Date::Parse("2026-03-20");
  plain.as_of = *Date::Parse("2027-01-05");
  plain.reports = {&report, 1};
  const Engine engine = *Engine::Create();
  for (const CertificateMilestone& m :
       CertificateMilestones(EvaluateCertificate(engine.rulebook(), plain))) {
    EXPECT_NE(svg.find(">" + m.summary_zh + "</tspan>"), std::string::npos) << m.summary_zh;
    EXPECT_NE(svg.find(">" + m.summary_en + "</tspan>"), std::string::npos) << m.summary_en;
  }
  EXPECT_EQ(Count(svg, "class=\"label\""), ExpectedDeadlines(result).size());
  EXPECT_EQ(Count(svg, "<g class=\"legend\">"), 1u);
  EXPECT_EQ(Count(svg, "class=\"legend-key\""), 9u);
  // Every colour a marker or an area of the bar is drawn in has its key.
  for (const char* key : {"report_due", "supervision", "upgrade_earliest", "renewal_due_by",
                          "valid_until", "validity", "renewal-window", "revocation", "today"}) {
    EXPECT_NE(svg.find(std::string("data-key=\"") + key + "\""), std::string::npos) << key;
  }
  for (const char* words : {"图例 Legend", "今天 today", "有效期起 valid from", "Valid on "}) {
    EXPECT_NE(svg.find(words), std::string::npos) << words;
  }
  // A revocation's long English message is broken into two lines at a space.
  const std::string revoked = Rendered("svg", kRevoked);
  const size_t en = revoked.find("class=\"subheading-en\"");
  ASSERT_NE(en, std::string::npos);
  EXPECT_EQ(Count(revoked.substr(en, revoked.find("</text>", en) - en), "<tspan"), 2u);
}

TEST(CertificateRenderTest, TextScheduleIsBilingual) {
  const std::string text = Rendered("text", kPlain);
  for (const char* needle : {"有效 valid", "2029-03-20", "2026-12-20", "按时提交 on_time",
                             "待提交 upcoming", "复评申请截止 Renewal due by", "2028-12-20",
                             "Annual supervision", "年度监督"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  }
  const std::string revoked = Rendered("text", kRevoked);
  EXPECT_NE(revoked.find("已吊销 revoked"), std::string::npos) << revoked;
  EXPECT_NE(revoked.find("serious_complaints"), std::string::npos);
}

// The CLI reaches these renderers through the operation's registry under these names.
TEST(CertificateRenderTest, RegisteredFormats) {
  const OperationDef* op = FindOperation("certificate");
  ASSERT_NE(op, nullptr);
  std::set<std::string> formats;
  for (const auto& r : op->renderers) formats.insert(std::string(r.format));
  EXPECT_EQ(formats, (std::set<std::string>{"text", "ics", "svg"}));
}

// A document that is not an sqp.certificate/1 one is refused as the answer refuses it, in every
// format, rather than rendered (the renderings are made from the document's evaluation).
TEST(CertificateRenderTest, OddDocumentsAreRefusedNotRendered) {
  const Engine engine = *Engine::Create();
  for (const char* odd : {"{}", "[]", "null", R"({"supervision":[1,{"date":5}],"valid_from":"x"})",
                          R"({"schema":"sqp.certificate/1","certified_on":"2026-03-20"})"}) {
    const auto answer = engine.Run("certificate", odd);
    ASSERT_FALSE(answer.ok()) << odd;
    for (const char* format : {"text", "ics", "svg"}) {
      const auto rendered = engine.Render("certificate", format, odd);
      ASSERT_FALSE(rendered.ok()) << format << " " << odd;
      EXPECT_EQ(rendered.status(), answer.status()) << format << " " << odd;
    }
  }
}

// The certificate number is the document's one free string: the text report shows its control
// characters as visible escapes (a newline in it makes no line of the report), the calendar
// escapes it as TEXT (RFC 5545 3.3.11) and the timeline as XML, each dropping what its format
// cannot carry.
TEST(CertificateRenderTest, EachFormatEscapesTheCertificateNumber) {
  constexpr std::string_view kOdd =
      R"({"schema":"sqp.certificate/1","certified_on":"2026-03-20","as_of":"2027-01-05",)"
      R"("certificate_no":"A\nB\u001b[31m<&>,;\"C\u0085"})";
  const std::string text = Rendered("text", kOdd);
  EXPECT_NE(text.find("Service-quality certificate A\\x0AB\\x1B[31m<&>,;\"C\\u0085\n"),
            std::string::npos) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  const Component cal = ParseIcs(IcsAt(kOdd, 0));
  ASSERT_EQ(cal.All("X-WR-CALNAME").size(), 1u);
  EXPECT_EQ(cal.All("X-WR-CALNAME")[0]->value,
            "服务质量证书 Service-quality certificate A\\nB[31m<&>\\,\\;\"C\xC2\x85");
  const std::string svg = Rendered("svg", kOdd);
  EXPECT_NE(svg.find("<title>服务质量证书 Service-quality certificate A\nB[31m&lt;&amp;&gt;,;&quot;C\xC2\x85 "),
            std::string::npos) << svg;
}

// The calendar and the timeline show the dates a document may give (years to 2999): a
// certificate announced in 2998 has its later deadlines in 3000 and beyond, left out of both, as
// the text's schedule leaves them out; the text's own lines still give every date.
TEST(CertificateRenderTest, DatesPastTheInputYearsAreNotDrawn) {
  constexpr std::string_view kLate =
      R"({"schema":"sqp.certificate/1","certified_on":"2998-06-01","as_of":"2999-07-01"})";
  const std::string text = Rendered("text", kLate);
  EXPECT_NE(text.find("有效期 Validity: 2998-06-01 — 3001-06-01"), std::string::npos) << text;
  const std::string schedule = text.substr(text.find("日程 Schedule:"));
  EXPECT_EQ(schedule.find("3000-"), std::string::npos) << schedule;
  EXPECT_NE(schedule.find("2999-06-01"), std::string::npos) << schedule;
  const Component cal = ParseIcs(IcsAt(kLate, 0));
  EXPECT_EQ(cal.children.size(), 3u);
  const std::string svg = Rendered("svg", kLate);
  EXPECT_EQ(Count(svg, "class=\"deadline\""), 3u);
  EXPECT_EQ(Count(svg, "class=\"renewal-window\""), 0u);
}

}  // namespace
}  // namespace sqp::internal
