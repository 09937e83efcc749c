"""Packaging of the Python binding (issue 9): the import-time version check, the standard-library
build backend (wheel, sdist, metadata), and one version (issue 17): CMake's project() version is
the only one written, and what is generated from it (sqp_version.h, the library, the binding in
the source tree and built, the Debian changelog) agrees with it.

Environment: SQP_LIBRARY (the built libsqp.so.1), SQP_SOURCE_DIR, SQP_BINARY_DIR (the build
tree), SQP_PROJECT_VERSION (CMake's PROJECT_VERSION).
"""
import base64
import csv
import ctypes
import hashlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest
import zipfile

SOURCE = os.environ["SQP_SOURCE_DIR"]
BUILD = os.environ["SQP_BINARY_DIR"]
BINDING = os.path.join(SOURCE, "bindings", "python")
PROJECT_VERSION = os.environ["SQP_PROJECT_VERSION"]


def load_module(name: str, path: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_backend(directory: str = BINDING):
    return load_module("_sqp_build_backend", os.path.join(directory, "_sqp_build_backend.py"))


def source_version() -> str:
    """The binding's __version__ as the source tree's sqp/_version.py finds it."""
    return load_module("_sqp_version", os.path.join(BINDING, "sqp", "_version.py")).__version__


def import_sqp(path: str,
               code: str = "import sqp; print(sqp.version())") -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter with `path` (a directory holding the sqp package) first."""
    env = dict(os.environ, PYTHONPATH=path, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=path)


class VersionCheckAtImport(unittest.TestCase):
    """A copy of the package built with another version (sqp/_version.py as the build backend
    writes it), imported against the built library."""

    def import_with_version(self, version: str) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(BINDING, "sqp"), os.path.join(tmp, "sqp"))
            with open(os.path.join(tmp, "sqp", "_version.py"), "w", encoding="utf-8") as f:
                f.write(load_backend()._VERSION_MODULE.format(version=version))
            return import_sqp(tmp)

    def test_source_tree_has_cmake_version(self):
        done = import_sqp(BINDING, "import sqp; print(sqp.__version__, sqp.version())")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.split(), [PROJECT_VERSION, PROJECT_VERSION])

    def test_same_version_imports(self):
        done = self.import_with_version(PROJECT_VERSION)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.strip(), PROJECT_VERSION)

    def test_same_major_minor_other_patch_imports(self):
        major, minor, _ = PROJECT_VERSION.split(".")
        done = self.import_with_version(f"{major}.{minor}.99")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.strip(), PROJECT_VERSION)

    def test_other_minor_is_an_import_error(self):
        major, minor, _ = PROJECT_VERSION.split(".")
        done = self.import_with_version(f"{major}.{int(minor) + 1}.0")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("ImportError", done.stderr)
        self.assertIn(f"is version {PROJECT_VERSION}", done.stderr)

    def test_other_major_is_an_import_error(self):
        major, minor, patch = PROJECT_VERSION.split(".")
        done = self.import_with_version(f"{int(major) + 1}.{minor}.{patch}")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("ImportError", done.stderr)

    def test_missing_library_is_an_import_error_naming_sqp_library(self):
        env = dict(os.environ, PYTHONPATH=BINDING, SQP_LIBRARY="/nonexistent/libsqp.so.1",
                   PKG_CONFIG_PATH="/nonexistent", PYTHONDONTWRITEBYTECODE="1")
        done = subprocess.run([sys.executable, "-c", "import sqp; print(sqp.library_path())"],
                              capture_output=True, text=True, env=env)
        # Either the loader finds an installed libsqp elsewhere, or the error says where it looked.
        if done.returncode != 0:
            self.assertIn("ImportError", done.stderr)
            self.assertIn("/nonexistent/libsqp.so.1", done.stderr)
            self.assertIn("SQP_LIBRARY", done.stderr)

    def test_copy_outside_the_source_tree_is_an_import_error(self):
        # Neither built nor in a checkout: no version to check the library against.
        with tempfile.TemporaryDirectory() as tmp:
            # sqp/_version.py reads the CMakeLists.txt three directories up, a checkout's root.
            root = os.path.join(tmp, "root")
            packages = os.path.join(root, "bindings", "python")
            shutil.copytree(os.path.join(BINDING, "sqp"), os.path.join(packages, "sqp"))
            done = import_sqp(packages)
            self.assertNotEqual(done.returncode, 0)
            self.assertIn("ImportError: sqp: no version", done.stderr)
            self.assertIn("not built by its build backend", done.stderr)
            with open(os.path.join(root, "CMakeLists.txt"), "w", encoding="utf-8") as f:
                f.write("project(other VERSION 9.9.9)\n")
            done = import_sqp(packages)
            self.assertNotEqual(done.returncode, 0)
            self.assertIn("has no line project(sqp VERSION", done.stderr)


class OneVersion(unittest.TestCase):
    """CMake's project() version is the only one written; what is made from it agrees."""

    # Where sqp's version may be written: project() in CMakeLists.txt (once), and the Debian
    # changelog, the history of releases whose entries name the version each describes.
    HISTORY = {"src/cmake/debian/changelog"}
    # Not sqp's sources: documents and ABI baselines (data, whose numbers are not sqp's version),
    # images, the fuzz corpus.
    NOT_SOURCES = (".json", ".jsonl", ".png", ".abi", ".keep")
    NOT_SOURCE_DIRS = {"tests/data", "tests/hardening/fuzz/corpus"}

    def source_files(self):
        """Every file of the source tree, build trees and caches aside."""
        for directory, dirs, names in os.walk(SOURCE):
            rel = os.path.relpath(directory, SOURCE).replace(os.sep, "/")
            keep = []
            for d in sorted(dirs):
                path = d if rel == "." else f"{rel}/{d}"
                # .gitignore's /build*/, any other build tree (it has a CMakeCache.txt).
                if (d in (".git", "__pycache__") or (rel == "." and d.startswith("build"))
                        or path in self.NOT_SOURCE_DIRS
                        or os.path.exists(os.path.join(directory, d, "CMakeCache.txt"))):
                    continue
                keep.append(d)
            dirs[:] = keep
            for name in sorted(names):
                path = name if rel == "." else f"{rel}/{name}"
                if name.endswith(self.NOT_SOURCES) or name.endswith(".pyc"):
                    continue
                try:
                    with open(os.path.join(directory, name), encoding="utf-8") as f:
                        yield path, f.read()
                except UnicodeDecodeError:
                    continue

    def test_the_version_is_written_once(self):
        major, minor, patch = PROJECT_VERSION.split(".")
        current = re.compile(rf"(?<![0-9]){major}\.{minor}\.{patch}(?![0-9]|\.[0-9])|"
                             rf"\(\s*{major}\s*,\s*{minor}\s*,\s*{patch}\s*\)")
        # A version written by hand, whatever its value: what a second copy would look like.
        by_hand = re.compile(r"#\s*define\s+SQP_VERSION_(?:MAJOR|MINOR|PATCH)\s+[0-9]|"
                             r"#\s*define\s+SQP_VERSION_STRING\s+\"[0-9]|"
                             r"^\s*__version__\s*(?::[^=]*)?=\s*[\"'][0-9]|"
                             r"^\s*version\s*=\s*[\"'][0-9]|"
                             r"^Version:\s*[0-9]|"
                             r"project\s*\(\s*sqp\s+VERSION\s+[0-9]", re.M | re.I)
        found, files = {}, 0
        for path, text in self.source_files():
            files += 1
            if path in self.HISTORY:
                continue
            lines = text.splitlines()
            for pattern in (current, by_hand):
                for match in pattern.finditer(text):
                    line = text.count("\n", 0, match.start()) + 1
                    found[f"{path}:{line}"] = lines[line - 1].strip()
        self.assertGreater(files, 200)  # the walk found the sources
        with open(os.path.join(SOURCE, "CMakeLists.txt"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        home = [f"CMakeLists.txt:{n}" for n, line in enumerate(lines, 1)
                if re.match(rf"project\(sqp VERSION {re.escape(PROJECT_VERSION)} ", line)]
        self.assertEqual(len(home), 1, "CMakeLists.txt has one project(sqp VERSION ...) line")
        self.assertIn(home[0], found)  # the patterns find the one place
        copies = [f"{where}: {line}" for where, line in found.items() if where != home[0]]
        self.assertEqual(copies, [], "sqp's version is written in project() only (docs/abi.md, "
                                     "\"One version\"); everything else takes it from there")

    def test_generated_header_has_cmake_version(self):
        with open(os.path.join(BUILD, "capi", "include", "sqp_version.h"), encoding="utf-8") as f:
            header = f.read()
        macros = dict(re.findall(r"^#define (SQP_VERSION_\w+) (.+)$", header, re.M))
        major, minor, patch = PROJECT_VERSION.split(".")
        self.assertEqual(macros["SQP_VERSION_MAJOR"], major)
        self.assertEqual(macros["SQP_VERSION_MINOR"], minor)
        self.assertEqual(macros["SQP_VERSION_PATCH"], patch)
        self.assertEqual(macros["SQP_VERSION_STRING"], f'"{PROJECT_VERSION}"')
        self.assertEqual(macros["SQP_VERSION_NUMBER"], "(SQP_VERSION_MAJOR * 10000 + "
                         "SQP_VERSION_MINOR * 100 + SQP_VERSION_PATCH)")
        with open(os.path.join(SOURCE, "capi", "include", "sqp.h"), encoding="utf-8") as f:
            self.assertIn('#include "sqp_version.h"\n', f.read())

    def test_library_has_cmake_version(self):
        lib = ctypes.CDLL(os.environ["SQP_LIBRARY"])
        lib.sqp_version.restype = ctypes.c_char_p
        major, minor, patch = map(int, PROJECT_VERSION.split("."))
        self.assertEqual(lib.sqp_version().decode("ascii"), PROJECT_VERSION)
        self.assertEqual(lib.sqp_version_number(), major * 10000 + minor * 100 + patch)
        self.assertTrue(os.path.realpath(os.environ["SQP_LIBRARY"]).endswith(
            f"libsqp.so.{PROJECT_VERSION}"))

    def test_binding_in_the_source_tree_has_cmake_version(self):
        self.assertEqual(source_version(), PROJECT_VERSION)
        self.assertEqual(load_backend()._version(), PROJECT_VERSION)

    def test_debian_changelog_starts_with_cmake_version(self):
        with open(os.path.join(BUILD, "debian", "changelog"), encoding="utf-8") as f:
            self.assertTrue(f.readline().startswith(f"sqp ({PROJECT_VERSION}) "))


class BuildBackend(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.backend = load_backend()
        cls.tmp = tempfile.mkdtemp()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_no_build_requirements(self):
        self.assertEqual(self.backend.get_requires_for_build_wheel(), [])
        self.assertEqual(self.backend.get_requires_for_build_sdist(), [])
        with open(os.path.join(BINDING, "pyproject.toml"), encoding="utf-8") as f:
            text = f.read()
        self.assertRegex(text, r"(?m)^requires = \[\]$")

    def test_fallback_toml_reader_agrees_with_tomllib(self):
        with open(os.path.join(BINDING, "pyproject.toml"), encoding="utf-8") as f:
            text = f.read()
        simple = self.backend._read_simple_toml(text)
        try:
            import tomllib
        except ImportError:
            self.skipTest("tomllib needs Python 3.11")
        self.assertEqual(simple, tomllib.loads(text))

    def test_wheel_contents_metadata_and_record(self):
        name = self.backend.build_wheel(self.tmp)
        version = PROJECT_VERSION
        self.assertEqual(name, f"sqp-{version}-py3-none-any.whl")
        with zipfile.ZipFile(os.path.join(self.tmp, name)) as whl:
            names = set(whl.namelist())
            dist = f"sqp-{version}.dist-info"
            for required in ("sqp/__init__.py", "sqp/py.typed", f"{dist}/METADATA",
                             f"{dist}/WHEEL", f"{dist}/RECORD"):
                self.assertIn(required, names)
            self.assertFalse([n for n in names if "__pycache__" in n])
            metadata = whl.read(f"{dist}/METADATA").decode()
            self.assertIn("Name: sqp\n", metadata)
            self.assertIn(f"Version: {version}\n", metadata)
            self.assertIn("Classifier: Typing :: Typed\n", metadata)
            self.assertIn("Root-Is-Purelib: true", whl.read(f"{dist}/WHEEL").decode())
            # The version itself, since an installed package has no CMakeLists.txt to read.
            self.assertIn(f'\n__version__ = "{version}"\n', whl.read("sqp/_version.py").decode())
            rows = list(csv.reader(io.StringIO(whl.read(f"{dist}/RECORD").decode())))
            self.assertEqual({r[0] for r in rows}, names)
            for path, digest, size in rows:
                if path.endswith("RECORD"):
                    continue
                data = whl.read(path)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                self.assertEqual(digest, "sha256=" + expected.decode(), path)
                self.assertEqual(int(size), len(data), path)

    def test_editable_wheel_points_at_the_source(self):
        name = self.backend.build_editable(self.tmp)
        with zipfile.ZipFile(os.path.join(self.tmp, name)) as whl:
            pth = [n for n in whl.namelist() if n.endswith(".pth")]
            self.assertEqual(len(pth), 1)
            self.assertEqual(whl.read(pth[0]).decode().strip(), os.path.abspath(BINDING))

    def test_sdist_rebuilds_a_wheel(self):
        name = self.backend.build_sdist(self.tmp)
        self.assertEqual(name, f"sqp-{PROJECT_VERSION}.tar.gz")
        unpacked = os.path.join(self.tmp, "sdist")
        with tarfile.open(os.path.join(self.tmp, name)) as tar:
            members = set(tar.getnames())
            tar.extractall(unpacked)
        base = name[: -len(".tar.gz")]
        for required in ("pyproject.toml", "_sqp_build_backend.py", "PKG-INFO",
                         "sqp/__init__.py", "sqp/_version.py", "sqp/py.typed"):
            self.assertIn(f"{base}/{required}", members)
        # Away from the source tree, the sdist's backend takes the version its _version.py says.
        backend = load_backend(os.path.join(unpacked, base))
        wheels = os.path.join(self.tmp, "from-sdist")
        self.assertEqual(backend.build_wheel(wheels), f"sqp-{PROJECT_VERSION}-py3-none-any.whl")


if __name__ == "__main__":
    unittest.main()
