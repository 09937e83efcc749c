"""The binding's version: the version of CMake's project() in the top-level CMakeLists.txt, the one
place sqp's version is written (docs/abi.md, "One version").

This is the file of the source tree, which reads that line when the package is imported from a
checkout (PYTHONPATH=bindings/python, `pip install -e`). A wheel or sdist carries this file
rewritten by the build backend (_sqp_build_backend.py) as the version itself, read from the same
line when it was built.
"""
import os
import re

# bindings/python/sqp/_version.py -> the root of the source tree.
_CMAKE_LISTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir,
                            os.pardir, "CMakeLists.txt")


def _project_version(path: str) -> str:
    """MAJOR.MINOR.PATCH of `project(sqp VERSION ...)` in the CMakeLists.txt at `path`."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise ImportError(f"sqp: no version: this copy of the package was not built by its build "
                          f"backend and is not in sqp's source tree ({e})") from None
    # CMake's command names are case-insensitive.
    match = re.search(r"^\s*project\s*\(\s*sqp\s+VERSION\s+(\d+\.\d+\.\d+)[\s)]", text,
                      re.M | re.I)
    if not match:
        raise ImportError(f"sqp: no version: {path} has no line project(sqp VERSION X.Y.Z ...)")
    return match.group(1)


__version__ = _project_version(_CMAKE_LISTS)
