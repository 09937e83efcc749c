"""The Python binding as a user installs it: a fresh virtual environment, `pip install
./bindings/python` with no network (--no-index), and libsqp.so.1 found in an installed prefix
through pkg-config (no SQP_LIBRARY, no PYTHONPATH, no source tree on sys.path). Then
docs/examples/python/site_audit.py runs in that environment and its Markdown report is checked
against the installed CLI's result for the same assessment.

usage: pip_venv_consumer.py PREFIX LIBDIR VERSION SOURCE_DIR WORK_DIR
"""
import json
import os
import shutil
import subprocess
import sys


def fail(message: str) -> None:
    print(f"pip venv consumer: {message}", file=sys.stderr)
    sys.exit(1)


def run(command, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        fail(f"{' '.join(map(str, command))} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done


def main() -> None:
    prefix, libdir, version, source, work = sys.argv[1:6]
    venv = os.path.join(work, "venv")
    shutil.rmtree(venv, ignore_errors=True)
    os.makedirs(work, exist_ok=True)

    # Only what a user's shell would have: no SQP_LIBRARY, no PYTHONPATH; sqp.pc on the path.
    env = {k: v for k, v in os.environ.items()
           if k not in ("SQP_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH", "PIP_INDEX_URL",
                        "PIP_FIND_LINKS", "PYTHONHOME")}
    env["PKG_CONFIG_PATH"] = os.path.join(prefix, libdir, "pkgconfig")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_NO_INPUT"] = "1"

    try:
        run([sys.executable, "-m", "venv", venv], env=env)
    except SystemExit:
        fail("python3 -m venv failed; on Debian install python3-venv (.ci/install-deps.sh does)")
    python = os.path.join(venv, "bin", "python")
    # --no-index: nothing may come from the network; the build backend needs nothing.
    run([python, "-m", "pip", "install", "--no-index", "--no-cache-dir", "-q",
         os.path.join(source, "bindings", "python")], env=env, cwd=work)

    probe = run([python, "-c", "import json, os, sqp; print(json.dumps({"
                 "'file': sqp.__file__, 'version': sqp.__version__, 'lib': sqp.version(), "
                 "'path': sqp.library_path(), "
                 "'typed': os.path.exists(os.path.join(os.path.dirname(sqp.__file__), 'py.typed'))}))"],
                env=env, cwd=work)
    info = json.loads(probe.stdout)
    site_packages = os.path.realpath(venv)
    if not os.path.realpath(info["file"]).startswith(site_packages + os.sep):
        fail(f"sqp was imported from {info['file']}, not from the venv {venv}")
    if not info["typed"]:
        fail("the installed package has no py.typed marker")
    if info["version"] != version or info["lib"] != version:
        fail(f"binding {info['version']}, library {info['lib']}; expected {version}")
    expected_lib = os.path.realpath(os.path.join(prefix, libdir, "libsqp.so.1"))
    if os.path.realpath(info["path"]) != expected_lib:
        fail(f"libsqp was loaded from {info['path']}, expected {expected_lib} (via pkg-config)")
    print(f"pip venv consumer: sqp {info['version']} from {info['file']}, libsqp from {info['path']}")

    # An operation and the context-manager engine.
    run([python, "-c", "import sqp\n"
         "with sqp.Engine() as e:\n"
         "    r = e.eligibility(open(" + repr(os.path.join(source, "docs", "examples",
                                                         "application-ineligible.json")) +
         ", encoding='utf-8').read())\n"
         "    assert r['decision'] == 'ineligible', r['decision']\n"
         "    try:\n"
         "        e.eligibility({'schema': 'sqp.application/1'})\n"
         "        raise SystemExit('no SqpError')\n"
         "    except sqp.SqpError as err:\n"
         "        assert err.code == 'invalid_input' and err.path, (err.code, err.path)\n"],
        env=env, cwd=work)

    # docs/examples/python/site_audit.py in the venv.
    assessment = os.path.join(source, "docs", "examples", "assessment.json")
    report_path = os.path.join(work, "audit.md")
    run([python, os.path.join(source, "docs", "examples", "python", "site_audit.py"), assessment,
         "-o", report_path], env=env, cwd=work)
    with open(report_path, encoding="utf-8") as f:
        report = f.read()
    cli = run([os.path.join(prefix, "bin", "sqp"), "assess", assessment], env=env)
    result = json.loads(cli.stdout)
    needles = [result["application_id"], result["rulebook"]["sha256"],
               f"**{result['score']['total']}** of {result['score']['max_total']}",
               result["summary"]["outcome"]]
    needles += [f"`{finding['rule']}`" for finding in result["eligibility"]["findings"]]
    needles += [finding["message_zh"] for finding in result["eligibility"]["findings"]]
    missing = [n for n in needles if str(n) not in report]
    if missing:
        fail(f"the Markdown report lacks {missing}")
    if report.count("\n| `ELIG.") != len(result["eligibility"]["findings"]):
        fail("the report's eligibility table does not have one row per finding")
    print(f"pip venv consumer: site_audit.py wrote {len(report)} characters; all checks passed")


if __name__ == "__main__":
    main()
