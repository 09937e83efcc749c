"""Packaging of the Python binding (issue 9): the import-time version check, the standard-library
build backend (wheel, sdist, metadata) and one version across CMake, sqp.h and the binding.

Environment: SQP_LIBRARY (the built libsqp.so.1), SQP_SOURCE_DIR, SQP_BINARY_DIR (the build
tree), SQP_PROJECT_VERSION (CMake's PROJECT_VERSION).
"""
import base64
import csv
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


def load_backend():
    spec = importlib.util.spec_from_file_location("_sqp_build_backend",
                                                  os.path.join(BINDING, "_sqp_build_backend.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def binding_version() -> str:
    with open(os.path.join(BINDING, "sqp", "__init__.py"), encoding="utf-8") as f:
        return re.search(r'^__version__ = "([^"]+)"', f.read(), re.M).group(1)


class VersionCheckAtImport(unittest.TestCase):
    """A copy of the package with another __version__, imported against the built library."""

    def import_with_version(self, version: str) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(BINDING, "sqp"), os.path.join(tmp, "sqp"))
            path = os.path.join(tmp, "sqp", "__init__.py")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text, n = re.subn(r'^__version__ = "[^"]+"', f'__version__ = "{version}"', text,
                              flags=re.M)
            self.assertEqual(n, 1)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            env = dict(os.environ, PYTHONPATH=tmp, PYTHONDONTWRITEBYTECODE="1")
            return subprocess.run([sys.executable, "-c", "import sqp; print(sqp.version())"],
                                  capture_output=True, text=True, env=env, cwd=tmp)

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


class OneVersion(unittest.TestCase):
    def test_binding_header_and_cmake_agree(self):
        # sqp.h's version macros, generated from CMake's version into the build tree.
        with open(os.path.join(BUILD, "capi", "include", "sqp_version.h"), encoding="utf-8") as f:
            header = re.search(r'#define SQP_VERSION_STRING "([^"]+)"', f.read()).group(1)
        self.assertEqual(binding_version(), PROJECT_VERSION)
        self.assertEqual(header, PROJECT_VERSION)


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
        version = binding_version()
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
        with tarfile.open(os.path.join(self.tmp, name)) as tar:
            members = set(tar.getnames())
        base = name[: -len(".tar.gz")]
        for required in ("pyproject.toml", "_sqp_build_backend.py", "PKG-INFO",
                         "sqp/__init__.py", "sqp/py.typed"):
            self.assertIn(f"{base}/{required}", members)


if __name__ == "__main__":
    unittest.main()
