"""sqp — service-site quality rules and scoring, through libsqp's C ABI (pure ctypes).

    import sqp
    engine = sqp.Engine()                      # the default rulebook
    result = engine.eligibility({...})         # dict in, dict out
    engine.batch("eligibility", [doc1, doc2])  # list of dicts (results or sqp.error/1 docs)

Errors raise sqp.SqpError with .code ("invalid_input"), .status (-4), .message, .path (a JSON
pointer into the input) and .errors (every problem found).

The library is found via $SQP_LIBRARY, then next to this package, then the system loader.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
from typing import Any, Iterable, List, Optional, Union

__all__ = ["Engine", "SqpError", "version", "library_path"]

_Json = Union[dict, str, bytes]


class SqpError(Exception):
    """An sqp.error/1 document raised as an exception."""

    def __init__(self, document: dict):
        self.document = document
        self.code: str = document.get("code", "internal")
        self.status: int = int(document.get("status", -9))
        self.message: str = document.get("message", "")
        self.path: str = document.get("path", "")
        self.errors: List[dict] = list(document.get("errors", []))
        super().__init__(f"{self.code}: {self.message}")


def _candidates():
    env = os.environ.get("SQP_LIBRARY")
    if env:
        yield env
    here = os.path.dirname(os.path.abspath(__file__))
    for name in ("libsqp.so.1", "libsqp.so"):
        yield os.path.join(here, name)
    yield "libsqp.so.1"
    found = ctypes.util.find_library("sqp")
    if found:
        yield found


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:  # try the next place
            errors.append(f"{path}: {e}")
    raise ImportError("sqp: cannot load libsqp.so.1 (set SQP_LIBRARY): " + "; ".join(errors))


_lib, _path = _load()
_c_char_pp = ctypes.POINTER(ctypes.c_void_p)

_lib.sqp_version.restype = ctypes.c_char_p
_lib.sqp_version.argtypes = []
_lib.sqp_engine_new.restype = ctypes.c_int
_lib.sqp_engine_new.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p),
                                ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_engine_free.restype = None
_lib.sqp_engine_free.argtypes = [ctypes.c_void_p]
_lib.sqp_run.restype = ctypes.c_int
_lib.sqp_run.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                         ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_run_batch.restype = ctypes.c_int
_lib.sqp_run_batch.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                               ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
                               ctypes.POINTER(ctypes.c_size_t)]
_lib.sqp_free.restype = None
_lib.sqp_free.argtypes = [ctypes.c_void_p]


def version() -> str:
    """The loaded libsqp's runtime version ("1.0.0")."""
    return _lib.sqp_version().decode("ascii")


def library_path() -> str:
    """Where libsqp was loaded from."""
    return _path


def _to_bytes(doc: _Json) -> bytes:
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        return doc.encode("utf-8")
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _take(ptr: ctypes.c_void_p, size: ctypes.c_size_t) -> bytes:
    try:
        return ctypes.string_at(ptr.value, size.value) if ptr.value else b""
    finally:
        _lib.sqp_free(ptr)


class Engine:
    """An immutable rulebook plus the operations; safe to share between threads."""

    def __init__(self, rulebook: Optional[_Json] = None):
        self._handle = ctypes.c_void_p()
        err, err_len = ctypes.c_void_p(), ctypes.c_size_t()
        data = None if rulebook is None else _to_bytes(rulebook)
        status = _lib.sqp_engine_new(data, 0 if data is None else len(data),
                                     ctypes.byref(self._handle), ctypes.byref(err), ctypes.byref(err_len))
        if status != 0:
            text = _take(err, err_len)
            raise SqpError(json.loads(text) if text else {"code": "internal", "status": status})

    def close(self) -> None:
        if getattr(self, "_handle", None) and self._handle.value:
            _lib.sqp_engine_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        self.close()

    def run_raw(self, operation: str, document: _Json) -> bytes:
        """Runs an operation and returns the result document's bytes exactly as the C ABI gave
        them; raises SqpError with the sqp.error/1 document on failure."""
        data = _to_bytes(document)
        out, out_len = ctypes.c_void_p(), ctypes.c_size_t()
        status = _lib.sqp_run(self._handle, operation.encode("utf-8"), data, len(data),
                              ctypes.byref(out), ctypes.byref(out_len))
        text = _take(out, out_len)
        if status != 0:
            raise SqpError(json.loads(text) if text else {"code": "out_of_memory", "status": status})
        return text

    def run(self, operation: str, document: _Json) -> dict:
        """Runs an operation on one document (dict, JSON str or bytes) and returns the result."""
        return json.loads(self.run_raw(operation, document))

    def batch_raw(self, operation: str, json_lines: Union[str, bytes]) -> bytes:
        """JSON Lines in, JSON Lines out (one line per non-blank input line)."""
        data = _to_bytes(json_lines)
        out, out_len, bad = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_size_t()
        status = _lib.sqp_run_batch(self._handle, operation.encode("utf-8"), data, len(data),
                                    ctypes.byref(out), ctypes.byref(out_len), ctypes.byref(bad))
        text = _take(out, out_len)
        if status != 0:
            raise SqpError(json.loads(text) if text else {"code": "out_of_memory", "status": status})
        return text

    def batch(self, operation: str, documents: Iterable[Any]) -> List[dict]:
        """Runs an operation over many documents in one call; a bad document gives its
        sqp.error/1 dict in place (never an exception for one bad line)."""
        lines = b"\n".join(_to_bytes(d).replace(b"\n", b" ") for d in documents)
        return [json.loads(line) for line in self.batch_raw(operation, lines).splitlines() if line]

    # One method per operation (CONTRACT.md §1).
    def eligibility(self, application: _Json) -> dict:
        return self.run("eligibility", application)

    def cycle(self, document: _Json) -> dict:
        return self.run("cycle", document)

    def meeting(self, document: _Json) -> dict:
        return self.run("meeting", document)

    def certificate(self, document: _Json) -> dict:
        return self.run("certificate", document)

    def score(self, scoresheet: _Json) -> dict:
        return self.run("score", scoresheet)

    def assess(self, assessment: _Json) -> dict:
        return self.run("assess", assessment)

    def rulebook(self) -> dict:
        return self.run("rulebook", {})
