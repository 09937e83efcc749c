// Text, iCalendar and SVG renderings of the `certificate` operation, written by hand (small, no
// dependency), from the evaluation its JSON answer is written from: the same dates, statuses and
// messages (certificate_evaluation.hpp), none read back from the answer.
#include "ops/certificate_render.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ops/report_text.hpp"
#include "sqp/date.hpp"
#include "sqp/engine.hpp"
#include "sqp/rulebook.hpp"
#include "strings.hpp"

namespace sqp::internal {
namespace {

// A computed date as the calendar and the timeline show it: only within the years a document may
// give (kMinInputYear to kMaxInputYear, Date::Parse's range). A date past them (a certificate
// announced in 2997 or later has deadlines in 3000) is left out, as it was when these renderings
// read the answer back and parsed its dates; the bytes of every rendering stay as they were.
std::optional<Date> Drawable(Date d) {
  if (d.year() < kMinInputYear || d.year() > kMaxInputYear) return std::nullopt;
  return d;
}

// Statuses as both languages say them.
struct Label {
  std::string_view name;
  std::string_view zh;
};
constexpr Label kStatusLabels[] = {
    {"not_yet_valid", "尚未生效"}, {"valid", "有效"},          {"expired", "已过期"},
    {"revoked", "已吊销"},         {"upcoming", "待提交"},      {"on_time", "按时提交"},
    {"late", "逾期"},          {"missing", "未提交"},       {"not_required", "无需提交"},
    {"timely", "按时"},            {"treated_as_initial", "视为初次申请"},
    {"allowed", "允许"},           {"too_early", "过早"},       {"renewal", "复评"},
    {"upgrade", "升级"},
};
std::string Bilingual(std::string_view name) {
  for (const Label& l : kStatusLabels) {
    if (l.name == name) return Cat(l.zh, " ", name);
  }
  return std::string(name);
}

}  // namespace

std::vector<CertificateMilestone> CertificateMilestones(const CertificateResult& result,
                                                        bool keep_cancelled) {
  std::vector<CertificateMilestone> out;
  auto add = [&](std::string_view kind, int k, Date date, std::string zh, std::string en) {
    if (!Drawable(date)) return;
    out.push_back({kind, k, date, std::move(zh), std::move(en)});
  };
  for (const SupervisionResult& s : result.supervision()) {
    const int k = s.dates.anniversary;
    add("report_due", k, s.dates.report_due, Cat("年度自查报告截止（第", k, "年度）"),
        Cat("Self-inspection report due (anniversary ", k, ")"));
    add("supervision", k, s.dates.date, Cat("年度监督（第", k, "周年）"),
        Cat("Annual supervision (anniversary ", k, ")"));
  }
  const CertificateDates& d = result.dates;
  add("upgrade_earliest", 0, d.upgrade_earliest, "最早可申请升级", "Earliest upgrade application");
  add("renewal_due_by", 0, d.renewal_due_by, "复评申请截止", "Renewal application due");
  add("valid_until", 0, d.valid_until, "证书有效期最后一天", "Last valid day of the certificate");
  // Nothing is left to meet from a revocation date on.
  if (result.revocation) {
    for (CertificateMilestone& m : out) m.cancelled = m.date >= result.revocation->on;
    if (!keep_cancelled) std::erase_if(out, [](const CertificateMilestone& m) { return m.cancelled; });
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

// ---- text ---------------------------------------------------------------------------------

std::string CertificateTextReport(const Engine& engine, const CertificateEvaluation& e,
                                  const RunContext& /*context*/) {
  // The document's one free string, the certificate number, and the rulebook's id and version
  // pass through ReportString; the rest are dates, numbers and the messages' own words.
  const CertificateResult& r = e.result;
  const CertificateDates& d = r.dates;
  std::string s;
  CatTo(s, "服务质量证书 Service-quality certificate");
  if (e.certificate_no && !e.certificate_no->empty()) {
    CatTo(s, " ", ReportString(*e.certificate_no));
  }
  CatTo(s, "\n");
  const CertificateMessage status = CertificateStatusMessage(r, e.as_of);
  CatTo(s, "状态 Status (", e.as_of.ToString(), "): ", Bilingual(CertificateStatusName(r.status)),
        "\n");
  CatTo(s, "  ", status.zh, "\n  ", status.en, "\n");
  CatTo(s, "有效期 Validity: ", d.valid_from.ToString(), " — ", d.valid_until.ToString());
  if (engine.rulebook().certificate.issue_day_is_day_one) {
    CatTo(s, "（发证日计为第一天 issue day counted as day one）");
  }
  CatTo(s, "\n\n年度监督 Annual supervision:\n");
  for (const SupervisionResult& sup : r.supervision()) {
    const int k = sup.dates.anniversary;
    CatTo(s, "  第", k, "年度 Anniversary ", k, ": ", sup.dates.date.ToString(),
          "   自查报告截止 report due ", sup.dates.report_due.ToString(), "   ",
          Bilingual(SupervisionStatusName(sup.status)));
    if (sup.submitted_on) CatTo(s, " (", sup.submitted_on->ToString(), ")");
    if (sup.inspection_at_holder_expense) CatTo(s, "   ⚠ 明察暗访 inspection at holder's expense");
    const CertificateMessage m = CertificateSupervisionMessage(sup, r, e.as_of);
    CatTo(s, "\n    ", m.zh, "\n    ", m.en, "\n");
  }
  CatTo(s, "\n复评申请截止 Renewal due by:            ", d.renewal_due_by.ToString(), "\n");
  CatTo(s, "最早升级申请 Upgrade earliest:           ", d.upgrade_earliest.ToString(), "\n");
  CatTo(s, "升级申请截止 Upgrade application due by: ", d.upgrade_application_due_by.ToString(),
        "\n");
  if (r.revocation) {
    const CertificateMessage m = CertificateRevocationMessage(r, e.as_of);
    CatTo(s, "\n吊销 Revocation: ", r.revocation->on.ToString(), " ",
          RevocationTriggerName(r.revocation->trigger), " (Art. ",
          RevocationArticle(r.revocation->trigger), ")\n  ", m.zh, "\n  ", m.en, "\n");
  }
  if (r.reapplication) {
    const ReapplicationResult& a = *r.reapplication;
    const CertificateMessage m = CertificateReapplicationMessage(a, r, engine.rulebook().certificate);
    CatTo(s, "\n再次申请 Reapplication: ", Bilingual(ReapplicationKindName(a.filing.kind)), " ",
          a.filing.filed_on.ToString(), " → ", Bilingual(ReapplicationStatusName(a.status)),
          "\n  ", m.zh, "\n  ", m.en, "\n");
  }
  CatTo(s, "\n日程 Schedule:\n");
  for (const CertificateMilestone& m : CertificateMilestones(r)) {
    CatTo(s, "  ", m.date.ToString(), "  ", m.summary_zh, " ", m.summary_en, "\n");
  }
  // The answer's "rulebook" stamp, as the report has always shown it above the engine's line.
  const RulebookIdentity& rulebook = engine.identity();
  CatTo(s, "\n规则库 Rulebook: ", ReportString(rulebook.id), " ", ReportString(rulebook.version),
        "\n");
  return s;
}

// ---- iCalendar (RFC 5545) -----------------------------------------------------------------

namespace certificate_format {

std::string EscapeIcsText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default:
        // Other control characters are not allowed in TEXT (RFC 5545 §3.3.11).
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) out += c;
    }
  }
  return out;
}

std::string FoldIcsLine(std::string_view line) {
  constexpr size_t kMaxOctets = 75;
  std::string out;
  size_t used = 0;  // octets on the current physical line
  size_t i = 0;
  while (i < line.size()) {
    const auto lead = static_cast<unsigned char>(line[i]);
    size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    n = std::min(n, line.size() - i);
    if (used + n > kMaxOctets) {
      out += "\r\n ";
      used = 1;  // the folding space counts toward the next line's 75
    }
    out.append(line.substr(i, n));
    used += n;
    i += n;
  }
  out += "\r\n";
  return out;
}

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters even escaped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
    }
  }
  return out;
}

}  // namespace certificate_format

namespace {

using certificate_format::EscapeIcsText;
using certificate_format::EscapeXml;
using certificate_format::FoldIcsLine;

// The reminder ahead of each deadline: a presentation choice, not a rule.
constexpr std::string_view kReminder = "-P14D";

}  // namespace

absl::StatusOr<std::int64_t> IcsCreationTime() {
  // 9999-12-31T23:59:59Z: DTSTAMP's year has four digits.
  constexpr std::int64_t kLast = 253402300799;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr) {
    const std::string_view text(epoch);
    std::int64_t seconds = -1;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || seconds < 0 ||
        seconds > kLast || text.front() == '-' || text.front() == '+') {
      return absl::InvalidArgumentError(
          Cat("SOURCE_DATE_EPOCH is \"", text.substr(0, 40),
              "\", not a number of seconds since 1970-01-01T00:00:00Z (0 to ", kLast,
              "); unset it, and the ICS file's DTSTAMP is the current time"));
    }
    return seconds;
  }
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::clamp<std::int64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(now).count(), 0, kLast);
}

absl::Status CheckIcsCreationTime() { return IcsCreationTime().status(); }

std::string certificate_format::IcsDate(Date d) {
  std::string s = d.ToString();
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  return s;
}

std::string certificate_format::IcsUtcTime(std::int64_t seconds) {
  const std::int64_t day_seconds = ((seconds % 86400) + 86400) % 86400;
  const Date day = Date::FromYmdUnchecked(1970, 1, 1)
                       .PlusDays(static_cast<std::int32_t>((seconds - day_seconds) / 86400));
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d%02d%02d", static_cast<int>(day_seconds / 3600),
                static_cast<int>(day_seconds / 60 % 60), static_cast<int>(day_seconds % 60));
  return Cat(certificate_format::IcsDate(day), "T", clock, "Z");
}

std::string CertificateIcsReport(const Engine& /*engine*/, const CertificateEvaluation& e,
                                 const RunContext& /*context*/) {
  // CheckIcsCreationTime ran first (Engine::Render), so a bad value is not expected here; a
  // direct caller that sets one anyway gets 1970-01-01.
  return CertificateIcsAt(e, IcsCreationTime().value_or(0));
}

std::string CertificateIcsAt(const CertificateEvaluation& e, std::int64_t created) {
  // The certificate number is written as given, in TEXT values escaped (EscapeIcsText).
  const std::string_view certificate_no =
      e.certificate_no ? std::string_view(*e.certificate_no) : std::string_view();
  const std::string certified_on = e.certified_on.ToString();
  const std::string as_of = e.as_of.ToString();
  const std::string stamp = certificate_format::IcsUtcTime(created);
  // UIDs stay the same when the file is regenerated (calendar apps update instead of
  // duplicating) and differ between certificates announced on the same day.
  std::string uid_tail = certificate_format::IcsDate(e.certified_on);
  if (!certificate_no.empty()) CatTo(uid_tail, "-", Sha256Hex(certificate_no).substr(0, 16));

  std::string ics;
  auto line = [&](std::string_view content) { ics += FoldIcsLine(content); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line(Cat("PRODID:-//sqp//sqp certificate ", "1.0//ZH-EN"));
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  std::string name = "服务质量证书 Service-quality certificate";
  if (!certificate_no.empty()) CatTo(name, " ", certificate_no);
  line(Cat("X-WR-CALNAME:", EscapeIcsText(name)));
  // A revoked certificate's later deadlines stay in the file as cancelled events with a raised
  // SEQUENCE (RFC 5545 3.8.1.11, 3.8.7.4), under their old UIDs, so a calendar that imported
  // the earlier file drops them instead of keeping them.
  for (const CertificateMilestone& m : CertificateMilestones(e.result, /*keep_cancelled=*/true)) {
    const std::string date = m.date.ToString();
    std::string summary = Cat(m.summary_zh, " ", m.summary_en);
    if (!certificate_no.empty()) summary = Cat("[", certificate_no, "] ", summary);
    std::string description = Cat(m.summary_zh, "：", date, "\n", m.summary_en, ": ", date,
                                  "\n发证日 Certified on: ", certified_on);
    if (!certificate_no.empty()) CatTo(description, "\n证书编号 Certificate no.: ", certificate_no);
    CatTo(description, "\n状态日期 Status as of: ", as_of);
    line("BEGIN:VEVENT");
    line(Cat("UID:sqp-certificate-", uid_tail, "-", m.kind,
             m.anniversary > 0 ? Cat("-", m.anniversary) : std::string(), "@sqp"));
    line(Cat("DTSTAMP:", stamp));
    line(m.cancelled ? "SEQUENCE:1" : "SEQUENCE:0");
    if (m.cancelled) line("STATUS:CANCELLED");
    line(Cat("DTSTART;VALUE=DATE:", certificate_format::IcsDate(m.date)));
    line(Cat("DTEND;VALUE=DATE:", certificate_format::IcsDate(m.date.PlusDays(1))));
    line(Cat("SUMMARY:", EscapeIcsText(summary)));
    line(Cat("DESCRIPTION:", EscapeIcsText(description)));
    line(Cat("CATEGORIES:", EscapeIcsText("sqp"), ",", m.kind));
    line("TRANSP:TRANSPARENT");
    if (!m.cancelled) {  // no reminder for what is no longer due
      line("BEGIN:VALARM");
      line("ACTION:DISPLAY");
      line(Cat("DESCRIPTION:", EscapeIcsText(summary)));
      line(Cat("TRIGGER:", kReminder));
      line("END:VALARM");
    }
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return ics;
}

// ---- SVG timeline -------------------------------------------------------------------------

namespace {

struct Scale {
  Date first;
  Date last;
  double left;
  double right;
  double X(Date d) const {
    const double span = std::max<std::int32_t>(1, last.DaysSince(first));
    const double t = std::clamp<double>(d.DaysSince(first) / span, 0.0, 1.0);
    return left + t * (right - left);
  }
};

std::string Num(double v) {
  // One decimal is finer than a pixel; to_chars is locale-independent.
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

// Chinese first, then the fonts that carry it on Windows, macOS and other Linux systems, then
// the generic family: a system without any CJK font still draws every English line and date.
constexpr std::string_view kFontFamily =
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', "
    "'PingFang SC', 'Hiragino Sans GB', sans-serif";

// `text` in at most two lines: broken at the last space within `max_bytes` when it is longer.
std::vector<std::string_view> TwoLines(std::string_view text, size_t max_bytes) {
  const size_t cut = text.size() > max_bytes ? text.rfind(' ', max_bytes) : std::string_view::npos;
  if (cut == std::string_view::npos || cut == 0) return {text};
  return {text.substr(0, cut), text.substr(cut + 1)};
}

// The layout, top to bottom (y in px): heading, the status message in Chinese and English,
// three rows of labels above the validity bar, the bar, two rows below it, today's label, the
// legend. A label is three lines: Chinese, English, date.
constexpr double kWidth = 1000, kLeft = 70, kRight = 930;
constexpr double kLine = 13;                     // one label line
constexpr double kBarTop = 226, kBarHeight = 26;
constexpr double kBarBottom = kBarTop + kBarHeight;
constexpr double kTodayLabelY = 384;
constexpr double kLegendTop = 400;
constexpr double kLegendColumn = 290, kLegendRow = 18;
constexpr double kHeight = kLegendTop + 28 + 3 * kLegendRow + 10;

// First line of a milestone's label (its baseline); rows by kind keep labels apart.
double LabelY(std::string_view kind) {
  if (kind == "report_due") return 98;
  if (kind == "upgrade_earliest") return 140;
  if (kind == "renewal_due_by") return 182;
  if (kind == "supervision") return kBarBottom + 38;
  return kBarBottom + 80;  // valid_until
}
bool Above(std::string_view kind) {
  return kind == "report_due" || kind == "upgrade_earliest" || kind == "renewal_due_by";
}
// Labels near an end of the axis grow inward.
std::string_view Anchor(double x) {
  return x < kLeft + 110 ? "start" : x > kRight - 110 ? "end" : "middle";
}

// One key of the legend: its swatch (a marker, an area or today's dashed line) and its name.
struct LegendKey {
  std::string_view key;
  std::string_view shape;  // "marker", "area", "line"
  std::string_view colour;
  std::string_view zh;
  std::string_view en;
};
constexpr LegendKey kLegend[] = {
    {"report_due", "marker", "#d97706", "年度自查报告截止", "Self-inspection report due"},
    {"supervision", "marker", "#2563eb", "年度监督", "Annual supervision"},
    {"upgrade_earliest", "marker", "#059669", "最早可申请升级", "Earliest upgrade"},
    {"renewal_due_by", "marker", "#7c3aed", "复评申请截止", "Renewal due"},
    {"valid_until", "marker", "#dc2626", "有效期最后一天", "Last valid day"},
    {"validity", "area", "#dbeafe", "有效期", "Validity"},
    {"renewal-window", "area", "#c4b5fd", "复评逾期区间", "Late renewal window"},
    {"revocation", "area", "#fca5a5", "吊销后", "Revoked"},
    {"today", "line", "#111827", "今天", "Today (as_of)"},
};
// The colour of a legend key: a milestone's kind, or an area of the bar.
std::string_view Colour(std::string_view key) {
  for (const LegendKey& k : kLegend) {
    if (k.key == key) return k.colour;
  }
  return "#111827";
}

}  // namespace

std::string CertificateSvgReport(const Engine& /*engine*/, const CertificateEvaluation& e,
                                 const RunContext& /*context*/) {
  // The certificate number is drawn as given, XML-escaped (EscapeXml), as the messages are.
  const CertificateResult& r = e.result;
  const Date from = r.dates.valid_from;
  // A last valid day past the years drawn (Drawable) leaves the axis empty.
  const Date until = std::max(from, Drawable(r.dates.valid_until).value_or(from));
  const Scale x{from, until, kLeft, kRight};
  const std::string_view status = CertificateStatusName(r.status);
  const CertificateMessage message = CertificateStatusMessage(r, e.as_of);
  const std::string valid_from = r.dates.valid_from.ToString();
  const std::string valid_until = r.dates.valid_until.ToString();

  std::string svg;
  CatTo(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xml:lang=\"zh-CN\" width=\"", Num(kWidth),
        "\" height=\"", Num(kHeight), "\" viewBox=\"0 0 ", Num(kWidth), " ", Num(kHeight),
        "\" font-family=\"", kFontFamily, "\" font-size=\"11\" role=\"img\">\n");
  // A white halo keeps labels readable where a line crosses them.
  CatTo(svg, "<style>text{paint-order:stroke;stroke:#ffffff;stroke-width:3px;"
             "stroke-linejoin:round}</style>\n");
  std::string heading = "服务质量证书 Service-quality certificate";
  if (e.certificate_no && !e.certificate_no->empty()) CatTo(heading, " ", *e.certificate_no);
  CatTo(svg, "<title>", EscapeXml(heading), " ", valid_from, " — ", valid_until,
        "</title>\n<desc>", EscapeXml(message.zh), " ", EscapeXml(message.en), "</desc>\n");
  CatTo(svg, "<rect class=\"background\" x=\"0\" y=\"0\" width=\"", Num(kWidth), "\" height=\"",
        Num(kHeight), "\" fill=\"#ffffff\"/>\n");
  CatTo(svg, "<text class=\"heading\" x=\"", Num(kLeft), "\" y=\"28\" font-size=\"15\" "
        "font-weight=\"bold\">", EscapeXml(heading), " — ", EscapeXml(Bilingual(status)),
        "</text>\n");
  CatTo(svg, "<text class=\"subheading\" x=\"", Num(kLeft), "\" y=\"46\">",
        EscapeXml(message.zh), "</text>\n");
  // The English message in at most two lines (a revocation's runs to ~160 characters).
  CatTo(svg, "<text class=\"subheading-en\" x=\"", Num(kLeft), "\" y=\"60\" fill=\"#374151\">");
  double message_y = 60;
  for (const std::string_view line : TwoLines(message.en, 140)) {
    CatTo(svg, "<tspan x=\"", Num(kLeft), "\" y=\"", Num(message_y), "\">", EscapeXml(line),
          "</tspan>");
    message_y += kLine;
  }
  CatTo(svg, "</text>\n");

  // Validity bar, year ticks and the renewal window.
  CatTo(svg, "<rect class=\"validity\" x=\"", Num(kLeft), "\" y=\"", Num(kBarTop), "\" width=\"",
        Num(kRight - kLeft), "\" height=\"", Num(kBarHeight),
        "\" fill=\"", Colour("validity"), "\" stroke=\"#1e3a8a\"/>\n");
  CatTo(svg, "<text class=\"validity-label\" x=\"", Num(kLeft), "\" y=\"", Num(kBarBottom + 16),
        "\" text-anchor=\"start\">有效期起 valid from ", valid_from, "</text>\n");
  for (int year = from.year() + 1; year <= until.year(); ++year) {
    const Date jan1 = Date::FromYmdUnchecked(year, 1, 1);
    if (jan1 <= from || jan1 >= until) continue;
    CatTo(svg, "<line class=\"tick\" x1=\"", Num(x.X(jan1)), "\" y1=\"", Num(kBarTop), "\" x2=\"",
          Num(x.X(jan1)), "\" y2=\"", Num(kBarBottom), "\" stroke=\"#93c5fd\"/>"
          "<text class=\"tick-label\" x=\"", Num(x.X(jan1) + 3), "\" y=\"", Num(kBarTop + 17),
          "\" fill=\"#1e3a8a\">", year, "</text>\n");
  }
  if (const auto renewal = Drawable(r.dates.renewal_due_by)) {
    const double x0 = x.X(*renewal);
    CatTo(svg, "<rect class=\"renewal-window\" x=\"", Num(x0), "\" y=\"", Num(kBarTop),
          "\" width=\"", Num(std::max(0.0, kRight - x0)), "\" height=\"", Num(kBarHeight),
          "\" fill=\"", Colour("renewal-window"), "\" fill-opacity=\"0.6\"><title>",
          "复评申请截止后至有效期满 after the renewal due date until expiry: a renewal filed here is late",
          "</title></rect>\n");
  }
  if (r.revocation) {
    const std::string on = r.revocation->on.ToString();
    const double rx = x.X(r.revocation->on);
    CatTo(svg, "<g class=\"revocation\" data-date=\"", on, "\"><rect x=\"", Num(rx), "\" y=\"",
          Num(kBarTop), "\" width=\"", Num(std::max(0.0, kRight - rx)), "\" height=\"",
          Num(kBarHeight), "\" fill=\"", Colour("revocation"), "\" fill-opacity=\"0.7\"/>",
          "<text x=\"", Num(rx), "\" y=\"", Num(kBarTop - 5), "\" text-anchor=\"",
          rx > kRight - 110 ? "end" : "start", "\" fill=\"#991b1b\">吊销 revoked ", on,
          "</text></g>\n");
  }

  // Today's position (as_of), pinned to the edge with its date when outside the validity.
  const Date today = e.as_of;
  const double tx = x.X(today);
  const std::string_view where = today < from ? "◂ " : "";
  const std::string_view after = today > until ? " ▸" : "";
  const std::string today_text = today.ToString();
  CatTo(svg, "<g class=\"today\" data-date=\"", today_text, "\"><line x1=\"", Num(tx),
        "\" y1=\"72\" x2=\"", Num(tx), "\" y2=\"", Num(kTodayLabelY - 14),
        "\" stroke=\"#111827\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>",
        "<text x=\"", Num(tx), "\" y=\"", Num(kTodayLabelY), "\" text-anchor=\"", Anchor(tx),
        "\" font-weight=\"bold\">", where, "今天 today ", today_text, after, "</text></g>\n");
  // One marker per milestone: its leader and dot first, then every label over them, so that a
  // leader never runs across a label.
  const std::vector<CertificateMilestone> milestones = CertificateMilestones(r);
  std::vector<std::string> labels;
  for (const CertificateMilestone& m : milestones) {
    const double cx = x.X(m.date);
    const std::string date = m.date.ToString();
    const bool above = Above(m.kind);
    const double y = LabelY(m.kind);
    const double tip = above ? kBarTop : kBarBottom;
    const double end = above ? y + 2 * kLine + 5 : y - kLine + 1;
    CatTo(svg, "<g class=\"deadline\" data-kind=\"", m.kind, "\" data-date=\"", date, "\">",
          "<line x1=\"", Num(cx), "\" y1=\"", Num(end), "\" x2=\"", Num(cx), "\" y2=\"", Num(tip),
          "\" stroke=\"", Colour(m.kind), "\"/>", "<circle cx=\"", Num(cx), "\" cy=\"", Num(tip),
          "\" r=\"4\" fill=\"", Colour(m.kind), "\"/>", "<title>",
          EscapeXml(Cat(m.summary_zh, " ", m.summary_en, " ", date)), "</title></g>\n");
    std::string label;
    CatTo(label, "<text class=\"label\" data-kind=\"", m.kind, "\" x=\"", Num(cx), "\" y=\"",
          Num(y), "\" text-anchor=\"", Anchor(cx), "\" fill=\"", Colour(m.kind), "\">");
    const std::string_view parts[] = {m.summary_zh, m.summary_en, date};
    for (size_t i = 0; i < 3; ++i) {
      CatTo(label, "<tspan x=\"", Num(cx), "\" y=\"", Num(y + kLine * static_cast<double>(i)),
            "\"", i == 2 ? " font-weight=\"bold\"" : "", ">", EscapeXml(parts[i]), "</tspan>");
    }
    CatTo(label, "</text>\n");
    labels.push_back(std::move(label));
  }
  for (const std::string& label : labels) svg += label;

  // The legend: every colour of the drawing with its name in both languages.
  CatTo(svg, "<g class=\"legend\"><rect x=\"", Num(kLeft - 10), "\" y=\"", Num(kLegendTop),
        "\" width=\"", Num(kRight - kLeft + 20), "\" height=\"",
        Num(kHeight - kLegendTop - 6), "\" fill=\"#f9fafb\" stroke=\"#d1d5db\"/>",
        "<text x=\"", Num(kLeft), "\" y=\"", Num(kLegendTop + 16),
        "\" font-weight=\"bold\" fill=\"#374151\">图例 Legend</text>\n");
  for (size_t i = 0; i < std::size(kLegend); ++i) {
    const LegendKey& k = kLegend[i];
    const double lx = kLeft + kLegendColumn * static_cast<double>(i % 3);
    const double ly = kLegendTop + 34 + kLegendRow * static_cast<double>(i / 3);  // baseline
    CatTo(svg, "<g class=\"legend-key\" data-key=\"", k.key, "\">");
    if (k.shape == "marker") {
      CatTo(svg, "<line x1=\"", Num(lx + 7), "\" y1=\"", Num(ly - 11), "\" x2=\"", Num(lx + 7),
            "\" y2=\"", Num(ly - 4), "\" stroke=\"", k.colour, "\"/><circle cx=\"", Num(lx + 7),
            "\" cy=\"", Num(ly - 4), "\" r=\"4\" fill=\"", k.colour, "\"/>");
    } else if (k.shape == "area") {
      CatTo(svg, "<rect x=\"", Num(lx), "\" y=\"", Num(ly - 10), "\" width=\"14\" height=\"11\" "
            "fill=\"", k.colour, "\" stroke=\"#1e3a8a\" stroke-width=\"0.5\"/>");
    } else {
      CatTo(svg, "<line x1=\"", Num(lx + 7), "\" y1=\"", Num(ly - 11), "\" x2=\"", Num(lx + 7),
            "\" y2=\"", Num(ly + 1), "\" stroke=\"", k.colour,
            "\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>");
    }
    CatTo(svg, "<text x=\"", Num(lx + 20), "\" y=\"", Num(ly), "\" fill=\"#374151\">", k.zh, " ",
          k.en, "</text></g>\n");
  }
  CatTo(svg, "</g>\n</svg>\n");
  return svg;
}

}  // namespace sqp::internal
