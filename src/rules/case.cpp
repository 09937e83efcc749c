// EvaluateCase (sqp/case.hpp): the procedure of Art. 14 as one case, RULES.md §7. Each PROC.*
// rule below names its ID; the single operations' rules it invokes are called, not restated.
#include <algorithm>
#include <string>
#include <string_view>

#include "sqp/case.hpp"
#include "strings.hpp"

namespace sqp {
namespace {

class CaseRecorder {
 public:
  explicit CaseRecorder(CaseResult& r) : r_(r) {
    r_.rule_status.fill(FindingStatus::kNote);
  }
  // A finding of one of the case's own rules (PROC.*, TEAM.AUDITORS).
  void Add(CaseRule rule, FindingStatus status, std::string en, std::string zh,
           std::string evidence) {
    const auto i = static_cast<size_t>(rule);
    if (SeverityRank(status) > SeverityRank(r_.rule_status[i])) r_.rule_status[i] = status;
    r_.findings.push_back({kCaseRuleIds[i], kCaseRuleArticles[i], status, std::move(en),
                           std::move(zh), std::move(evidence)});
  }
  // A finding of a rule the case invokes (BODY.*, PEOPLE.REMOVAL, VOTE.*, CYCLE.*, CERT.*).
  void AddInvoked(std::string_view rule, std::string_view article, FindingStatus status,
                  std::string en, std::string zh, std::string evidence) {
    r_.findings.push_back({rule, article, status, std::move(en), std::move(zh), std::move(evidence)});
  }

 private:
  CaseResult& r_;
};

std::string D(Date d) { return d.ToString(); }
std::string_view StepEn(CaseStep s) { return kCaseStepNamesEn[Index(s)]; }
std::string_view StepZh(CaseStep s) { return kCaseStepNamesZh[Index(s)]; }
std::string StepPointer(CaseStep s) { return std::string(kCaseStepPointers[Index(s)]); }
// The last day of month `m` (the acceptance and announcement months' deadlines).
Date LastDayOf(YearMonth m) {
  return Date::FromYmd(m.year, m.month, Date::DaysInMonth(m.year, m.month)).value_or(Date());
}

// Each step's date, nullopt when not recorded.
std::array<std::optional<Date>, kCaseStepCount> StepDates(const CaseInput& in) {
  std::array<std::optional<Date>, kCaseStepCount> d;
  const CaseSteps& s = in.steps;
  if (in.application) d[Index(CaseStep::kApplied)] = in.application->applied_on;
  d[Index(CaseStep::kAccepted)] = s.accepted_on;
  d[Index(CaseStep::kInvestigation)] = s.investigation_completed_on;
  if (s.commissioned) d[Index(CaseStep::kCommissioned)] = s.commissioned->on;
  d[Index(CaseStep::kMaterialsReceived)] = s.materials_received_on;
  d[Index(CaseStep::kEvaluated)] = s.evaluated_on;
  d[Index(CaseStep::kReportReceived)] = s.report_received_on;
  if (s.expert_review) d[Index(CaseStep::kExpertReview)] = s.expert_review->held_on;
  if (s.publicity) d[Index(CaseStep::kPublicity)] = s.publicity->starts_on;
  if (s.final_review) d[Index(CaseStep::kFinalReview)] = s.final_review->held_on;
  d[Index(CaseStep::kAnnounced)] = s.announced_on;
  return d;
}

bool AnyRecordedAfter(const std::array<std::optional<Date>, kCaseStepCount>& dates, CaseStep s) {
  for (size_t i = Index(s) + 1; i < kCaseStepCount; ++i) {
    if (dates[i]) return true;
  }
  return false;
}

// The motions of a meeting that concern this case's applicant: those whose subject is its
// application_id, or every motion when the application has no id.
bool ConcernsApplicant(const CaseInput& in, const Motion& m) {
  if (!in.application || !in.application->application_id) return true;
  return m.subject == *in.application->application_id;
}

std::string MotionPointer(std::string_view meeting, size_t i) {
  return Cat("/steps/", meeting, "/motions/", i);
}

// The first motion about the applicant that passed.
std::optional<size_t> EffectiveMotion(const CaseInput& in, const CaseMeeting& m,
                                      const MeetingResult& r) {
  for (size_t i = 0; i < r.motions.size(); ++i) {
    if (ConcernsApplicant(in, m.meeting.motions[i]) && r.motions[i].tally.passed) return i;
  }
  return std::nullopt;
}

// VOTE.*_QUORUM and VOTE.*_DECISION for one meeting of the case.
void MeetingFindings(const CaseInput& in, const CaseMeeting& m, const MeetingResult& r,
                     std::string_view member, CaseRecorder& rec) {
  const bool expert = r.body == MeetingBody::kExpertReview;
  const std::string_view quorum_rule = expert ? "VOTE.EXPERT_QUORUM" : "VOTE.FINAL_QUORUM";
  const std::string_view decision_rule = expert ? "VOTE.EXPERT_DECISION" : "VOTE.FINAL_DECISION";
  const std::string_view article = expert ? "14(7)" : "14(9)";
  const std::string_view body_zh = kMeetingBodyNamesZh[Index(r.body)];
  const std::string_view mode_en = r.mode == MeetingMode::kCorrespondence ? " by correspondence" : "";
  const std::string_view mode_zh = r.mode == MeetingMode::kCorrespondence ? "（通讯方式）" : "";
  rec.AddInvoked(
      quorum_rule, article, r.quorum.met ? FindingStatus::kPass : FindingStatus::kFail,
      Cat(expert ? "expert review" : "final review", " of ", D(m.held_on), mode_en, ": ",
          r.quorum.present, " of ", r.quorum.members, " present, at least ", r.quorum.required,
          " needed: ", r.quorum.met ? "valid" : "not valid"),
      Cat(D(m.held_on), " ", body_zh, mode_zh, "：应到 ", r.quorum.members, " 人，实到 ",
          r.quorum.present, " 人，至少需 ", r.quorum.required, " 人：",
          r.quorum.met ? "会议有效" : "会议无效"),
      Cat("/steps/", member, "/present"));
  for (size_t i = 0; i < r.motions.size(); ++i) {
    const Motion& motion = m.meeting.motions[i];
    if (!ConcernsApplicant(in, motion)) continue;
    const MotionResult& mr = r.motions[i];
    const size_t d = Index(mr.decision);
    rec.AddInvoked(
        decision_rule, article, mr.tally.passed ? FindingStatus::kPass : FindingStatus::kFail,
        Cat(kMeetingDecisionNamesEn[d], " (", motion.subject, "): ", mr.votes.for_votes,
            " for, at least ", mr.tally.required, " needed",
            r.quorum.met ? "" : " at a valid meeting", ": ",
            mr.tally.passed ? "passed, takes effect" : "not passed, does not take effect"),
        Cat(kMeetingDecisionNamesZh[d], "（", motion.subject, "）：赞成 ", mr.votes.for_votes,
            " 票，至少需 ", mr.tally.required, " 票", r.quorum.met ? "" : "且会议有效", "：",
            mr.tally.passed ? "通过，决定生效" : "未通过，决定不生效"),
        MotionPointer(member, i));
  }
}

// PEOPLE.REMOVAL: a person of `role` named `name` removed on or before `on`.
const DatedGround* RemovalOf(const CaseInput& in, std::string_view name, PersonRole role, Date on) {
  for (const Person& p : in.people) {
    if (p.name != name || p.role != role) continue;
    for (const DatedGround& g : p.removals) {
      if (GroundInForce(g, on)) return &g;
    }
  }
  return nullptr;
}

void RemovalFinding(std::string_view who, const DatedGround& g, Date on, std::string_view role_zh,
                    std::string_view act_en, std::string_view act_zh, std::string evidence,
                    CaseRecorder& rec) {
  const auto item = static_cast<size_t>(std::clamp(g.ground, 1, kRemovalGrounds) - 1);
  rec.AddInvoked("PEOPLE.REMOVAL", "21", FindingStatus::kFail,
                 Cat(who, " was removed on ", D(g.on), " (Art. 21(", g.ground, "): ",
                     kRemovalGroundsEn[item], ") and may not ", act_en, " on ", D(on)),
                 Cat(role_zh, who, " 已于 ", D(g.on), " 因", kRemovalGroundsZh[item], "（第二十一条第",
                     g.ground, "项）被除名，", D(on), " 不得", act_zh),
                 std::move(evidence));
}

}  // namespace

CaseResult EvaluateCase(const Rulebook& rb, const CaseInput& in) {
  CaseResult r;
  CaseRecorder rec(r);
  const CaseSteps& s = in.steps;
  const auto dates = StepDates(in);

  for (size_t i = kCaseStepCount; i-- > 0;) {
    if (dates[i]) {
      r.stage = static_cast<CaseStep>(i);
      break;
    }
  }

  // ---- The single operations' verdicts on the same data ----
  if (in.application) {
    r.eligibility.emplace();
    EvaluateEligibility(rb, *in.application, *r.eligibility);
  }
  CycleInput cycle;
  if (in.application) cycle.applied_on = in.application->applied_on;
  cycle.materials_received_on = s.materials_received_on;
  if (s.publicity) {
    cycle.publicity_starts_on = s.publicity->starts_on;
    cycle.objections.emplace();
    for (const CaseObjection& o : s.publicity->objections) cycle.objections->push_back(o.objection);
  }
  // Objections always come with their publicity here, so this cannot fail.
  if (auto c = EvaluateCycle(rb, cycle); c.ok()) r.calendar = *std::move(c);
  if (in.scoresheet) r.score = EvaluateScore(rb, *in.scoresheet);
  auto meeting = [&](const std::optional<CaseMeeting>& m) -> std::optional<CaseMeetingResult> {
    if (!m) return std::nullopt;
    auto evaluated = EvaluateMeeting(rb, m->meeting);
    if (!evaluated.ok()) return std::nullopt;  // the door checks consistency first
    CaseMeetingResult cm{*std::move(evaluated), std::nullopt};
    cm.effective_motion = EffectiveMotion(in, *m, cm.meeting);
    return cm;
  };
  r.expert_review = meeting(s.expert_review);
  r.final_review = meeting(s.final_review);

  // Where the case ended before its last step, if it did: the step and the outcome.
  std::optional<CaseStep> ended_at;
  CaseOutcome ended_outcome = CaseOutcome::kInProgress;
  std::string ended_en, ended_zh;
  auto end_case = [&](CaseStep at, CaseOutcome outcome, std::string en, std::string zh) {
    if (ended_at) return;
    ended_at = at;
    ended_outcome = outcome;
    ended_en = std::move(en);
    ended_zh = std::move(zh);
  };

  // ---- PROC.ORDER (Art. 14): every step after the ones it depends on ----
  for (size_t i = 0; i < kCaseStepCount; ++i) {
    const auto step = static_cast<CaseStep>(i);
    if (dates[i] || !StepRequired(step) || !AnyRecordedAfter(dates, step)) continue;
    size_t later = i + 1;
    while (!dates[later]) ++later;
    const auto next = static_cast<CaseStep>(later);
    rec.Add(CaseRule::kOrder, FindingStatus::kFail,
            Cat(StepEn(next), " is recorded but the earlier step \"", StepEn(step),
                "\" is not: the procedure may not skip or simplify a step (Art. 14, 23(1))"),
            Cat("已记录“", StepZh(next), "”，但其前一步骤“", StepZh(step),
                "”未记录：不得省略或简化评价程序（第十四条、第二十三条第（一）项）"),
            StepPointer(next));
  }
  for (size_t i = 1; i < kCaseStepCount; ++i) {
    if (!dates[i]) continue;
    // The latest of the earlier steps: a step dated before it comes before a step it depends on.
    std::optional<size_t> latest;
    for (size_t j = 0; j < i; ++j) {
      if (dates[j] && (!latest || *dates[j] > *dates[*latest])) latest = j;
    }
    if (!latest || *dates[i] >= *dates[*latest]) continue;
    const auto step = static_cast<CaseStep>(i);
    const auto before = static_cast<CaseStep>(*latest);
    rec.Add(CaseRule::kOrder, FindingStatus::kFail,
            Cat(StepEn(step), " on ", D(*dates[i]), " is dated before ", StepEn(before), " on ",
                D(*dates[*latest]), ", a step it depends on"),
            Cat("“", StepZh(step), "”（", D(*dates[i]), "）早于其所依赖的“", StepZh(before), "”（",
                D(*dates[*latest]), "）"),
            StepPointer(step));
  }

  // ---- PROC.ACCEPTANCE (Art. 14(3)) ----
  if (in.application && r.calendar.batch) {
    const Batch& batch = *r.calendar.batch;
    if (s.accepted_on) {
      const YearMonthDay a = s.accepted_on->ymd();
      const bool in_month = YearMonth{a.year, a.month} == batch.acceptance;
      rec.Add(CaseRule::kAcceptance, in_month ? FindingStatus::kPass : FindingStatus::kFail,
              Cat("accepted on ", D(*s.accepted_on), in_month ? ", in " : ", outside ",
                  "the acceptance month ", batch.acceptance.ToString(), " of the batch the filing of ",
                  D(in.application->applied_on), " joins (CYCLE.BATCH)"),
              Cat(D(*s.accepted_on), " 受理，", in_month ? "在" : "不在", "申请（",
                  D(in.application->applied_on), "）所属批次的受理月 ", batch.acceptance.ToString(), " 内"),
              "/steps/accepted_on");
    }
  }

  // ---- PROC.INVESTIGATION (Art. 14(4)): the reverse investigation before the evaluation ----
  if (in.application) {
    const Application& app = *in.application;
    const EligibilityResult& e = *r.eligibility;
    if (s.investigation_completed_on) {
      std::string missing;
      if (!app.accidents_recorded) CatTo(missing, missing.empty() ? "" : ", ", "accidents");
      if (!app.criticisms_recorded) CatTo(missing, missing.empty() ? "" : ", ", "regulator_criticisms");
      if (!app.adverse_records_recorded) CatTo(missing, missing.empty() ? "" : ", ", "adverse_records");
      if (!missing.empty()) {
        rec.Add(CaseRule::kInvestigation, FindingStatus::kFail,
                Cat("the reverse investigation is recorded complete on ",
                    D(*s.investigation_completed_on), " but its result is not: the application has no ",
                    missing, " (READ.ABSENT)"),
                Cat("反向调查记录于 ", D(*s.investigation_completed_on), " 完成，但申请书中缺少其结果：",
                    missing, "（未记录不等于无记录）"),
                "/steps/investigation/completed_on");
      } else {
        rec.Add(CaseRule::kInvestigation, FindingStatus::kPass,
                Cat("reverse investigation completed on ", D(*s.investigation_completed_on),
                    "; its result (accidents, criticisms, adverse records) is in the application"),
                Cat("反向调查于 ", D(*s.investigation_completed_on),
                    " 完成，其结果（生产安全事故、通报批评、不良服务记录）已记入申请书"),
                "/steps/investigation/completed_on");
      }
    }
    if (e.disqualified) {
      rec.Add(CaseRule::kInvestigation, FindingStatus::kNote,
              "the reverse investigation disqualifies the applicant (ELIG.ACCIDENT / ELIG.ADVERSE): "
              "the case ends here",
              "反向调查结果直接取消申请单位的参评资格：本案到此终结", "/application");
      end_case(CaseStep::kInvestigation, CaseOutcome::kDisqualified,
               "the applicant is disqualified by the reverse investigation",
               "反向调查取消了申请单位的参评资格");
    } else if (e.decision == Decision::kIneligible) {
      const bool went_on = AnyRecordedAfter(dates, CaseStep::kInvestigation);
      rec.Add(CaseRule::kInvestigation, went_on ? FindingStatus::kFail : FindingStatus::kPending,
              went_on ? "the application does not meet the conditions (an ELIG rule fails), yet the "
                        "case went on past the reverse investigation"
                      : "the application does not meet the conditions (an ELIG rule fails): the case "
                        "cannot go on",
              went_on ? "申请不符合申请条件（资格规则不符合），案件却在反向调查后继续进行"
                      : "申请不符合申请条件（资格规则不符合），案件不能继续",
              "/application");
    } else if (e.decision == Decision::kPending && s.announced_on) {
      rec.Add(CaseRule::kInvestigation, FindingStatus::kFail,
              "the result was announced while the application's eligibility was still pending",
              "申请资格仍待定时即进行了结果公告", "/steps/announced_on");
    }
  } else if (s.investigation_completed_on) {
    rec.Add(CaseRule::kInvestigation, FindingStatus::kFail,
            "the reverse investigation is recorded but the application it investigates is not",
            "已记录反向调查，但未记录所调查的申请", "/steps/investigation/completed_on");
  }

  // ---- PROC.BODY (Art. 14(5), 22, 23) with BODY.*, TEAM.AUDITORS, PEOPLE.REMOVAL ----
  if (s.commissioned) {
    const Commissioning& c = *s.commissioned;
    // The team works on the site evaluation's day; without it, on the commissioning day.
    const Date evaluation_day = s.evaluated_on.value_or(c.on);
    bool body_ok = true;
    if (!in.bodies_offered) {
      rec.Add(CaseRule::kBody, FindingStatus::kPending,
              Cat("commissioned ", c.body, " on ", D(c.on),
                  ", but the list of bodies offered to the applicant is not recorded (BODY.CHOICE)"),
              Cat(D(c.on), " 委托 ", c.body, "，但未记录向申请单位提供的服务认证机构名单（第二十二条）"),
              "/steps/commissioned/body");
      body_ok = false;
    } else {
      const std::vector<OfferedBody>& offered = *in.bodies_offered;
      BodiesInput bodies_in{c.on, offered, {}, std::nullopt};
      r.bodies = EvaluateBodies(rb.bodies, nullptr, bodies_in);
      const BodiesResult& br = *r.bodies;
      for (size_t i = 0; i < offered.size(); ++i) {
        const OfferedBody& b = offered[i];
        const std::string at = Cat("/bodies_offered/", i);
        if (!b.telecom_service_qualification) {
          rec.AddInvoked("BODY.CHOICE", "22", FindingStatus::kFail,
                         Cat(b.name, " holds no telecom-service certification qualification"),
                         Cat(b.name, " 不具有电信服务认证资质"),
                         Cat(at, "/telecom_service_qualification"));
        }
        if (!b.ict_quality_system_experience) {
          rec.AddInvoked("BODY.CHOICE", "22", FindingStatus::kFail,
                         Cat(b.name, " has no quality-system certification experience in the ICT industry"),
                         Cat(b.name, " 在信息通信行业无质量体系认证经历"),
                         Cat(at, "/ict_quality_system_experience"));
        }
      }
      const int need = rb.bodies.min_qualified_offered;
      rec.AddInvoked("BODY.CHOICE", "22", br.choice_met ? FindingStatus::kPass : FindingStatus::kFail,
                     Cat(br.offerable, br.offerable == 1 ? " qualified body" : " qualified bodies",
                         " offered that may evaluate on ", D(c.on), "; at least ", need,
                         " must be offered for the applicant to choose from"),
                     Cat("可供申请单位自主选择的合格服务认证机构 ", br.offerable, " 家（", D(c.on),
                         "），至少需要 ", need, " 家"),
                     "/bodies_offered");
      if (!br.choice_met) body_ok = false;
      // The commissioned body: offered, qualified, and no Art. 23 ground by the evaluation.
      std::optional<size_t> chosen;
      for (size_t i = 0; i < offered.size(); ++i) {
        if (offered[i].name == c.body) {
          chosen = i;
          break;
        }
      }
      if (!chosen) {
        body_ok = false;
        rec.Add(CaseRule::kBody, FindingStatus::kFail,
                Cat("the commissioned body ", c.body, " is not among the bodies offered to the applicant"),
                Cat("受委托的 ", c.body, " 不在向申请单位提供的服务认证机构名单中"),
                "/steps/commissioned/body");
      } else {
        const OfferedBody& b = offered[*chosen];
        const bool qualified = br.bodies[*chosen].qualified;
        if (!qualified) body_ok = false;
        for (size_t j = 0; j < b.violations.size(); ++j) {
          const DatedGround& g = b.violations[j];
          if (!GroundInForce(g, evaluation_day)) continue;
          body_ok = false;
          const auto item = static_cast<size_t>(std::clamp(g.ground, 1, kBodyViolationGrounds) - 1);
          rec.AddInvoked("BODY.DISQUALIFY", "23", FindingStatus::kFail,
                         Cat(b.name, ": Art. 23(", g.ground, ") on ", D(g.on), ", ",
                             kBodyViolationGroundsEn[item], "; it may not evaluate on ",
                             D(evaluation_day)),
                         Cat(b.name, "：", D(g.on), " ", kBodyViolationGroundsZh[item], "（第二十三条第",
                             g.ground, "项），取消其服务现场质量推进活动资格，", D(evaluation_day),
                             " 不得评价"),
                         Cat("/bodies_offered/", *chosen, "/violations/", j));
        }
      }
    }
    // TEAM.AUDITORS (Art. 9, 23(4)): every member a CCAA-registered auditor on the day.
    size_t valid_auditors = 0;
    bool team_ok = true;
    for (size_t i = 0; i < c.team.size(); ++i) {
      const TeamMember& m = c.team[i];
      const std::string at = Cat("/steps/commissioned/team/", i);
      if (!m.ccaa_registration) {
        team_ok = false;
        rec.Add(CaseRule::kTeamAuditors, FindingStatus::kFail,
                Cat(m.name, " holds no CCAA telecom-service auditor registration (Art. 23(4))"),
                Cat(m.name, " 不具有中国认证认可协会注册的电信服务认证审查员资质（第二十三条第（四）项）"),
                Cat(at, "/ccaa_registration"));
      } else if (m.valid_until && *m.valid_until < evaluation_day) {
        team_ok = false;
        rec.Add(CaseRule::kTeamAuditors, FindingStatus::kFail,
                Cat(m.name, "'s CCAA registration ", *m.ccaa_registration, " expired on ",
                    D(*m.valid_until), ", before the evaluation on ", D(evaluation_day)),
                Cat(m.name, " 的审查员注册 ", *m.ccaa_registration, " 已于 ", D(*m.valid_until),
                    " 到期，早于 ", D(evaluation_day), " 的评价"),
                Cat(at, "/valid_until"));
      } else {
        ++valid_auditors;
      }
      if (const DatedGround* g = RemovalOf(in, m.name, PersonRole::kEvaluator, evaluation_day)) {
        team_ok = false;
        RemovalFinding(m.name, *g, evaluation_day, "评价人员 ", "evaluate", "参加评价", at, rec);
      }
    }
    if (c.team.empty() || valid_auditors == 0) team_ok = false;
    rec.Add(CaseRule::kTeamAuditors, team_ok ? FindingStatus::kPass : FindingStatus::kFail,
            Cat("evaluation team of ", c.team.size(), c.team.size() == 1 ? " member: " : " members: ",
                valid_auditors, valid_auditors == 1 ? " registered auditor" : " registered auditors",
                " valid on ", D(evaluation_day),
                team_ok ? "" : "; every member must be a CCAA-registered telecom-service auditor"),
            Cat("评价小组 ", c.team.size(), " 人，其中 ", D(evaluation_day), " 有效注册的审查员 ",
                valid_auditors, " 人", team_ok ? "" : "；评价小组成员均须为注册电信服务认证审查员"),
            "/steps/commissioned/team");
    if (!team_ok) body_ok = false;
    if (in.bodies_offered) {
      rec.Add(CaseRule::kBody, body_ok ? FindingStatus::kPass : FindingStatus::kFail,
              Cat("commissioned ", c.body, " on ", D(c.on),
                  body_ok ? ": offered, qualified, not disqualified, with a registered team"
                          : ": the body or its team may not carry out the evaluation (see BODY.*, "
                            "TEAM.AUDITORS, PEOPLE.REMOVAL)"),
              Cat(D(c.on), " 委托 ", c.body,
                  body_ok ? "：在提供名单内、具备资质、未被取消资格，评价小组成员均已注册"
                          : "：该机构或其评价小组不得开展评价（见 BODY.*、TEAM.AUDITORS、PEOPLE.REMOVAL）"),
              "/steps/commissioned");
    }
  }

  // ---- PROC.REPORT (Art. 14(6)): the report by CYCLE.REPORT_DUE ----
  if (r.calendar.report_due && s.report_received_on) {
    const Date due = r.calendar.report_due->due;
    const std::int32_t late = s.report_received_on->DaysSince(due);
    rec.Add(CaseRule::kReport, late <= 0 ? FindingStatus::kPass : FindingStatus::kFail,
            late <= 0 ? Cat("initial evaluation report received on ", D(*s.report_received_on),
                            ", by its due date ", D(due), " (CYCLE.REPORT_DUE)")
                      : Cat("initial evaluation report received on ", D(*s.report_received_on), ", ",
                            late, late == 1 ? " day" : " days", " after its due date ", D(due),
                            " (one month after the materials arrived on ",
                            D(*s.materials_received_on), ")"),
            late <= 0 ? Cat("初评报告于 ", D(*s.report_received_on), " 报送，未超过期限 ", D(due))
                      : Cat("初评报告于 ", D(*s.report_received_on), " 报送，超过期限 ", D(due), " ",
                            late, " 天（收到申请材料 ", D(*s.materials_received_on), " 后一个月内）"),
            "/steps/report_received_on");
  }

  // ---- PROC.EXPERT_REVIEW (Art. 14(7)) ----
  if (s.expert_review && r.expert_review) {
    const CaseMeeting& m = *s.expert_review;
    const MeetingResult& mr = r.expert_review->meeting;
    MeetingFindings(in, m, mr, "expert_review", rec);
    bool sound = true;
    for (size_t i = 0; i < m.attendees.size(); ++i) {
      if (const DatedGround* g = RemovalOf(in, m.attendees[i], PersonRole::kExpert, m.held_on)) {
        sound = false;
        RemovalFinding(m.attendees[i], *g, m.held_on, "评审专家 ", "sit in the expert review",
                       "参加专家评审", Cat("/steps/expert_review/attendees/", i), rec);
      }
    }
    const bool went_on = AnyRecordedAfter(dates, CaseStep::kExpertReview);
    const PreliminaryResult pre = s.preliminary_result.value_or(PreliminaryResult{});
    const std::string grade_en = pre.grade ? Cat(" (grade ", *pre.grade, ")") : std::string();
    const std::string grade_zh = pre.grade ? Cat("（等级 ", *pre.grade, "）") : std::string();
    if (!s.preliminary_result) {
      rec.Add(CaseRule::kExpertReview, went_on ? FindingStatus::kFail : FindingStatus::kPending,
              "the expert review is recorded without its preliminary result (steps.preliminary_result)",
              "已记录专家评审会，但未记录其初步评审结果", "/steps/expert_review");
    } else if (!sound) {
      rec.Add(CaseRule::kExpertReview, FindingStatus::kFail,
              "a removed expert sat in the expert review meeting (PEOPLE.REMOVAL)",
              "已被除名的专家参加了专家评审会（第二十一条）", "/steps/expert_review/attendees");
    } else if (!mr.valid()) {
      rec.Add(CaseRule::kExpertReview, went_on ? FindingStatus::kFail : FindingStatus::kPending,
              went_on ? "the expert review meeting was not valid (VOTE.EXPERT_QUORUM), yet the case "
                        "went on on its result"
                      : "the expert review meeting was not valid (VOTE.EXPERT_QUORUM): a valid one "
                        "must still review the case",
              went_on ? "专家评审会无效（出席不足三分之二），案件却依其结果继续进行"
                      : "专家评审会无效（出席不足三分之二）：须召开有效的专家评审会",
              "/steps/expert_review");
    } else if (!pre.disputed) {
      rec.Add(CaseRule::kExpertReview, FindingStatus::kPass,
              Cat("valid expert review on ", D(m.held_on),
                  "; the applicant is undisputed and keeps its preliminary result", grade_en),
              Cat(D(m.held_on), " 专家评审会有效；申请单位无异议，按初步评审结果", grade_zh, "确定"),
              "/steps/preliminary_result");
    } else if (r.expert_review->effective_motion) {
      const size_t i = *r.expert_review->effective_motion;
      const MeetingDecision d = mr.motions[i].decision;
      rec.Add(CaseRule::kExpertReview, FindingStatus::kPass,
              Cat("disputed applicant: the decision to ", kMeetingDecisionNamesEn[Index(d)],
                  " passed on ", D(m.held_on), " and takes effect"),
              Cat("有异议的申请单位：", D(m.held_on), " 作出“", kMeetingDecisionNamesZh[Index(d)],
                  "”的决定，表决通过，决定生效"),
              MotionPointer("expert_review", i));
      const CaseOutcome outcome = d == MeetingDecision::kDeferReReview ? CaseOutcome::kDeferred
                                  : d == MeetingDecision::kSuspend     ? CaseOutcome::kSuspended
                                                                       : CaseOutcome::kStopped;
      end_case(CaseStep::kExpertReview, outcome,
               Cat("the experts decided to ", kMeetingDecisionNamesEn[Index(d)]),
               Cat("专家评审会决定", kMeetingDecisionNamesZh[Index(d)]));
    } else {
      rec.Add(CaseRule::kExpertReview, went_on ? FindingStatus::kFail : FindingStatus::kPending,
              went_on ? "disputed applicant: no decision on it passed, so the dispute is open, yet "
                        "the case went on"
                      : "disputed applicant: no decision on it passed (VOTE.EXPERT_DECISION); the "
                        "dispute stays open",
              went_on ? "有异议的申请单位：相应决定未获通过，异议未决，案件却继续进行"
                      : "有异议的申请单位：相应决定未获通过（须到会专家三分之二以上），异议未决",
              "/steps/expert_review/motions");
    }
    if (pre.grade && r.score && r.score->grade) {
      const std::string& scored = rb.scoring.Table(r.score->site_type).grades[*r.score->grade].id;
      if (scored != *pre.grade) {
        rec.Add(CaseRule::kExpertReview, FindingStatus::kNote,
                Cat("the experts' preliminary grade ", *pre.grade,
                    " differs from the scoresheet's grade ", scored, "; the experts' result stands"),
                Cat("专家审定的初步等级 ", *pre.grade, " 与评分表得出的等级 ", scored,
                    " 不同；以专家审定结果为准"),
                "/steps/preliminary_result/grade");
      }
    }
  }

  // ---- PROC.PUBLICITY (Art. 14(8)) with CYCLE.PUBLICITY and CYCLE.OBJECTION ----
  std::vector<size_t> uninvestigated;  // admissible objections without an investigation
  if (s.publicity && r.calendar.publicity) {
    const CasePublicity& p = *s.publicity;
    const DayRange window = *r.calendar.publicity;
    const int need = rb.calendar.publicity_days;
    if (p.ends_on) {
      const std::int32_t days = p.ends_on->DaysSince(p.starts_on) + 1;
      const bool full = days >= need;
      rec.Add(CaseRule::kPublicity, full ? FindingStatus::kPass : FindingStatus::kFail,
              Cat("publicity from ", D(p.starts_on), " to ", D(*p.ends_on), ": ", days,
                  days == 1 ? " natural day" : " natural days", full ? ", the full " : ", fewer than the ",
                  need, " (CYCLE.PUBLICITY: through ", D(window.last), ")"),
              Cat("公示期 ", D(p.starts_on), " 至 ", D(*p.ends_on), "，共 ", days, " 个自然日",
                  full ? "，满 " : "，不足 ", need, " 天（应至 ", D(window.last), "）"),
              "/steps/publicity/ends_on");
    } else if (in.as_of <= window.last) {
      rec.Add(CaseRule::kPublicity, FindingStatus::kNote,
              Cat("publicity from ", D(p.starts_on), " runs through ", D(window.last), " (", need,
                  " natural days, CYCLE.PUBLICITY)"),
              Cat("公示期自 ", D(p.starts_on), " 起，至 ", D(window.last), " 止（", need, " 个自然日）"),
              "/steps/publicity/starts_on");
    } else {
      rec.Add(CaseRule::kPublicity, FindingStatus::kPass,
              Cat("publicity of ", need, " natural days from ", D(p.starts_on), " through ",
                  D(window.last), " (CYCLE.PUBLICITY)"),
              Cat("公示期 ", need, " 个自然日：", D(p.starts_on), " 至 ", D(window.last)),
              "/steps/publicity/starts_on");
    }
    for (size_t i = 0; i < p.objections.size(); ++i) {
      const CaseObjection& o = p.objections[i];
      const ObjectionVerdict& v = (*r.calendar.objections)[i];
      const std::string at = Cat("/steps/publicity/objections/", i);
      std::string reasons;
      for (size_t k = 0; k < kObjectionDefectCount; ++k) {
        if (v.Has(static_cast<ObjectionDefect>(k))) {
          CatTo(reasons, reasons.empty() ? "" : ", ", kObjectionDefectNames[k]);
        }
      }
      static constexpr std::string_view kGroundsEn[] = {
          "an administrative penalty for illegal or irregular acts",
          "customers report declining service quality", "another violation of law, or fraud"};
      static constexpr std::string_view kGroundsZh[] = {
          "因违法、违规行为受到行政处罚", "经营过程中顾客反映服务质量下降", "其他违反法律法规或弄虚作假的情形"};
      // A typed caller's ground outside Art. 14(8) 1-3 is not described (the JSON door refuses it).
      const bool described = o.ground && *o.ground >= 1 && *o.ground <= 3;
      const std::string about_en =
          described ? Cat(" (Art. 14(8) ", *o.ground, ": ", kGroundsEn[*o.ground - 1], ")") : "";
      const std::string about_zh =
          described ? Cat("，举报", kGroundsZh[*o.ground - 1], "（第十四条第（八）项", *o.ground, "）") : "";
      rec.AddInvoked("CYCLE.OBJECTION", "14(8)", FindingStatus::kNote,
                     v.admissible() ? Cat("objection received ", D(o.objection.received_on), about_en,
                                          ": admissible; the office must investigate it")
                                    : Cat("objection received ", D(o.objection.received_on), about_en,
                                          ": inadmissible (", reasons, ")"),
                     v.admissible() ? Cat(D(o.objection.received_on), " 收到举报", about_zh,
                                          "：有效，推进办须调查核实")
                                    : Cat(D(o.objection.received_on), " 收到举报", about_zh,
                                          "：不予受理（", reasons, "）"),
                     at);
      if (!v.admissible()) continue;
      if (!o.investigation) {
        uninvestigated.push_back(i);
        if (!s.final_review) {
          rec.Add(CaseRule::kPublicity, FindingStatus::kPending,
                  Cat("the admissible objection received ", D(o.objection.received_on),
                      " awaits the office's investigation before the final review may decide"),
                  Cat(D(o.objection.received_on), " 收到的有效举报尚待推进办调查核实，之后方可终审"),
                  at);
        }
      } else if (o.investigation->outcome == ObjectionOutcome::kUnsubstantiated) {
        rec.Add(CaseRule::kPublicity, FindingStatus::kNote,
                Cat("the objection received ", D(o.objection.received_on), " was investigated on ",
                    D(o.investigation->on), ": unsubstantiated"),
                Cat(D(o.objection.received_on), " 收到的举报经 ", D(o.investigation->on), " 调查核实不属实"),
                Cat(at, "/investigation"));
      } else if (o.investigation->outcome == ObjectionOutcome::kSubstantiated) {
        rec.Add(CaseRule::kPublicity, FindingStatus::kNote,
                Cat("the objection received ", D(o.objection.received_on), " was substantiated on ",
                    D(o.investigation->on), ": the final review forms its opinion on it"),
                Cat(D(o.objection.received_on), " 收到的举报经 ", D(o.investigation->on),
                    " 调查核实属实：终审会须依此形成终审意见"),
                Cat(at, "/investigation"));
      }
    }
  }

  // ---- PROC.FINAL_REVIEW (Art. 14(9)) ----
  bool agreed = false;
  if (s.final_review && r.final_review) {
    const CaseMeeting& m = *s.final_review;
    const MeetingResult& mr = r.final_review->meeting;
    MeetingFindings(in, m, mr, "final_review", rec);
    bool sound = true;
    if (r.calendar.publicity) {
      // The publicity's last day: its 7 natural days, or the later end the office recorded.
      Date last = r.calendar.publicity->last;
      if (s.publicity && s.publicity->ends_on && *s.publicity->ends_on > last) last = *s.publicity->ends_on;
      if (m.held_on <= last) {
        sound = false;
        rec.Add(CaseRule::kFinalReview, FindingStatus::kFail,
                Cat("the final review met on ", D(m.held_on), ", while the publicity still ran (its last day is ",
                    D(last), "); it may meet from ", D(last.PlusDays(1))),
                Cat("终审会于 ", D(m.held_on), " 召开，公示尚未结束（最后一天为 ", D(last), "）；最早可于 ",
                    D(last.PlusDays(1)), " 召开"),
                "/steps/final_review/held_on");
      }
    }
    if (s.publicity) {
      for (size_t i = 0; i < s.publicity->objections.size(); ++i) {
        const CaseObjection& o = s.publicity->objections[i];
        if (!(*r.calendar.objections)[i].admissible()) continue;
        if (o.investigation && o.investigation->on <= m.held_on) continue;
        sound = false;
        rec.Add(CaseRule::kFinalReview, FindingStatus::kFail,
                o.investigation
                    ? Cat("the final review met on ", D(m.held_on), " before the admissible objection "
                          "received ", D(o.objection.received_on), " was investigated (",
                          D(o.investigation->on), ")")
                    : Cat("the final review met on ", D(m.held_on), " while the admissible objection "
                          "received ", D(o.objection.received_on), " was not investigated"),
                Cat("终审会于 ", D(m.held_on), " 召开，此前 ", D(o.objection.received_on),
                    " 收到的有效举报尚未调查核实"),
                Cat("/steps/publicity/objections/", i));
      }
    }
    const bool went_on = AnyRecordedAfter(dates, CaseStep::kFinalReview);
    if (!mr.valid()) {
      rec.Add(CaseRule::kFinalReview, went_on ? FindingStatus::kFail : FindingStatus::kPending,
              "the final review meeting was not valid (VOTE.FINAL_QUORUM): no final opinion took "
              "effect",
              "终审会无效（出席不足三分之二）：终审意见不生效", "/steps/final_review");
    } else if (!r.final_review->effective_motion) {
      rec.Add(CaseRule::kFinalReview, went_on ? FindingStatus::kFail : FindingStatus::kPending,
              "no final opinion on the applicant passed (VOTE.FINAL_DECISION): none took effect",
              "关于申请单位的终审意见均未获到会成员三分之二以上通过：终审意见不生效",
              "/steps/final_review/motions");
    } else {
      const size_t i = *r.final_review->effective_motion;
      const MeetingDecision d = mr.motions[i].decision;
      const std::string& reason = m.meeting.motions[i].reason;
      rec.Add(CaseRule::kFinalReview, sound ? FindingStatus::kPass : FindingStatus::kFail,
              Cat("final opinion \"", kMeetingDecisionNamesEn[Index(d)], "\" passed on ", D(m.held_on),
                  reason.empty() ? "" : Cat(" (", reason, ")"),
                  sound ? " and takes effect"
                        : " but cannot take effect: the final review met before it could (see above)"),
              Cat(D(m.held_on), " 终审意见“", kMeetingDecisionNamesZh[Index(d)], "”",
                  reason.empty() ? "" : Cat("（", reason, "）"), "表决通过",
                  sound ? "，生效" : "，但终审会召开时机不符合要求，该意见不能生效"),
              MotionPointer("final_review", i));
      if (sound) {
        switch (d) {
          case MeetingDecision::kAgreePreliminary: agreed = true; break;
          case MeetingDecision::kContinueVerification:
            end_case(CaseStep::kFinalReview, CaseOutcome::kDeferred,
                     "the final review decided to continue verification and re-review next time",
                     "终审意见：继续核查下次复审");
            break;
          case MeetingDecision::kTerminateReview:
            end_case(CaseStep::kFinalReview, CaseOutcome::kTerminated,
                     "the final review terminated the review", "终审意见：终止审议");
            break;
          default: break;  // `other`: the case goes on as the opinion says
        }
      }
    }
  }

  // ---- PROC.ANNOUNCEMENT (Art. 14(3), 14(10)) and CERT.VALIDITY ----
  if (s.announced_on) {
    const Date on = *s.announced_on;
    if (r.calendar.batch) {
      const YearMonthDay a = on.ymd();
      const YearMonth month = r.calendar.batch->announcement;
      const bool in_month = YearMonth{a.year, a.month} == month;
      rec.Add(CaseRule::kAnnouncement, in_month ? FindingStatus::kPass : FindingStatus::kFail,
              Cat("announced on ", D(on), in_month ? ", in " : ", outside ",
                  "the batch's announcement month ", month.ToString()),
              Cat(D(on), " 公告，", in_month ? "在" : "不在", "本批次的公告月 ", month.ToString(), " 内"),
              "/steps/announced_on");
    }
    if (!agreed) {
      rec.Add(CaseRule::kAnnouncement, FindingStatus::kFail,
              "announced without a final opinion \"agree with the preliminary result\" that took "
              "effect",
              "未经生效的“同意初步评审结果”终审意见即进行了公告", "/steps/announced_on");
    }
  }

  // ---- After the case ended: nothing more may be recorded (PROC.ORDER) ----
  if (ended_at) {
    for (size_t i = Index(*ended_at) + 1; i < kCaseStepCount; ++i) {
      if (!dates[i]) continue;
      const auto step = static_cast<CaseStep>(i);
      rec.Add(CaseRule::kOrder, FindingStatus::kFail,
              Cat(StepEn(step), " is recorded after the case ended at the ", StepEn(*ended_at), " (",
                  ended_en, ")"),
              Cat("案件已于“", StepZh(*ended_at), "”终结（", ended_zh, "），此后仍记录了“", StepZh(step), "”"),
              StepPointer(step));
    }
  }

  // ---- Outcome ----
  bool defective = false, pending = false;
  for (size_t i = 0; i < kCaseRuleCount; ++i) {
    defective = defective || r.rule_status[i] == FindingStatus::kFail;
    pending = pending || r.rule_status[i] == FindingStatus::kPending;
  }
  const bool eligibility_pending =
      r.eligibility && r.eligibility->decision != Decision::kEligible && !r.eligibility->disqualified;
  if (defective) {
    r.outcome = CaseOutcome::kProcedureDefective;
  } else if (ended_at) {
    r.outcome = ended_outcome;
  } else if (s.announced_on && agreed && !pending && !eligibility_pending) {
    r.outcome = CaseOutcome::kAwarded;
  } else {
    r.outcome = CaseOutcome::kInProgress;
  }

  if (r.outcome == CaseOutcome::kAwarded) {
    if (s.preliminary_result && s.preliminary_result->grade) {
      r.grade = *s.preliminary_result->grade;
    } else if (r.score && r.score->grade) {
      r.grade = rb.scoring.Table(r.score->site_type).grades[*r.score->grade].id;
    }
    CertificateInput cert{*s.announced_on, in.as_of, {}, std::nullopt, std::nullopt};
    r.certificate = EvaluateCertificate(rb, cert);
    const CertificateDates& cd = r.certificate->dates;
    rec.AddInvoked("CERT.VALIDITY", "14(12)", FindingStatus::kNote,
                   Cat("certificate valid from the announcement on ", D(cd.valid_from), " through ",
                       D(cd.valid_until), r.grade ? Cat(", grade ", *r.grade) : ""),
                   Cat("证书自公告之日 ", D(cd.valid_from), " 起生效，有效期至 ", D(cd.valid_until),
                       r.grade ? Cat("，等级 ", *r.grade) : ""),
                   "/steps/announced_on");
  }

  // ---- PROC.NEXT: what is still to come, with the Measures' deadlines ----
  auto next = [&](NextStep step, std::optional<Date> due, std::string evidence = {}) {
    r.next.push_back({step, due, due && *due < in.as_of, std::move(evidence)});
  };
  const bool open = r.outcome == CaseOutcome::kInProgress ||
                    r.outcome == CaseOutcome::kProcedureDefective;
  const bool stopped_by_eligibility =
      r.eligibility && (r.eligibility->disqualified || r.eligibility->decision == Decision::kIneligible);
  if (r.outcome == CaseOutcome::kAwarded && r.certificate) {
    // The next self-inspection report still to come (the certificate operation follows them).
    for (const SupervisionDates& sd : r.certificate->dates.supervision()) {
      if (sd.report_due >= in.as_of) {
        next(NextStep::kSupervisionReport, sd.report_due);
        break;
      }
    }
  } else if (open && in.application && !stopped_by_eligibility && !ended_at) {
    std::optional<Date> announce_by;
    if (r.calendar.batch) announce_by = LastDayOf(r.calendar.batch->announcement);
    if (!s.accepted_on && r.calendar.batch) {
      next(NextStep::kAccept, LastDayOf(r.calendar.batch->acceptance));
    }
    if (!s.investigation_completed_on) next(NextStep::kInvestigate, std::nullopt);
    if (!s.commissioned) next(NextStep::kCommission, std::nullopt);
    if (!s.materials_received_on) next(NextStep::kSendMaterials, std::nullopt);
    if (!s.report_received_on) {
      next(NextStep::kReport,
           r.calendar.report_due ? std::optional<Date>(r.calendar.report_due->due) : std::nullopt);
    }
    if (!s.expert_review) next(NextStep::kExpertReview, std::nullopt);
    if (!s.publicity) {
      next(NextStep::kPublicity, std::nullopt);
    } else if (r.calendar.publicity && in.as_of <= r.calendar.publicity->last) {
      r.next.push_back({NextStep::kPublicityEnds, r.calendar.publicity->last, false,
                        "/steps/publicity/starts_on"});
    }
    if (!s.final_review) {
      for (size_t i : uninvestigated) {
        next(NextStep::kInvestigateObjection, std::nullopt, Cat("/steps/publicity/objections/", i));
      }
    }
    if (!s.final_review || !agreed) next(NextStep::kFinalReview, std::nullopt);
    if (!s.announced_on) next(NextStep::kAnnounce, announce_by);
  }
  for (const NextItem& item : r.next) {
    if (!item.overdue) continue;
    const auto k = static_cast<size_t>(item.step);
    rec.Add(CaseRule::kNext, FindingStatus::kPending,
            Cat(kNextStepNamesEn[k], ": overdue since ", D(*item.due_by), " (as of ", D(in.as_of), ")"),
            Cat(kNextStepNamesZh[k], "：已于 ", D(*item.due_by), " 到期（截至 ", D(in.as_of), "）"),
            item.evidence);
  }
  return r;
}

}  // namespace sqp
