"""A PEP 517 / PEP 660 build backend for the sqp binding, in the standard library only.

pip runs it from pyproject.toml ([build-system] backend-path = ["."]) to build a pure-Python
wheel of the `sqp` package: no setuptools, no wheel package, nothing to download, so
`pip install ./bindings/python` works offline with pip's default build isolation.

Metadata comes from pyproject.toml's [project] table. The version is CMake's project() version,
the one place sqp's version is written (docs/abi.md, "One version"), as sqp/_version.py gives it:
in the source tree that file reads the top-level CMakeLists.txt; the wheel and the sdist carry it
rewritten as the version itself (_VERSION_MODULE below), since neither has CMakeLists.txt. The
binding checks it against libsqp's major.minor at import.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import os
import re
import tarfile
import time
import zipfile
from typing import Any, Dict, List, Optional, Tuple

_Settings = Optional[Dict[str, Any]]

_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGE = "sqp"
# The module that holds __version__, and what a built package carries in its place.
_VERSION_FILE = f"{_PACKAGE}/_version.py"
_VERSION_MODULE = '''"""The binding's version: CMake's project() version when this package was
built (written by _sqp_build_backend.py; sqp's source tree has the file that reads it from
CMakeLists.txt)."""
__version__ = "{version}"
'''


def _read_pyproject(text: str) -> Dict[str, Any]:
    try:
        import tomllib  # Python 3.11+
    except ImportError:
        return _read_simple_toml(text)
    return tomllib.loads(text)


def _read_simple_toml(text: str) -> Dict[str, Any]:
    """The TOML subset pyproject.toml uses (tables, strings, string arrays, inline tables of
    strings), for interpreters before 3.11, which have no TOML parser."""
    result: Dict[str, Any] = {}
    table = result
    pending = ""
    for raw in text.splitlines():
        line = raw.strip() if not pending else pending + " " + raw.strip()
        pending = ""
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and "=" not in line:
            table = result
            for part in line.strip("[]").split("."):
                table = table.setdefault(part.strip(), {})
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if value.startswith("[") and not _balanced(value):
            pending = line
            continue
        table[key.strip()] = _simple_value(value)
    return result


def _balanced(value: str) -> bool:
    return value.count("[") == value.count("]") and not value.rstrip().endswith(",")


def _simple_value(value: str) -> Any:
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', value)
    if value.startswith("["):
        return strings
    if value.startswith("{"):
        keys = re.findall(r'(\w+)\s*=\s*"', value)
        return dict(zip(keys, strings))
    return strings[0] if strings else value


def _version() -> str:
    """sqp/_version.py's __version__, run as the package runs it: read from CMakeLists.txt in the
    source tree, as written in an sdist."""
    spec = importlib.util.spec_from_file_location(f"_{_PACKAGE}_version",
                                                  os.path.join(_HERE, _VERSION_FILE))
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {_VERSION_FILE}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.__version__)


def _metadata() -> Tuple[str, str]:
    with open(os.path.join(_HERE, "pyproject.toml"), encoding="utf-8") as f:
        project = _read_pyproject(f.read())["project"]
    version = _version()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version}",
        f"Summary: {project.get('description', '')}",
        f"Requires-Python: {project.get('requires-python', '>=3')}",
        f"License: {project.get('license', {}).get('text', '')}",
    ]
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    return version, "\n".join(lines) + "\n"


def _package_files() -> List[Tuple[str, str]]:
    """(archive name, path) of every file of the package: sources, py.typed, stubs."""
    files = []
    root = os.path.join(_HERE, _PACKAGE)
    for directory, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".pyi", ".typed")):
                path = os.path.join(directory, name)
                files.append((os.path.relpath(path, _HERE).replace(os.sep, "/"), path))
    return files


def _file_contents(arc: str, path: str, version: str) -> bytes:
    """A package file as built packages carry it: sqp/_version.py as the version itself."""
    if arc == _VERSION_FILE:
        return _VERSION_MODULE.format(version=version).encode("utf-8")
    with open(path, "rb") as f:
        return f.read()


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"sha256={digest}"


def _write_wheel(wheel_directory: str, version: str, metadata: str,
                 contents: List[Tuple[str, bytes]]) -> str:
    dist_info = f"{_PACKAGE}-{version}.dist-info"
    name = f"{_PACKAGE}-{version}-py3-none-any.whl"
    contents = list(contents) + [
        (f"{dist_info}/METADATA", metadata.encode("utf-8")),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: _sqp_build_backend\n"
                               b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
        (f"{dist_info}/top_level.txt", f"{_PACKAGE}\n".encode("ascii")),
    ]
    licence = os.path.join(_HERE, "..", "..", "LICENSE")
    if os.path.isfile(licence):
        with open(licence, "rb") as f:
            contents.append((f"{dist_info}/LICENSE", f.read()))
    record = "".join(f"{arc},{_record_hash(data)},{len(data)}\n" for arc, data in contents)
    record += f"{dist_info}/RECORD,,\n"
    contents.append((f"{dist_info}/RECORD", record.encode("utf-8")))
    os.makedirs(wheel_directory, exist_ok=True)
    with zipfile.ZipFile(os.path.join(wheel_directory, name), "w", zipfile.ZIP_DEFLATED) as whl:
        for arc, data in contents:
            info = zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
    return name


# ---- PEP 517 hooks ----------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings: _Settings = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: _Settings = None) -> List[str]:
    return []


def get_requires_for_build_editable(config_settings: _Settings = None) -> List[str]:
    return []


def build_wheel(wheel_directory: str, config_settings: _Settings = None,
                metadata_directory: Optional[str] = None) -> str:
    version, metadata = _metadata()
    contents = [(arc, _file_contents(arc, path, version)) for arc, path in _package_files()]
    return _write_wheel(wheel_directory, version, metadata, contents)


def build_editable(wheel_directory: str, config_settings: _Settings = None,
                   metadata_directory: Optional[str] = None) -> str:
    """PEP 660: `pip install -e ./bindings/python` puts this directory on sys.path."""
    version, metadata = _metadata()
    return _write_wheel(wheel_directory, version, metadata,
                        [(f"_{_PACKAGE}_editable.pth", (_HERE + "\n").encode())])


def build_sdist(sdist_directory: str, config_settings: _Settings = None) -> str:
    version, metadata = _metadata()
    base = f"{_PACKAGE}-{version}"
    files = [("pyproject.toml", os.path.join(_HERE, "pyproject.toml")),
             ("_sqp_build_backend.py", os.path.join(_HERE, "_sqp_build_backend.py"))]
    files += _package_files()
    os.makedirs(sdist_directory, exist_ok=True)
    name = f"{base}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for arc, path in files:
            if arc == _VERSION_FILE:  # the file's own metadata, the version written in
                member = tar.gettarinfo(path, arcname=f"{base}/{arc}")
                data = _file_contents(arc, path, version)
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
                continue
            tar.add(path, arcname=f"{base}/{arc}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = metadata.encode("utf-8")
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
        tar.addfile(info, io.BytesIO(data))
    return name
