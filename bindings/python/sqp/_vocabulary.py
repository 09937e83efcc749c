# The vocabulary of sqp's documents for the Python binding, generated from include/sqp by
# tests/python_vocabulary_test.cpp: do not edit. After a change of the C++ vocabulary, renew
# it with SQP_UPDATE_PYTHON_VOCABULARY=1 build/tests/sqp_tests --gtest_filter='PythonVocabulary.*'
from typing import Literal, Tuple

# A finding's status (sqp.eligibility/1, sqp.case-status/1).
FindingStatus = Literal[
    "pass",
    "fail",
    "pending",
    "note",
]

# An eligibility decision.
Decision = Literal[
    "eligible",
    "ineligible",
    "pending",
]

# A case's outcome (sqp.case-status/1).
CaseOutcome = Literal[
    "in_progress",
    "disqualified",
    "deferred",
    "suspended",
    "stopped",
    "terminated",
    "awarded",
    "procedure_defective",
]

# The steps of a case in Art. 14's order ("stage" is the last one recorded).
CaseStage = Literal[
    "applied",
    "accepted",
    "investigation",
    "commissioned",
    "materials_received",
    "evaluated",
    "report_received",
    "expert_review",
    "publicity",
    "final_review",
    "announced",
]

# What PROC.NEXT lists (CaseNext's "step").
CaseNextStep = Literal[
    "accepted",
    "investigation",
    "commissioned",
    "materials_received",
    "report_received",
    "expert_review",
    "publicity",
    "publicity_ends",
    "objection_investigation",
    "final_review",
    "announced",
    "supervision_report",
]

# A review meeting's body.
MeetingBody = Literal[
    "expert_review",
    "final_review",
]

# How a review meeting is held.
MeetingMode = Literal[
    "in_person",
    "correspondence",
]

# A supervision anniversary's status on a day.
SupervisionStatus = Literal[
    "upcoming",
    "on_time",
    "late",
    "missing",
    "not_required",
]

# A certificate's status on a day.
CertificateStatus = Literal[
    "not_yet_valid",
    "valid",
    "expired",
    "revoked",
]

# Finding statuses from least to most severe, as the library ranks a rule's findings.
FINDING_STATUSES_BY_SEVERITY: Tuple[FindingStatus, ...] = ("note", "pass", "pending", "fail")
