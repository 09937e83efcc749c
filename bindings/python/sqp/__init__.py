"""sqp — service-site quality rules and scoring, through libsqp's C ABI (pure ctypes).

    import sqp
    engine = sqp.Engine()                          # the default rulebook (or a path, JSON, dict)
    result = engine.eligibility(application)       # dict (or JSON str/bytes) in, dict out
    results = engine.batch("eligibility", docs)    # one result per document, in order
    table = engine.frame("eligibility", df)        # pandas DataFrame in, DataFrame of decisions out

help(sqp.Engine) is the manual: every method with an example. Errors raise sqp.SqpError with
.code ("invalid_input"), .status (-4), .message, .path (a JSON pointer into the input, or the
argument of a typed call) and .errors (every problem found). Results are TypedDicts
(EligibilityResult, ErrorDocument, ...) for type checkers; at run time they are dicts. pandas
is optional: only Engine.frame needs it.

The library (libsqp.so.1) is looked for, first found wins:
  1. $SQP_LIBRARY (a path to the library file);
  2. next to this package (a copy placed in the package directory);
  3. the interpreter's prefix: sys.prefix/lib (a `cmake --install --prefix` into a venv);
  4. the system loader by SONAME (LD_LIBRARY_PATH, /etc/ld.so.cache: /usr/lib, /usr/local/lib,
     the libsqp1 Debian package);
  5. pkg-config's libdir for sqp (PKG_CONFIG_PATH=<prefix>/lib/pkgconfig after
     `cmake --install build --prefix <prefix>`).
At import the library's version must have the binding's major.minor (ImportError otherwise):
the ctypes declarations below are those of that version of sqp.h.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import datetime
import importlib
import json
import operator
import os
import shutil
import subprocess
import sys
from typing import (Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple,
                    TypedDict, Union, cast)

__all__ = ["Engine", "SqpError", "Document", "version", "library_path", "__version__",
           "RulebookStamp", "RulebookInfo", "ErrorItem", "ErrorDocument", "Finding",
           "EligibilityWindow", "EligibilityResult", "VoteResult", "SupervisionDates",
           "CertificateDates", "CaseStatus", "CaseOutcome", "CaseStage", "CaseNextStep",
           "CaseEligibility", "CaseCalendar", "PublicityWindow", "ObjectionVerdict",
           "ObjectionReason", "CaseBody", "CaseMeeting", "MeetingQuorum", "Threshold",
           "MeetingThresholds", "MotionResult", "CaseCertificate", "CaseSupervision", "CaseNext"]

# The binding's version, CMake's project() version (sqp/_version.py says how it is found, in the
# source tree and in a built package). Major.minor must equal libsqp's (checked at import), the
# patch level may differ.
from ._version import __version__
from ._vocabulary import (FINDING_STATUSES_BY_SEVERITY, CaseNextStep, CaseOutcome, CaseStage,
                          CertificateStatus, Decision, FindingStatus, MeetingBody, MeetingMode,
                          SupervisionStatus)

# A JSON document as Python sees it (json.loads of an object), and what the methods accept.
Document = Dict[str, Any]
_Json = Union[Document, str, bytes]
# What Engine(rulebook=...) takes: a document (dict, JSON str or bytes) or the path of a file.
_Rulebook = Union[Document, str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
# A date argument of the typed calls.
_Date = Union[str, datetime.date]


# The result documents as TypedDicts: plain dicts at run time (json.loads makes them), but a type
# checker (mypy --strict) refuses a key they do not have, such as result["decison"].
class RulebookStamp(TypedDict):
    """The rulebook that made a result (every result's and error's "rulebook")."""
    id: str
    version: str
    sha256: str


class ErrorItem(TypedDict):
    """One problem of an sqp.error/1 document: its JSON pointer and what is wrong there."""
    path: str
    message: str


class _ErrorDocumentKeys(TypedDict):
    schema: str
    code: str
    status: int
    message: str
    path: str
    errors: List[ErrorItem]


class ErrorDocument(_ErrorDocumentKeys, total=False):
    """sqp.error/1 (docs/errors.md): "line" in a batch's answers, "rulebook" when an engine
    exists."""
    line: int
    rulebook: RulebookStamp


class _FindingKeys(TypedDict):
    rule: str
    article: str
    status: FindingStatus
    message: str
    message_zh: str
    evidence: Optional[str]


class Finding(_FindingKeys, total=False):
    """One finding of an eligibility or a case result; "pointers" in the INPUT.UNKNOWN_MEMBER
    note."""
    pointers: List[str]


# "from" is a keyword, so this one is spelt the functional way.
EligibilityWindow = TypedDict("EligibilityWindow", {"from": str, "to": str})


class EligibilityResult(TypedDict):
    """sqp.eligibility/1, the result of Engine.eligibility()."""
    schema: str
    rulebook: RulebookStamp
    application_id: Optional[str]
    decision: Decision
    disqualified: bool
    window: EligibilityWindow
    eligible_from: Optional[str]
    findings: List[Finding]


class RulebookInfo(TypedDict):
    """sqp.rulebook-info/1, the result of Engine.rulebook()."""
    schema: str
    rulebook: RulebookStamp
    id: str
    version: str
    sha256: str
    title: str


class VoteResult(TypedDict):
    """The verdict of Engine.check_vote()."""
    quorum_required: int
    quorum_met: bool
    votes_required: int
    passed: bool


class SupervisionDates(TypedDict):
    """One supervision anniversary of CertificateDates."""
    anniversary: int
    date: str
    report_due: str


class CertificateDates(TypedDict):
    """The result of Engine.certificate_dates()."""
    valid_from: str
    valid_until: str
    supervision: List[SupervisionDates]
    renewal_due_by: str
    upgrade_earliest: str
    upgrade_application_due_by: str


# sqp.case-status/1, the result of Engine.case(): the procedure of Art. 14 as one case. Its
# vocabulary (CaseOutcome, CaseStage, CaseNextStep) is in _vocabulary, made from the C++ one.


class CaseEligibility(TypedDict):
    """A case's "eligibility": the verdict of ELIG.* on its application (the findings are in the
    case's own "findings")."""
    decision: Decision
    disqualified: bool
    window: EligibilityWindow
    eligible_from: Optional[str]


class PublicityWindow(TypedDict):
    """CYCLE.PUBLICITY: the publicity's first and last natural day."""
    starts_on: str
    ends_on: str
    days: int


class ObjectionReason(TypedDict):
    """Why an objection is inadmissible (CYCLE.OBJECTION): "not_in_writing", "no_evidence",
    "no_contact" or "outside_publicity"."""
    code: str
    message: str
    message_zh: str


class ObjectionVerdict(TypedDict):
    """CYCLE.OBJECTION on one objection received during the publicity."""
    received_on: str
    admissible: bool
    reasons: List[ObjectionReason]


class CaseCalendar(TypedDict, total=False):
    """A case's "calendar" (CYCLE.*): each part is there only when the steps it needs are."""
    batch: str
    acceptance_month: str
    announcement_month: str
    report_due: str
    report_due_nominal: str
    publicity: PublicityWindow
    objections: List[ObjectionVerdict]


class CaseBody(TypedDict):
    """One body of a case's "bodies" (the list offered, on the commissioning day)."""
    name: str
    qualified: bool
    disqualified: bool
    may_evaluate: bool


class MeetingQuorum(TypedDict):
    """A meeting's quorum (VOTE.*_QUORUM)."""
    members: int
    required: int
    present: int
    met: bool


class Threshold(TypedDict):
    """A rulebook fraction: num/den (2/3 by default)."""
    num: int
    den: int


class MeetingThresholds(TypedDict):
    """The fractions of a meeting's quorum and of its decisions."""
    quorum: Threshold
    decision: Threshold


# "for" is a keyword, so the motion's keys are spelt the functional way.
_MotionResultKeys = TypedDict("_MotionResultKeys", {
    "subject": str, "decision": str, "required": int, "for": int, "against": int,
    "abstain": int, "passed": bool})


class MotionResult(_MotionResultKeys, total=False):
    """One motion of a meeting (VOTE.*_DECISION); "reason" for a final opinion "other"."""
    reason: str


class CaseMeeting(TypedDict):
    """A case's "expert_review" or "final_review": the meeting's verdict, its day, and the
    index in "motions" of the motion about the applicant that took effect (None: none did)."""
    held_on: str
    effective_motion: Optional[int]
    body: MeetingBody
    mode: MeetingMode
    valid: bool
    quorum: MeetingQuorum
    thresholds: MeetingThresholds
    motions: List[MotionResult]


class CaseSupervision(SupervisionDates):
    """One supervision anniversary of an awarded case's certificate, with its status on as_of."""
    status: SupervisionStatus


class CaseCertificate(TypedDict):
    """An awarded case's "certificate": the dates of CERT.VALIDITY from the announcement."""
    status: CertificateStatus
    valid_from: str
    valid_until: str
    supervision: List[CaseSupervision]
    renewal_due_by: str
    upgrade_earliest: str
    upgrade_application_due_by: str


class CaseNext(TypedDict):
    """One item of PROC.NEXT: a step still to come, its due date where the Measures give one,
    whether it is overdue on as_of, and the pointer of what it concerns (an objection)."""
    step: CaseNextStep
    due_by: Optional[str]
    overdue: bool
    evidence: Optional[str]


class CaseStatus(TypedDict):
    """sqp.case-status/1, the result of Engine.case(). A part whose step is not recorded is
    None ("certificate" is there only when the case is awarded, "grade" too)."""
    schema: str
    rulebook: RulebookStamp
    application_id: Optional[str]
    as_of: str
    outcome: CaseOutcome
    stage: Optional[CaseStage]
    grade: Optional[str]
    eligibility: Optional[CaseEligibility]
    calendar: CaseCalendar
    bodies: Optional[List[CaseBody]]
    expert_review: Optional[CaseMeeting]
    final_review: Optional[CaseMeeting]
    score: Optional[Document]
    certificate: Optional[CaseCertificate]
    next: List[CaseNext]
    findings: List[Finding]


class SqpError(Exception):
    """An sqp.error/1 document raised as an exception: .code ("invalid_input"), .status (-4, the
    C ABI's status), .message, .path (the JSON pointer of the first problem, or the argument of
    a typed call: "/anniversary"), .errors (every problem, each with its path) and .document
    (the whole sqp.error/1 document, an ErrorDocument). docs/errors.md lists the codes.

    >>> try:
    ...     engine.eligibility({"schema": "sqp.application/1", "applied_on": "2026-02-30"})
    ... except sqp.SqpError as e:
    ...     print(e.code, e.status)
    ...     print([problem["path"] for problem in e.errors][:3])
    invalid_input -4
    ['/kind', '/applied_on', '/site']
    """

    def __init__(self, document: ErrorDocument) -> None:
        self.document: ErrorDocument = document
        self.code: str = document.get("code", "internal")
        self.status: int = int(document.get("status", -9))
        self.message: str = document.get("message", "")
        self.path: str = document.get("path", "")
        self.errors: List[ErrorItem] = list(document.get("errors", []))
        super().__init__(f"{self.code}: {self.message}")


def _error(code: str, status: int, path: str, detail: str) -> ErrorDocument:
    """An sqp.error/1 document made by the binding, shaped as the library's: the message leads
    with the pointer, and errors lists the one problem."""
    return {"schema": "sqp.error/1", "code": code, "status": status,
            "message": f"{path}: {detail}" if path else detail, "path": path,
            "errors": [{"path": path, "message": detail}]}


def _status_error(status: int) -> ErrorDocument:
    """The error document for a failure that came without one (out of memory)."""
    code = _lib.sqp_status_name(status).decode("ascii")
    return _error(code, status, "", f"libsqp returned {code} with no error document")


def _pkg_config_libdir() -> Optional[str]:
    """libdir of sqp.pc, when pkg-config is installed and knows sqp."""
    tool = shutil.which("pkg-config")
    if not tool:
        return None
    try:
        done = subprocess.run([tool, "--variable=libdir", "sqp"], capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    libdir = done.stdout.strip()
    return libdir if done.returncode == 0 and libdir else None


def _candidates() -> Iterator[str]:
    env = os.environ.get("SQP_LIBRARY")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ("libsqp.so.1", "libsqp.so"):
        yield os.path.join(here, name)
    yield os.path.join(sys.prefix, "lib", "libsqp.so.1")
    yield "libsqp.so.1"
    libdir = _pkg_config_libdir()
    if libdir:
        yield os.path.join(libdir, "libsqp.so.1")
    found = ctypes.util.find_library("sqp")
    if found:
        yield found


def _major_minor(text: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:2])


def _load() -> Tuple[ctypes.CDLL, str]:
    errors = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append(f"{path}: no such file")
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:  # try the next place
            errors.append(f"{path}: {e}")
            continue
        lib.sqp_version.restype = ctypes.c_char_p
        lib.sqp_version.argtypes = []
        found = lib.sqp_version().decode("ascii")
        if _major_minor(found) != _major_minor(__version__):
            raise ImportError(f"sqp: the binding {__version__} needs libsqp "
                              f"{'.'.join(map(str, _major_minor(__version__)))}.x, but {path} is "
                              f"version {found}; install the matching library or binding")
        return lib, path
    raise ImportError("sqp: cannot load libsqp.so.1 (install it, or set SQP_LIBRARY to its path): "
                      + "; ".join(errors))


_lib, _path = _load()
_c_char_pp = ctypes.POINTER(ctypes.c_void_p)

_lib.sqp_version.restype = ctypes.c_char_p
_lib.sqp_version.argtypes = []
_lib.sqp_engine_new.restype = ctypes.c_int
_lib.sqp_engine_new.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p),
                                ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_engine_free.restype = None
_lib.sqp_engine_free.argtypes = [ctypes.c_void_p]


class _EngineOptions(ctypes.Structure):
    """sqp.h's sqp_engine_options (0 keeps a default)."""
    _fields_ = [("struct_size", ctypes.c_size_t),
                ("max_input_bytes", ctypes.c_size_t),
                ("max_depth", ctypes.c_size_t),
                ("max_string_bytes", ctypes.c_size_t),
                ("max_array_length", ctypes.c_size_t),
                ("max_object_members", ctypes.c_size_t),
                ("expected_rulebook_sha256", ctypes.c_char_p),
                ("unknown_members", ctypes.c_int),
                ("messages", ctypes.c_int)]


# sqp_engine_options.unknown_members (READ.MEMBERS).
_UNKNOWN_MEMBERS = ("reject", "note")
# sqp_engine_options.messages: SQP_MESSAGES_BOTH, _EN, _ZH, _NONE.
_MESSAGES = ("both", "en", "zh", "none")


def _messages_mode(messages: object) -> int:
    """The SQP_MESSAGES_* value of an answer mode's name, for Engine(messages=...) and the
    per-call messages= alike; a usage SqpError for any other value."""
    if messages not in _MESSAGES:
        raise SqpError(_error("usage", -1, "", "messages must be 'both', 'en', 'zh' or 'none', "
                              f"not {messages!r}"))
    return _MESSAGES.index(cast(str, messages))
_lib.sqp_engine_new_with_options.restype = ctypes.c_int
_lib.sqp_engine_new_with_options.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                             ctypes.POINTER(_EngineOptions),
                                             ctypes.POINTER(ctypes.c_void_p),
                                             ctypes.POINTER(ctypes.c_void_p),
                                             ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_run.restype = ctypes.c_int
_lib.sqp_run.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                         ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_run_batch.restype = ctypes.c_int
_lib.sqp_run_batch.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                               ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
                               ctypes.POINTER(ctypes.c_size_t)]


class _RunOptions(ctypes.Structure):
    """sqp_run_options (sqp.h): one call's answer mode."""
    _fields_ = [("struct_size", ctypes.c_size_t), ("messages", ctypes.c_int)]


_lib.sqp_run_with_options.restype = ctypes.c_int
_lib.sqp_run_with_options.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                      ctypes.c_size_t, ctypes.POINTER(_RunOptions),
                                      ctypes.POINTER(ctypes.c_void_p),
                                      ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_run_batch_with_options.restype = ctypes.c_int
_lib.sqp_run_batch_with_options.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p,
                                            ctypes.c_size_t, ctypes.POINTER(_RunOptions),
                                            ctypes.POINTER(ctypes.c_void_p),
                                            ctypes.POINTER(ctypes.c_size_t),
                                            ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_free.restype = None
_lib.sqp_render.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                            ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p),
                            ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_render.restype = ctypes.c_int
_lib.sqp_free.argtypes = [ctypes.c_void_p]

# Typed certificate dates (sqp.h, issue 5): no JSON, no allocation.
_CERT_MAX_ANNIVERSARIES = 20
_CERT_STATUS = ("not_yet_valid", "valid", "expired", "revoked")
_SUPERVISION_STATUS = ("upcoming", "on_time", "late", "missing", "not_required")
_REAPPLY_KIND = ("renewal", "upgrade")
_REAPPLY_VERDICT = ("timely", "late", "treated_as_initial", "allowed", "too_early", "expired",
                    "short_notice")


class _CertificateDates(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t),
                ("valid_from", ctypes.c_int32),
                ("valid_until", ctypes.c_int32),
                ("renewal_due_by", ctypes.c_int32),
                ("upgrade_earliest", ctypes.c_int32),
                ("upgrade_application_due_by", ctypes.c_int32),
                ("anniversary_count", ctypes.c_int32),
                ("anniversary", ctypes.c_int32 * _CERT_MAX_ANNIVERSARIES),
                ("supervision_on", ctypes.c_int32 * _CERT_MAX_ANNIVERSARIES),
                ("report_due", ctypes.c_int32 * _CERT_MAX_ANNIVERSARIES)]


_lib.sqp_status_name.restype = ctypes.c_char_p
_lib.sqp_status_name.argtypes = [ctypes.c_int]
_lib.sqp_certificate_compute.restype = ctypes.c_int
_lib.sqp_certificate_compute.argtypes = [ctypes.c_void_p, ctypes.c_int32,
                                         ctypes.POINTER(_CertificateDates)]
_lib.sqp_certificate_status_on.restype = ctypes.c_int
_lib.sqp_certificate_status_on.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32,
                                           ctypes.c_int32, ctypes.POINTER(ctypes.c_int32)]
_lib.sqp_certificate_supervision_status.restype = ctypes.c_int
_lib.sqp_certificate_supervision_status.argtypes = [
    ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32, ctypes.c_int32,
    ctypes.c_int32, ctypes.POINTER(ctypes.c_int32)]
_lib.sqp_certificate_reapplication.restype = ctypes.c_int
_lib.sqp_certificate_reapplication.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32,
                                               ctypes.c_int32, ctypes.POINTER(ctypes.c_int32)]

# Typed meeting quorum and vote test (sqp.h, issue 4): no JSON, no allocation.
_MEETING_BODY = ("expert_review", "final_review")
_VOTE_PROBLEM = {1: ("/members", "members must be a whole number from 1 to 1000000"),
                 2: ("/present", "present must be a whole number from 0 to 1000000"),
                 3: ("/votes", "each vote count must be a whole number from 0 to 1000000"),
                 4: ("/present", "more present than the body has members"),
                 5: ("/votes", "votes_for + votes_against + abstain exceed those present")}


class _VoteQuery(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("body", ctypes.c_int32),
                ("members", ctypes.c_int32), ("present", ctypes.c_int32),
                ("votes_for", ctypes.c_int32), ("votes_against", ctypes.c_int32),
                ("abstain", ctypes.c_int32)]


class _VoteResult(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("quorum_required", ctypes.c_int32),
                ("quorum_met", ctypes.c_int32), ("votes_required", ctypes.c_int32),
                ("passed", ctypes.c_int32), ("problem", ctypes.c_int32)]


_lib.sqp_check_vote.restype = ctypes.c_int
_lib.sqp_check_vote.argtypes = [ctypes.c_void_p, ctypes.POINTER(_VoteQuery),
                                ctypes.POINTER(_VoteResult)]


# Vote counts the library accepts (sqp.h: SQP_VOTE_MEMBERS_OUT_OF_RANGE, ..._COUNT_OUT_OF_RANGE).
_VOTE_COUNT_MAX = 1000000
_INT32_MIN, _INT32_MAX = -2**31, 2**31 - 1
# READ.DATES: the calendar days every door accepts.
_MIN_YEAR, _MAX_YEAR = 1900, 2999


class _SqpTypeError(SqpError, TypeError):
    """An argument of the wrong type: an SqpError naming it, and still the TypeError it was."""


def _whole_number(value: object) -> Optional[int]:
    """An int argument as int: an int, or an integer type such as numpy.int64 (it has
    __index__); None for a bool, a float (1.9 or 1.0), a str or anything else."""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        return None


def version() -> str:
    """The loaded libsqp's version (its major.minor is the binding's, checked at import).

    >>> sqp.version().split(".")[:2] == sqp.__version__.split(".")[:2]
    True
    """
    return str(_lib.sqp_version().decode("ascii"))


def library_path() -> str:
    """The file libsqp was loaded from (see the module's help for the places tried).

    >>> "libsqp.so.1" in sqp.library_path()
    True
    """
    return _path


def _pointer_token(key: object) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def _non_finite(value: Any, path: str = "") -> Optional[Tuple[str, float]]:
    """The JSON pointer and value of the first NaN or infinite float in `value`, if any."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return path, value
    if isinstance(value, dict):
        for k, v in value.items():
            found = _non_finite(v, f"{path}/{_pointer_token(k)}")
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            found = _non_finite(v, f"{path}/{i}")
            if found:
                return found
    return None


def _to_bytes(doc: _Json, default: Optional[Callable[[Any], Any]] = None) -> bytes:
    """A document as the JSON bytes the C ABI reads: a dict is serialised; str and bytes are
    taken as JSON text. Anything else is a TypeError; a NaN or infinite float (which JSON cannot
    hold) is refused as invalid input at its own pointer, not as unreadable text."""
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, (bytearray, memoryview)):
        return bytes(doc)
    if isinstance(doc, str):
        return doc.encode("utf-8")
    if not isinstance(doc, dict):
        raise TypeError(f"a document is a dict, or JSON text as str or bytes; got {type(doc).__name__}")
    try:
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False,
                          default=default).encode("utf-8")
    except ValueError:
        found = _non_finite(doc)
        if found is None:
            raise
        path, value = found
        raise SqpError(_error("invalid_input", -4, path, f"{value!r} is not a finite number; "
                              "JSON has no NaN or infinity")) from None


def _one_line(data: bytes) -> bool:
    """True when `data` is one line of JSON Lines that sqp_run_batch answers exactly as sqp_run
    answers the document: no CR or LF in it, and not blank (empty, spaces and tabs only)."""
    return b"\n" not in data and b"\r" not in data and bool(data.strip(b" \t"))


def _with_line(error: Mapping[str, Any], line: int) -> Document:
    """An error document with "line" (a batch's 1-based place) after "path", as in
    sqp_run_batch's answers."""
    out: Document = {}
    for key, value in error.items():
        if key != "line":
            out[key] = value
        if key == "path":
            out["line"] = line
    if "line" not in out:
        out["line"] = line
    return out


def _looks_like_json(text: str) -> bool:
    """A rulebook is a JSON object: JSON text of one starts with "{" (after white space or a
    byte order mark)."""
    return text.lstrip(" \t\r\n\ufeff").startswith("{")


def _rulebook_path(rulebook: object) -> Optional[Union[str, bytes]]:
    """The file to read for Engine(rulebook=...): an os.PathLike, or a str that is not JSON text
    and names an existing file; None when `rulebook` is a document itself."""
    if isinstance(rulebook, os.PathLike):
        path: Union[str, bytes] = os.fspath(rulebook)
        return path
    if (isinstance(rulebook, str) and not _looks_like_json(rulebook) and len(rulebook) < 4096
            and "\n" not in rulebook and os.path.isfile(rulebook)):
        return rulebook
    return None


def _pandas() -> Any:
    """pandas, imported when first needed: `import sqp` works without it."""
    try:
        return importlib.import_module("pandas")
    except ImportError as e:
        raise ImportError("sqp: Engine.frame() needs pandas, which is not installed (Debian: "
                          "apt install python3-pandas; elsewhere: pip install pandas)") from e


def _is_data_frame(value: object) -> bool:
    """True for a pandas DataFrame (pandas is imported already when there is one)."""
    pd = sys.modules.get("pandas")
    frame_type = getattr(pd, "DataFrame", None)
    return isinstance(frame_type, type) and isinstance(value, frame_type)


def _pandas_default(value: Any) -> Any:
    """json.dumps's default= for the cells of a DataFrame: a Timestamp (or datetime) at midnight
    is its date "YYYY-MM-DD", numpy scalars and arrays are their Python values."""
    if isinstance(value, datetime.datetime):  # pandas.Timestamp is one
        if value.tzinfo is None and value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if type(value).__module__ == "numpy":
        for convert in ("tolist", "item"):
            method = getattr(value, convert, None)
            if callable(method):
                return method()
    raise TypeError(f"a {type(value).__name__} cell cannot be written as JSON")


# Eligibility's rule statuses from least to most severe, as the library ranks them for a rule
# with several findings (a rule that fails is not also pending).
_STATUS_RANK: Dict[str, int] = {
    status: rank for rank, status in enumerate(FINDING_STATUSES_BY_SEVERITY)}


def _decision_columns(results: List[Document]) -> Dict[str, List[Any]]:
    """frame("eligibility", ...)'s columns: decision, one per rule (the rule's status: its most
    severe finding), eligible_from, error."""
    decisions: List[Optional[str]] = []
    eligible_from: List[Optional[str]] = []
    errors: List[Optional[str]] = []
    statuses: List[Dict[str, str]] = []
    rules: Dict[str, None] = {}  # every rule, in order of first appearance
    for result in results:
        row: Dict[str, str] = {}
        if result.get("schema") == "sqp.error/1":
            decisions.append(None)
            eligible_from.append(None)
            errors.append(str(result.get("message", "")))
        else:
            decisions.append(result.get("decision"))
            eligible_from.append(result.get("eligible_from"))
            errors.append(None)
            for finding in result.get("findings", []):
                rule, status = finding.get("rule"), finding.get("status")
                if rule is None or status is None:
                    continue
                rules.setdefault(rule)
                if _STATUS_RANK.get(status, 0) >= _STATUS_RANK.get(row.get(rule, ""), -1):
                    row[rule] = status
        statuses.append(row)
    columns: Dict[str, List[Any]] = {"decision": decisions}
    for rule in rules:
        columns[rule] = [row.get(rule) for row in statuses]
    columns["eligible_from"] = eligible_from
    columns["error"] = errors
    return columns


def _result_columns(results: List[Document]) -> Dict[str, List[Any]]:
    """frame()'s columns for the other operations: each member of the results but schema and
    rulebook (nested ones as dicts and lists), then error."""
    names: Dict[str, None] = {}
    for result in results:
        if result.get("schema") != "sqp.error/1":
            for name in result:
                if name not in ("schema", "rulebook"):
                    names.setdefault(name)
    columns: Dict[str, List[Any]] = {}
    for name in names:
        columns[name] = [None if r.get("schema") == "sqp.error/1" else r.get(name) for r in results]
    columns["error"] = [str(r.get("message", "")) if r.get("schema") == "sqp.error/1" else None
                        for r in results]
    return columns


def _take(ptr: ctypes.c_void_p, size: ctypes.c_size_t) -> bytes:
    try:
        if not ptr.value:
            return b""
        if size.value >= _LARGE_RESULT and _new_bytes is not None:
            return _copy_large(ptr.value, size.value)
        return ctypes.string_at(ptr.value, size.value)
    finally:
        _lib.sqp_free(ptr)


# A batch result can be hundreds of megabytes, and copying it into a new bytes object costs
# mostly page faults, one per 4 KiB of fresh memory. On CPython on Linux the bytes object is
# made the way C extensions make one (PyBytes_FromStringAndSize(NULL, n): uninitialised, its
# size known), its pages are mapped in one call (MADV_POPULATE_WRITE, Linux 5.14; on an older
# kernel the call fails and the faults just happen), then it is filled with one copy: faster
# than ctypes.string_at on large results; a huge-page hint was faster on a warm machine but
# stalled for seconds on compaction, so it is not used (docs/performance.md has the figures).
# Elsewhere ctypes.string_at does the copy.
_LARGE_RESULT = 8 << 20
_PAGE = 4096
_MADV_POPULATE_WRITE = 23  # <linux/mman.h>


def _bind_new_bytes() -> Tuple[Any, Any, Any]:
    if sys.implementation.name != "cpython" or not sys.platform.startswith("linux"):
        return None, None, None
    try:
        # Item access makes a function object of our own: attribute access would share one
        # (and its restype) with every other user of ctypes.pythonapi.
        new = ctypes.pythonapi["PyBytes_FromStringAndSize"]
        new.restype, new.argtypes = ctypes.py_object, [ctypes.c_void_p, ctypes.c_ssize_t]
        as_string = ctypes.pythonapi["PyBytes_AsString"]
        as_string.restype, as_string.argtypes = ctypes.c_void_p, [ctypes.py_object]
        madvise = ctypes.CDLL(None, use_errno=True).madvise
        madvise.restype = ctypes.c_int
        madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        return new, as_string, madvise
    except (AttributeError, OSError):
        return None, None, None


_new_bytes, _bytes_buffer, _madvise = _bind_new_bytes()


def _copy_large(address: int, size: int) -> bytes:
    out = _new_bytes(None, size)
    buffer = _bytes_buffer(out)
    begin = (buffer + _PAGE - 1) & ~(_PAGE - 1)  # whole pages inside the buffer only
    end = (buffer + size) & ~(_PAGE - 1)
    if end > begin:
        _madvise(begin, end - begin, _MADV_POPULATE_WRITE)  # its failure changes nothing
    ctypes.memmove(buffer, address, size)
    return out  # type: ignore[no-any-return]


# A batch's answers written straight into the bytes object that batch_raw returns, with no copy
# (sqp.h's experimental sqp_x_run_batch_into). Experimental calls may change in any release, so
# it is used only with the very library version this binding was written for, on CPython; the
# bytes object is made uninitialised with room for four times the input (results run about three
# times the size of applications), filled by the library (which maps its pages ahead), and cut
# to size with _PyBytes_Resize while this function holds its only reference, as C extensions
# build bytes objects. When the answers do not fit (many tiny or bad lines), sqp_run_batch
# answers instead. It saves copying the results once (docs/performance.md has the figures).
_BATCH_INTO_MIN_INPUT = 1 << 20


def _bind_batch_into() -> Tuple[Any, Any, Any, Any, Any]:
    none = (None, None, None, None, None)
    if _new_bytes is None or _lib.sqp_version().decode("ascii") != __version__:
        return none
    try:
        into = _lib.sqp_x_run_batch_into
        into.restype = ctypes.c_int
        into.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                         ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),
                         ctypes.POINTER(ctypes.c_size_t)]
        api = ctypes.pythonapi
        new = api["PyBytes_FromStringAndSize"]  # the reference comes back as a plain address
        new.restype, new.argtypes = ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_ssize_t]
        buffer = api["PyBytes_AsString"]
        buffer.restype, buffer.argtypes = ctypes.c_void_p, [ctypes.c_void_p]
        resize = api["_PyBytes_Resize"]
        resize.restype = ctypes.c_int
        resize.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_ssize_t]
        decref = api["Py_DecRef"]
        decref.restype, decref.argtypes = None, [ctypes.c_void_p]
        return into, new, buffer, resize, decref
    except AttributeError:
        return none


_batch_into, _raw_new_bytes, _raw_bytes_buffer, _raw_bytes_resize, _raw_decref = _bind_batch_into()


def _batch_into_bytes(handle: Any, operation: bytes, data: bytes) -> Optional[bytes]:
    """The answers written by the library into a new bytes object; None when they do not fit
    (or anything fails: sqp_run_batch then answers, or reports the error)."""
    capacity = 4 * len(data) + (1 << 20)
    raw: Optional[int] = _raw_new_bytes(None, capacity)  # a new reference, ours alone
    try:
        written, errors = ctypes.c_size_t(), ctypes.c_size_t()
        status = _batch_into(handle, operation, data, len(data), _raw_bytes_buffer(raw), capacity,
                             ctypes.byref(written), ctypes.byref(errors))
        if status != 0 or written.value == 0:
            return None
        address = ctypes.c_void_p(raw)
        raw = None  # _PyBytes_Resize owns it now: on failure it frees it (and ctypes raises)
        _raw_bytes_resize(ctypes.byref(address), written.value)
        raw = address.value
        if raw is None:  # not after a resize that succeeded; fall back all the same
            return None
        result: bytes = ctypes.cast(raw, ctypes.py_object).value  # a second reference
        return result
    finally:
        if raw is not None:
            _raw_decref(raw)


def _iso(yyyymmdd: int) -> str:
    return f"{yyyymmdd // 10000:04d}-{yyyymmdd // 100 % 100:02d}-{yyyymmdd % 100:02d}"


class Engine:
    """An immutable rulebook plus the operations; share one between threads (each call runs
    without the GIL).

    One method per operation, each taking a document (a dict, or JSON text as str or bytes)
    and returning its result as a dict:
        eligibility, cycle, meeting, certificate, score, assess, rulebook, bodies, case
    Any operation by name: run (dict out), run_raw (the C ABI's bytes).
    Many documents: batch (a list of documents, one result each), batch_raw (JSON Lines),
    frame (a pandas DataFrame in, a DataFrame of decisions out).
    Typed checks without JSON: check_vote, certificate_dates, certificate_status_on,
    certificate_supervision_status, certificate_reapplication.
    Failures raise SqpError. The examples below assume `import sqp, json` and
    `engine = sqp.Engine()`, run from the root of sqp's source tree (docs/examples).

    >>> engine = sqp.Engine()
    >>> with open("docs/examples/application-eligible.json", encoding="utf-8") as f:
    ...     application = json.load(f)
    >>> engine.eligibility(application)["decision"]
    'eligible'
    """

    def __init__(self, rulebook: Optional[_Rulebook] = None, unknown_members: str = "reject",
                 messages: str = "both"):
        """Makes an engine: a rulebook, validated in full, plus the operations.

        rulebook: None (the compiled-in default); a path (os.PathLike, or a str that names an
        existing file and is not JSON text); JSON text (str or bytes); or a dict.
        unknown_members: "reject" (the default: a member a document's schema does not define is
        invalid input, named by its pointer) or "note" (accepted, not read, and listed by a note
        finding INPUT.UNKNOWN_MEMBER).
        messages: the languages of an eligibility result's findings: "both" (the default), "en",
        "zh", or "none" (compact: rule, article, status and evidence only). render() and assess
        always give both. A rulebook that fails validation raises SqpError
        ("invalid_rulebook") listing every problem with its pointer; a missing file, OSError.

        >>> engine = sqp.Engine()
        >>> engine.rulebook()["id"]
        'sqp.default'
        >>> same = sqp.Engine(rulebook="src/rulebook/default_rulebook.json")   # or a pathlib.Path
        >>> same.rulebook()["sha256"] == engine.rulebook()["sha256"]
        True
        >>> crm = sqp.Engine(unknown_members="note")      # CRM exports with members of their own
        >>> compact = sqp.Engine(messages="none")         # bulk decisions without two reports
        """
        self._handle = ctypes.c_void_p()
        self._stamp: Optional[RulebookStamp] = None  # the rulebook stamp, for the binding's errors
        if unknown_members not in _UNKNOWN_MEMBERS:
            raise SqpError(_error("usage", -1, "", "unknown_members must be 'reject' or 'note', "
                                  f"not {unknown_members!r}"))
        mode = _messages_mode(messages)
        err, err_len = ctypes.c_void_p(), ctypes.c_size_t()
        path = _rulebook_path(rulebook)
        if path is not None:
            with open(path, "rb") as f:
                data: Optional[bytes] = f.read()
        else:
            data = None if rulebook is None else _to_bytes(cast(_Json, rulebook))
        options = _EngineOptions(struct_size=ctypes.sizeof(_EngineOptions),
                                 unknown_members=_UNKNOWN_MEMBERS.index(unknown_members),
                                 messages=mode)
        status = _lib.sqp_engine_new_with_options(data, 0 if data is None else len(data),
                                                  ctypes.byref(options), ctypes.byref(self._handle),
                                                  ctypes.byref(err), ctypes.byref(err_len))
        if status != 0:
            text = _take(err, err_len)
            error: ErrorDocument = json.loads(text) if text else _status_error(status)
            if (isinstance(rulebook, str) and error.get("code") == "invalid_json"
                    and not _looks_like_json(rulebook) and "\n" not in rulebook):
                error["message"] += (f" (rulebook= is neither JSON text nor the path of a file: "
                                     f"{rulebook[:200]!r})")
            raise SqpError(error)

    def close(self) -> None:
        """Releases the engine now (also done on garbage collection and by `with`).

        >>> with sqp.Engine() as engine:
        ...     engine.rulebook()["id"]
        'sqp.default'
        """
        if getattr(self, "_handle", None) and self._handle.value:
            _lib.sqp_engine_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def _operation(self, operation: str) -> bytes:
        """The operation's name as the C ABI reads it (NUL-terminated). A name with a NUL in it
        would be read only up to the NUL ("eligibility\\0junk" as "eligibility"), so it is
        refused with the library's own unknown-operation error (SqpError, status -6), made by
        asking the library for that name with each NUL written as \\u0000 (no operation's name
        has a backslash)."""
        if not isinstance(operation, str):
            raise TypeError(f"an operation is named by a str, not {type(operation).__name__}")
        name = operation.encode("utf-8")
        if b"\0" not in name:
            return name
        out, out_len = ctypes.c_void_p(), ctypes.c_size_t()
        status = _lib.sqp_run(self._handle, name.replace(b"\0", b"\\u0000"), b"{}", 2,
                              ctypes.byref(out), ctypes.byref(out_len))
        text = _take(out, out_len)
        if status == -6 and text:
            raise SqpError(json.loads(text))
        raise self._refusal("", f"unknown operation {json.dumps(operation, ensure_ascii=False)}",
                            code="unknown_operation", status=-6)

    def _known_operation(self, operation: str) -> bytes:
        """The name as _operation gives it, refused (SqpError, unknown_operation) unless the
        library has that operation: sqp_run_batch on no input answers just that question, so a
        batch fails the same way whatever its documents, an empty list included."""
        name = self._operation(operation)
        out, out_len, bad = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_size_t()
        status = _lib.sqp_run_batch(self._handle, name, b"", 0, ctypes.byref(out),
                                    ctypes.byref(out_len), ctypes.byref(bad))
        text = _take(out, out_len)
        if status != 0:
            raise SqpError(json.loads(text) if text else _status_error(status))
        return name

    def _run_options(self, messages: Optional[str]) -> Optional[_RunOptions]:
        """sqp_run_options for one call's answer mode; None keeps the engine's own."""
        if messages is None:
            return None
        return _RunOptions(ctypes.sizeof(_RunOptions), _messages_mode(messages))

    def run_raw(self, operation: str, document: _Json, messages: Optional[str] = None) -> bytes:
        """Runs an operation on one document and returns the result's bytes exactly as the C ABI
        gave them (the CLI prints the same bytes); raises SqpError with the sqp.error/1 document on
        failure. `messages` ("both", "en", "zh", "none") sets the findings' languages for this
        call only (sqp_run_with_options); None keeps the engine's (Engine(messages=...)).

        >>> engine.run_raw("rulebook", {})[:32]
        b'{"schema":"sqp.rulebook-info/1",'
        >>> b'"message"' in engine.run_raw("eligibility", open("docs/examples/application-eligible.json").read(), messages="none")
        False
        """
        name = self._operation(operation)
        options = self._run_options(messages)
        data = self._bytes(document)
        out, out_len = ctypes.c_void_p(), ctypes.c_size_t()
        if options is None:
            status = _lib.sqp_run(self._handle, name, data, len(data),
                                  ctypes.byref(out), ctypes.byref(out_len))
        else:
            status = _lib.sqp_run_with_options(self._handle, name, data, len(data),
                                               ctypes.byref(options), ctypes.byref(out),
                                               ctypes.byref(out_len))
        text = _take(out, out_len)
        if status != 0:
            raise SqpError(json.loads(text) if text else _status_error(status))
        return text

    def render(self, operation: str, document: _Json, format: str = "text") -> str:
        """Runs an operation on one document and renders its result through sqp_render: "text"
        (the report a person reads, in Chinese and English, ending with the rulebook's SHA-256),
        "json" (run_raw's document), and for "certificate" and "case" also "ics" (a calendar of
        the deadlines) and "svg" (a timeline). The same bytes as the CLI's --format. Raises
        SqpError for a format the operation does not render (usage), and for the document's own
        errors.

        >>> engine.render("rulebook", {}).splitlines()[-1][:30]
        '规则库 Rulebook: sqp.default 2020'
        >>> engine.render("certificate", open("docs/examples/certificate-valid.json").read(), "ics")[:15]
        'BEGIN:VCALENDAR'
        """
        name = self._operation(operation)
        if not isinstance(format, str) or "\0" in format:
            raise TypeError("format must be a str without NUL characters")
        data = self._bytes(document)
        out, out_len = ctypes.c_void_p(), ctypes.c_size_t()
        status = _lib.sqp_render(self._handle, name, format.encode("utf-8"), data, len(data),
                                 ctypes.byref(out), ctypes.byref(out_len))
        text = _take(out, out_len)
        if status != 0:
            raise SqpError(json.loads(text) if text else _status_error(status))
        return text.decode("utf-8")

    def run(self, operation: str, document: _Json, messages: Optional[str] = None) -> Document:
        """Runs an operation by name ("eligibility", "cycle", "meeting", "certificate", "score",
        "assess", "rulebook", "bodies", "case") on one document: a dict, or JSON text as str or
        bytes. Returns the result as a dict; raises SqpError for a document the operation refuses,
        and for an unknown operation name (one with a NUL in it too).

        >>> with open("docs/examples/application-eligible.json", encoding="utf-8") as f:
        ...     text = f.read()
        >>> engine.run("eligibility", text)["decision"]
        'eligible'
        >>> try:
        ...     engine.run("eligibility", {"schema": "sqp.application/1"})
        ... except sqp.SqpError as e:
        ...     print(e.code, e.status, e.path)
        invalid_input -4 /kind

        `messages` chooses the findings' languages for this call, as in run_raw().
        """
        result: Document = json.loads(self.run_raw(operation, document, messages))
        return result

    def batch_raw(self, operation: str, json_lines: Union[str, bytes],
                  messages: Optional[str] = None) -> bytes:
        """JSON Lines in (str or bytes), JSON Lines out: one answer line per non-blank input line, in
        order, through sqp_run_batch (the fastest way through the binding). A bad line's answer is
        an sqp.error/1 line with its 1-based "line"; blank lines are skipped and still counted.

        >>> out = engine.batch_raw("rulebook", b'{}\\n\\nnot json\\n')
        >>> [line[:30] for line in out.splitlines()]
        [b'{"schema":"sqp.rulebook-info/1', b'{"schema":"sqp.error/1","code"']

        `messages` chooses the findings' languages for this call (sqp_run_batch_with_options),
        as in run_raw(); for bulk runs an Engine(messages=...) is faster still, since its
        answers are written straight into the returned bytes.
        """
        name = self._operation(operation)
        options = self._run_options(messages)
        data = _to_bytes(json_lines)
        if options is None and _batch_into is not None and len(data) >= _BATCH_INTO_MIN_INPUT:
            answered = _batch_into_bytes(self._handle, name, data)
            if answered is not None:
                return answered
        out, out_len, bad = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_size_t()
        if options is None:
            status = _lib.sqp_run_batch(self._handle, name, data, len(data),
                                        ctypes.byref(out), ctypes.byref(out_len), ctypes.byref(bad))
        else:
            status = _lib.sqp_run_batch_with_options(self._handle, name, data, len(data),
                                                     ctypes.byref(options), ctypes.byref(out),
                                                     ctypes.byref(out_len), ctypes.byref(bad))
        text = _take(out, out_len)
        if status != 0:
            raise SqpError(json.loads(text) if text else _status_error(status))
        return text

    def batch(self, operation: str, documents: Iterable[Any]) -> List[Document]:
        """Runs an operation over many documents (any iterable of dicts, str or bytes) and returns
        exactly one result per document, in order, each the document run() gives for it. A bad
        document gives its sqp.error/1 dict in place, with "line": its 1-based place in the list
        (never an exception for one bad document). A document on one line goes through
        sqp_run_batch in one call; a blank one or one with CR/LF in it is run by itself, unchanged.
        One str, bytes or dict, or a pandas DataFrame, is a TypeError (use batch_raw() or frame()).

        >>> results = engine.batch("rulebook", [{}, "not json", ""])
        >>> [r["schema"] for r in results]
        ['sqp.rulebook-info/1', 'sqp.error/1', 'sqp.error/1']
        >>> [(r["line"], r["code"]) for r in results[1:]]
        [(2, 'invalid_json'), (3, 'invalid_json')]
        """
        if isinstance(documents, (str, bytes, bytearray, memoryview, dict)):
            raise TypeError(f"batch() takes an iterable of documents, not one "
                            f"{type(documents).__name__}; for JSON Lines text use batch_raw()")
        if _is_data_frame(documents):
            raise TypeError("batch() takes an iterable of documents, not a pandas DataFrame "
                            "(iterating one gives its column names); use frame(operation, df)")
        return self._batch(operation, documents, None)

    def _batch(self, operation: str, documents: Iterable[Any],
               default: Optional[Callable[[Any], Any]]) -> List[Document]:
        self._known_operation(operation)  # a bad name is refused before any document is read
        results: List[Optional[Document]] = []
        fast: List[int] = []     # places of the documents sent through sqp_run_batch
        lines: List[bytes] = []
        for document in documents:
            try:
                data = self._bytes(document, default)
            except SqpError as e:  # a NaN: refused as run() refuses it
                results.append(_with_line(e.document, len(results) + 1))
                continue
            if _one_line(data):
                fast.append(len(results))
                lines.append(data)
                results.append(None)
            else:  # blank, or CR/LF inside: one line of JSON Lines cannot carry it unchanged
                try:
                    results.append(self.run(operation, data))
                except SqpError as e:
                    results.append(_with_line(e.document, len(results) + 1))
        if lines:
            answers = self.batch_raw(operation, b"\n".join(lines)).splitlines()
            if len(answers) != len(lines):
                raise SqpError(_error("internal", -9, "", f"sqp_run_batch answered {len(answers)} "
                                      f"lines for {len(lines)} documents"))
            for place, answer in zip(fast, answers):
                result: Document = json.loads(answer)
                if "line" in result:  # its line in the batch sent, not its place in the list
                    result["line"] = place + 1
                results[place] = result
        return cast(List[Document], results)  # every place is filled now

    def frame(self, operation: str, df: Any) -> Any:
        """Runs an operation on every row of a pandas DataFrame (each row one document, its columns
        the document's members, as pd.read_json(path, lines=True) makes them) and returns a
        DataFrame of the answers with the same index, one row per input row.

        For "eligibility" the columns are: decision; one per rule, named by its ID ("ELIG.ACCIDENT"),
        holding the rule's status ("pass", "fail", "pending" or "note": the most severe of its
        findings; None when the rule has no finding); eligible_from; error (the sqp.error/1 message
        of a row that was refused, else None). For the other operations: one column per member of
        the result (nested ones as dicts and lists), then error. attrs holds the operation and the
        rulebook stamp.

        A NaN, None, NA or NaT cell is an absent member (it is left out, never sent as NaN); an int
        column that pandas stored as floats because of its gaps is sent as whole numbers; a
        Timestamp at midnight is its date. Needs pandas (Debian: python3-pandas); `import sqp` does
        not, and without it frame() raises ImportError.

        >>> import pandas as pd
        >>> df = pd.read_json("docs/examples/crm-export.jsonl", lines=True)
        >>> out = sqp.Engine(unknown_members="note").frame("eligibility", df)
        >>> out["decision"].tolist()
        ['eligible', 'ineligible', 'pending', None, 'eligible']
        >>> out.loc[3, "error"]
        '/applied_on: "2026-02-30" is not a calendar date'
        >>> out.loc[1, "ELIG.ACCIDENT"], out.loc[1, "eligible_from"]
        ('fail', '2027-11-01')
        """
        pd = _pandas()
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"frame() takes a pandas DataFrame, not {type(df).__name__}")
        if not df.columns.is_unique:
            raise ValueError("frame(): the DataFrame's column names must be unique (each is a "
                             "member of the documents)")
        # pandas stores an int column with absent cells as floats (12 -> 12.0); JSON whole
        # numbers are what the documents hold, so those become ints again.
        promoted = {column for column in df.columns
                    if df[column].dtype.kind == "f" and bool(df[column].isna().any())}
        documents = []
        for row in df.to_dict(orient="records"):
            document: Document = {}
            for key, value in row.items():
                if value is None or value is pd.NA or value is pd.NaT:
                    continue  # an absent member
                if isinstance(value, float):
                    if value != value:
                        continue  # NaN: absent
                    if key in promoted and value.is_integer():
                        value = int(value)
                document[key] = value
            documents.append(document)
        results = self._batch(operation, documents, _pandas_default)
        if operation == "eligibility":
            columns = _decision_columns(results)
        else:
            columns = _result_columns(results)
        out = pd.DataFrame(columns, index=df.index)
        out.attrs["operation"] = operation
        out.attrs["rulebook"] = self._rulebook_stamp()
        return out

    # One method per operation.
    def eligibility(self, application: _Json) -> EligibilityResult:
        """ELIG.*: may this site apply? An sqp.application/1 document in (dict, JSON str or bytes),
        an sqp.eligibility/1 result out (EligibilityResult): decision "eligible", "ineligible" or
        "pending", every finding with its rule, article, status and message (English and Chinese),
        the look-back window, and eligible_from (when an ineligible site may apply again).

        >>> with open("docs/examples/application-ineligible.json", encoding="utf-8") as f:
        ...     application = json.load(f)
        >>> result = engine.eligibility(application)
        >>> result["decision"], result["eligible_from"]
        ('ineligible', '2027-11-01')
        >>> [f["rule"] for f in result["findings"] if f["status"] == "fail"]
        ['ELIG.ACCIDENT', 'ELIG.CRITICISM']
        """
        return cast(EligibilityResult, self.run("eligibility", application))

    def cycle(self, document: _Json) -> Document:
        """The procedure calendar of an application (sqp.cycle/1 in, sqp.cycle-result/1 out): its
        batch, the acceptance and announcement months, the report due date, publicity and
        objection periods.

        >>> with open("docs/examples/cycle.json", encoding="utf-8") as f:
        ...     result = engine.cycle(json.load(f))
        >>> result["batch"], result["acceptance_month"], result["announcement_month"]
        ('2027-Q1', '2027-01', '2027-03')
        """
        return self.run("cycle", document)

    def meeting(self, document: _Json) -> Document:
        """A review meeting (sqp.meeting/1): is it quorate, and which motions passed. For counts
        without a document, check_vote().

        >>> with open("docs/examples/meeting.json", encoding="utf-8") as f:
        ...     result = engine.meeting(json.load(f))
        >>> result["valid"], result["quorum"]["required"], [m["passed"] for m in result["motions"]]
        (True, 6, [True, False])
        """
        return self.run("meeting", document)

    def bodies(self, document: _Json) -> Document:
        """The certification bodies offered to an applicant, the experts and evaluators, and the
        evaluation's person-days (sqp.bodies/1: BODY.CHOICE, BODY.DISQUALIFY, PEOPLE.REMOVAL,
        FEE.PERSON_DAYS).

        >>> with open("docs/examples/bodies.json", encoding="utf-8") as f:
        ...     result = engine.bodies(json.load(f))
        >>> result["choice"]["met"], [b["may_evaluate"] for b in result["bodies"]]
        (True, [True, True, False, False])
        >>> result["person_days"]["days"]
        2
        """
        return self.run("bodies", document)

    def case(self, document: _Json) -> CaseStatus:
        """The procedure of Art. 14 as one case: an sqp.case/1 document in (the application, the
        bodies offered, the steps recorded so far, as of a day), an sqp.case-status/1 result out
        (CaseStatus). It runs every rule the recorded steps invoke (ELIG.*, CYCLE.*, VOTE.*,
        BODY.*, TEAM.AUDITORS, PEOPLE.REMOVAL, SCORE.*, CERT.*) and PROC.*: the outcome
        ("awarded", "in_progress", "procedure_defective", "disqualified", ...), the stage (the
        last step recorded), every finding with the pointer of its step, and "next": the steps
        still to come with their due dates and overdue flags (PROC.NEXT). render("case", ...,
        "text" | "ics" | "svg") gives the case file, its deadlines, its timeline.

        >>> with open("docs/examples/case-awarded.json", encoding="utf-8") as f:
        ...     result = engine.case(json.load(f))
        >>> result["outcome"], result["stage"], result["grade"]
        ('awarded', 'announced', 'four_star')
        >>> result["certificate"]["valid_from"], result["certificate"]["valid_until"]
        ('2026-03-25', '2029-03-25')
        >>> result["next"]
        [{'step': 'supervision_report', 'due_by': '2026-12-25', 'overdue': False, 'evidence': None}]
        >>> with open("docs/examples/case-late-report.json", encoding="utf-8") as f:
        ...     late = engine.case(json.load(f))
        >>> late["outcome"], [(f["rule"], f["evidence"]) for f in late["findings"]
        ...                   if f["status"] == "fail" and f["rule"].startswith("PROC.")]
        ('procedure_defective', [('PROC.REPORT', '/steps/report_received_on')])
        """
        return cast(CaseStatus, self.run("case", document))

    # The binding's own errors (the typed calls' arguments), shaped as the library's and stamped
    # with the engine's rulebook as the library stamps its errors.
    def _rulebook_stamp(self) -> Optional[RulebookStamp]:
        if self._stamp is None and self._handle.value:
            self._stamp = self.rulebook()["rulebook"]
        return None if self._stamp is None else self._stamp.copy()

    def _bytes(self, document: _Json, default: Optional[Callable[[Any], Any]] = None) -> bytes:
        """_to_bytes, with the binding's refusal of a NaN stamped as the library's errors are."""
        try:
            return _to_bytes(document, default)
        except SqpError as e:
            stamp = self._rulebook_stamp()
            if stamp is not None:
                e.document["rulebook"] = stamp
            raise

    def _refusal(self, path: str, detail: str, code: str = "invalid_input", status: int = -4,
                 type_error: bool = False) -> SqpError:
        document = _error(code, status, path, detail)
        stamp = self._rulebook_stamp()
        if stamp is not None:
            document["rulebook"] = stamp
        return _SqpTypeError(document) if type_error else SqpError(document)

    def _int(self, value: object, name: str, low: int = _INT32_MIN, high: int = _INT32_MAX) -> int:
        """An int argument, unchanged: a bool, a float (even 1.0) or a value beyond low..high is
        refused, naming the argument (never truncated, wrapped or clamped)."""
        number = _whole_number(value)
        if number is None:
            raise self._refusal("/" + name, f"{name} must be an int, not {type(value).__name__} "
                                f"{value!r}", type_error=True)
        if not low <= number <= high:
            raise self._refusal("/" + name, f"{name} must be a whole number from {low} to {high}, "
                                f"got {number}")
        return number

    def _date(self, value: object, name: str, optional: bool = False) -> int:
        """A date argument ("YYYY-MM-DD" or a datetime.date) as the C ABI's YYYYMMDD; None is 0
        (absent) where the argument is optional. Checked as every door checks dates (READ.DATES):
        the form, the calendar, the years 1900 to 2999; "0000-00-00" is no date, not absent."""
        if value is None:
            if optional:
                return 0
            raise self._refusal("/" + name, f"{name} is required: a date \"YYYY-MM-DD\" or a "
                                "datetime.date", type_error=True)
        if isinstance(value, datetime.datetime):
            raise self._refusal("/" + name, f"{name} must be a date, not a datetime (pass its "
                                ".date())", type_error=True)
        if isinstance(value, datetime.date):
            year, month, day = value.year, value.month, value.day
            text = value.isoformat()
        elif isinstance(value, str):
            text = value
            if not (len(text) == 10 and text[4] == "-" and text[7] == "-" and text.isascii()
                    and (text[:4] + text[5:7] + text[8:]).isdigit()):
                raise self._refusal("/" + name, f"{json.dumps(text, ensure_ascii=False)} is not a "
                                    "date of the form YYYY-MM-DD")
            year, month, day = int(text[:4]), int(text[5:7]), int(text[8:])
        else:
            raise self._refusal("/" + name, f"{name} must be a date \"YYYY-MM-DD\" (str) or a "
                                f"datetime.date, not {type(value).__name__} {value!r}",
                                type_error=True)
        quoted = json.dumps(text, ensure_ascii=False)
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise self._refusal("/" + name, f"{quoted} is not a calendar date between "
                                f"{_MIN_YEAR}-01-01 and {_MAX_YEAR}-12-31")
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise self._refusal("/" + name, f"{quoted} is not a calendar date") from None
        return year * 10000 + month * 100 + day

    def _choice(self, value: object, name: str, choices: Tuple[str, ...]) -> int:
        if not isinstance(value, str):
            raise self._refusal("/" + name, f"{name} must be one of {', '.join(choices)} (str), not "
                                f"{type(value).__name__} {value!r}", type_error=True)
        if value not in choices:
            raise self._refusal("/" + name, f"unknown {name} {json.dumps(value, ensure_ascii=False)}; "
                                f"expected one of: {', '.join(choices)}")
        return choices.index(value)

    def _check(self, status: int, function: str, path: str, detail: str = "") -> None:
        """Raises for a typed call's status; SQP_ERR_INPUT is named by `path`."""
        if status == 0:
            return
        code = _lib.sqp_status_name(status).decode("ascii")
        if status == -4:
            raise self._refusal(path, detail or f"{function} returned {code}")
        raise self._refusal("", f"{function} returned {code}", code=code, status=status)

    def _dates(self, certified_on: int) -> _CertificateDates:
        out = _CertificateDates(struct_size=ctypes.sizeof(_CertificateDates))
        self._check(_lib.sqp_certificate_compute(self._handle, certified_on, ctypes.byref(out)),
                    "sqp_certificate_compute", "/certified_on")
        return out

    def _anniversaries(self, certified_on: int) -> List[int]:
        dates = self._dates(certified_on)
        return [dates.anniversary[i] for i in range(dates.anniversary_count)]

    def _not_an_anniversary(self, number: int, certified_on: int) -> SqpError:
        known = ", ".join(map(str, self._anniversaries(certified_on)))
        return self._refusal("/anniversary", f"anniversary {number} is not one of the rulebook's "
                             f"supervision anniversaries ({known})")

    def _revocation_problem(self, certified_on: int, revoked_on: int) -> str:
        dates = self._dates(certified_on)
        return (f"{json.dumps(_iso(revoked_on))} is outside the certificate's validity "
                f"{_iso(dates.valid_from)}..{_iso(dates.valid_until)}")

    def check_vote(self, body: str, members: int, present: int, votes_for: int,
                   votes_against: int = 0, abstain: int = 0) -> VoteResult:
        """The quorum and vote test of a review meeting through sqp_check_vote: no JSON, the same
        rules and figures as the "meeting" operation. body is "expert_review" or "final_review";
        counts are ints (members 1 to 1000000, the others 0 to 1000000). A wrong type or range,
        or inconsistent counts, raise SqpError ("invalid_input") naming the argument (for a wrong
        type it is also a TypeError); a count is never truncated or clamped.

        >>> engine.check_vote("expert_review", members=9, present=6, votes_for=4)
        {'quorum_required': 6, 'quorum_met': True, 'votes_required': 4, 'passed': True}
        >>> engine.check_vote("expert_review", 9, 5, 5)["passed"]           # no quorum
        False
        >>> try:
        ...     engine.check_vote("expert_review", 9, 6.0, 4)
        ... except sqp.SqpError as e:
        ...     print(e.path)
        /present
        """
        body_value = self._choice(body, "body", _MEETING_BODY)
        query = _VoteQuery(ctypes.sizeof(_VoteQuery), body_value,
                           self._int(members, "members", 1, _VOTE_COUNT_MAX),
                           self._int(present, "present", 0, _VOTE_COUNT_MAX),
                           self._int(votes_for, "votes_for", 0, _VOTE_COUNT_MAX),
                           self._int(votes_against, "votes_against", 0, _VOTE_COUNT_MAX),
                           self._int(abstain, "abstain", 0, _VOTE_COUNT_MAX))
        result = _VoteResult(struct_size=ctypes.sizeof(_VoteResult))
        status = _lib.sqp_check_vote(self._handle, ctypes.byref(query), ctypes.byref(result))
        if status == -4:
            path, message = _VOTE_PROBLEM.get(result.problem, ("", "inconsistent counts"))
            raise self._refusal(path, message)
        self._check(status, "sqp_check_vote", "")
        return {"quorum_required": result.quorum_required, "quorum_met": bool(result.quorum_met),
                "votes_required": result.votes_required, "passed": bool(result.passed)}

    def certificate(self, document: _Json) -> Document:
        """A certificate's state and dates (sqp.certificate/1 in): status on as_of, validity,
        supervision anniversaries and report due dates, renewal and upgrade deadlines, revocation
        and reapplication verdicts. The typed certificate_* calls give the same figures without JSON.

        >>> with open("docs/examples/certificate-valid.json", encoding="utf-8") as f:
        ...     result = engine.certificate(json.load(f))
        >>> result["status"], result["valid_until"]
        ('valid', '2029-03-20')
        """
        return self.run("certificate", document)

    # Typed certificate checks through sqp.h's allocation-free functions. Dates are "YYYY-MM-DD"
    # or datetime.date; only None means an optional date is absent.
    def certificate_dates(self, certified_on: _Date) -> CertificateDates:
        """Every date of a certificate announced on certified_on ("YYYY-MM-DD" or a datetime.date),
        through sqp_certificate_compute (no JSON), with the member names of the "certificate"
        operation's result. A date that is not a calendar date in 1900..2999 raises SqpError
        naming the argument.

        >>> dates = engine.certificate_dates("2026-03-20")
        >>> dates["valid_until"], dates["renewal_due_by"]
        ('2029-03-20', '2028-12-20')
        >>> dates["supervision"][0]
        {'anniversary': 1, 'date': '2027-03-20', 'report_due': '2026-12-20'}
        """
        out = self._dates(self._date(certified_on, "certified_on"))
        return {
            "valid_from": _iso(out.valid_from),
            "valid_until": _iso(out.valid_until),
            "supervision": [{"anniversary": out.anniversary[i], "date": _iso(out.supervision_on[i]),
                             "report_due": _iso(out.report_due[i])}
                            for i in range(out.anniversary_count)],
            "renewal_due_by": _iso(out.renewal_due_by),
            "upgrade_earliest": _iso(out.upgrade_earliest),
            "upgrade_application_due_by": _iso(out.upgrade_application_due_by),
        }

    def certificate_status_on(self, certified_on: _Date, as_of: _Date,
                              revoked_on: Optional[_Date] = None) -> str:
        """The certificate's status on as_of: "not_yet_valid", "valid", "expired" or "revoked".
        revoked_on: None (not revoked) or the revocation date, within the validity. Only None
        means absent: "0000-00-00" is refused as no date.

        >>> engine.certificate_status_on("2026-03-20", "2027-06-01")
        'valid'
        >>> engine.certificate_status_on("2026-03-20", "2027-06-01", revoked_on="2027-05-01")
        'revoked'
        """
        certified = self._date(certified_on, "certified_on")
        today = self._date(as_of, "as_of")
        revoked = self._date(revoked_on, "revoked_on", optional=True)
        status = ctypes.c_int32()
        code = _lib.sqp_certificate_status_on(self._handle, certified, today, revoked,
                                              ctypes.byref(status))
        if code == -4 and revoked:  # every date is a calendar date: the revocation is outside
            raise self._refusal("/revoked_on", self._revocation_problem(certified, revoked))
        self._check(code, "sqp_certificate_status_on", "")
        return _CERT_STATUS[status.value]

    def certificate_supervision_status(self, certified_on: _Date, anniversary: int, as_of: _Date,
                                       submitted_on: Optional[_Date] = None,
                                       revoked_on: Optional[_Date] = None) -> str:
        """One supervision anniversary's self-inspection report on as_of: "upcoming", "on_time",
        "late", "missing" or "not_required". anniversary is one of the rulebook's (1 or 2 by
        default, an int); submitted_on and revoked_on are None when there is none.

        >>> engine.certificate_supervision_status("2026-03-20", 1, "2027-04-01")
        'missing'
        >>> engine.certificate_supervision_status("2026-03-20", 1, "2027-04-01", submitted_on="2026-12-01")
        'on_time'
        """
        certified = self._date(certified_on, "certified_on")
        year = _whole_number(anniversary)
        if year is None:
            raise self._refusal("/anniversary", f"anniversary must be an int, not "
                                f"{type(anniversary).__name__} {anniversary!r}", type_error=True)
        if not _INT32_MIN <= year <= _INT32_MAX:
            raise self._not_an_anniversary(year, certified)
        today = self._date(as_of, "as_of")
        submitted = self._date(submitted_on, "submitted_on", optional=True)
        revoked = self._date(revoked_on, "revoked_on", optional=True)
        status = ctypes.c_int32()
        code = _lib.sqp_certificate_supervision_status(self._handle, certified, year, today,
                                                       submitted, revoked, ctypes.byref(status))
        if code == -4 and year not in self._anniversaries(certified):
            raise self._not_an_anniversary(year, certified)
        if code == -4 and submitted and submitted < certified:
            raise self._refusal("/submitted_on", f"{json.dumps(_iso(submitted))} is before "
                                f"certified_on {_iso(certified)}")
        if code == -4 and revoked:
            raise self._refusal("/revoked_on", self._revocation_problem(certified, revoked))
        self._check(code, "sqp_certificate_supervision_status", "")
        return _SUPERVISION_STATUS[status.value]

    def certificate_reapplication(self, certified_on: _Date, kind: str, filed_on: _Date) -> str:
        """The verdict on a reapplication of kind "renewal" ("timely", "late", "treated_as_initial")
        or "upgrade" ("allowed", "too_early", "short_notice", "expired") filed on filed_on.

        >>> engine.certificate_reapplication("2026-03-20", "renewal", "2028-12-01")
        'timely'
        >>> engine.certificate_reapplication("2026-03-20", "upgrade", "2026-06-01")
        'too_early'
        """
        certified = self._date(certified_on, "certified_on")
        kind_value = self._choice(kind, "kind", _REAPPLY_KIND)
        filed = self._date(filed_on, "filed_on")
        verdict = ctypes.c_int32()
        code = _lib.sqp_certificate_reapplication(self._handle, certified, kind_value, filed,
                                                  ctypes.byref(verdict))
        self._check(code, "sqp_certificate_reapplication", "/filed_on",
                    f"{json.dumps(_iso(filed))} is before certified_on {_iso(certified)}")
        return _REAPPLY_VERDICT[verdict.value]

    def score(self, scoresheet: _Json) -> Document:
        """Scores a scoresheet (sqp.scoresheet/1): every item, the dimensions, the total, the grade,
        key items, and what the next grade still needs.

        >>> with open("docs/examples/scoresheet-business-hall.json", encoding="utf-8") as f:
        ...     result = engine.score(json.load(f))
        >>> result["total"], result["max_total"], result["grade"]
        (91.5, 100, 'five_star')
        """
        return self.run("score", scoresheet)

    def assess(self, assessment: _Json) -> Document:
        """The whole assessment of a site (sqp.assessment/1: the application, the procedure dates and
        the scoresheet): eligibility, calendar and score in one result, with a summary.

        >>> with open("docs/examples/assessment.json", encoding="utf-8") as f:
        ...     result = engine.assess(json.load(f))
        >>> result["summary"]["outcome"], result["summary"]["awarded_grade"]
        ('graded', 'five_star')
        """
        return self.run("assess", assessment)

    def rulebook(self) -> RulebookInfo:
        """The engine's rulebook (RulebookInfo): its id, version and SHA-256, the identity every
        result is stamped with.

        >>> info = engine.rulebook()
        >>> info["id"], info["version"], len(info["sha256"])
        ('sqp.default', '2020.05.17-r3', 64)
        """
        return cast(RulebookInfo, self.run("rulebook", {}))
