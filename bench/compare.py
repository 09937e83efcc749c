#!/usr/bin/env python3
"""Issue 7's and issue 20's targets, measured side by side in one run; prints medians and ratios.

    python3 bench/compare.py [--build build] [--peers ../shared/peers] [--n 100000]
                             [--skip-peers] [--memory-docs 1000000]

Steps (each printed as it goes):
  1. the peer benchmark (a copy of --peers in a temp dir: the shared one may be read-only) with
     SQP_CLI and SQP_THREADS=2, so sqp's --batch runs beside ZEN, json-logic-engine and
     json-logic-js on the same documents, checked against the oracle (agree=yes); then each
     answer mode (--messages en, zh, none) with one and two threads on the same documents, and
     each mode's I/O limit: reading the input and writing that mode's output bytes, no rules;
  2. the Google Benchmark suites (eligibility, JSON limit on the same documents, engine and
     typed C functions, meeting), 5 repetitions, medians;
  3. Python: the ctypes batch call over the same documents vs the CLI, and per-call overhead;
  4. memory: peak RSS of `sqp eligibility --batch` over --memory-docs documents streamed on stdin.
Then the six targets with the measured ratios. `--quick` measures target 2 alone in seconds. Nothing here is a pass/fail test: the
machine is shared and noisy, so read the ratios, and rerun when in doubt.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sh(cmd, **kw):
    print("$ " + (cmd if isinstance(cmd, str) else " ".join(cmd)), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


def peers(args, cli):
    work = tempfile.mkdtemp(prefix="sqp-peers-")
    dst = os.path.join(work, "peers")
    shutil.copytree(args.peers, dst, ignore=shutil.ignore_patterns("data", "node_modules"))
    os.chmod(dst, 0o755)
    for dirpath, dirnames, filenames in os.walk(dst):
        for d in dirnames:
            os.chmod(os.path.join(dirpath, d), 0o755)
        for f in filenames:
            os.chmod(os.path.join(dirpath, f), 0o644 if not f.endswith(".sh") else 0o755)
    cached = os.path.join(args.peers, "node_modules")
    if os.path.isdir(cached):
        shutil.copytree(cached, os.path.join(dst, "node_modules"))
    else:
        try:
            sh(["npm", "ci", "--no-audit", "--no-fund"], cwd=dst)
        except subprocess.CalledProcessError:
            # npm 11 refuses the lock file's optional platform packages; same pinned versions.
            sh(["npm", "install", "--no-audit", "--no-fund"], cwd=dst)
    env = dict(os.environ, SQP_CLI=cli, SQP_THREADS="2")
    out = sh(["bash", "run.sh", str(args.n)], cwd=dst, env=env).stdout
    print(out, flush=True)
    rows = {}

    def read_rows(text):
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 5 and not line.startswith("#"):
                rows[parts[0]] = {"per_s": float(parts[3]), "agree": parts[4],
                                  "seconds": float(parts[2])}

    read_rows(out)
    apps = os.path.join(dst, "data", f"apps-{args.n}.jsonl")
    ref = os.path.join(dst, "data", f"ref-{args.n}.jsonl")
    # The answer modes (issue 20) on the same documents, checked against the same oracle, one
    # and two threads; after each, the I/O limit of that mode: the time to read the input and
    # write as many bytes as sqp wrote, with no rules (sqp_run.py leaves its output beside the
    # input).
    ceilings = {"both": io_limit(apps)}
    for mode in MODES[1:]:
        for threads in ([], ["--threads", "2"]):
            line = sh([sys.executable, "sqp_run.py", cli, apps, ref, "--messages", mode, *threads],
                      cwd=dst).stdout
            print(line, end="", flush=True)
            read_rows(line)
        ceilings[mode] = io_limit(apps)
    return rows, apps, ceilings


# The answer modes of --messages, the default first.
MODES = ("both", "en", "zh", "none")


def mode_row(mode, threads):
    """The peers' table's name for sqp_run.py's line of `mode` (its extra arguments joined)."""
    name = "sqp-batch" if mode == "both" else f"sqp-batch-messages{mode}"
    return name + ("-threads2" if threads == 2 else "")


def io_limit(apps):
    """Seconds to read `apps` and write the bytes of sqp's last --batch output for it, in 128 KiB
    read(2)s and write(2)s as the CLI makes them, best of 3, and the output's size: what any
    program that reads those documents and writes those answers costs the kernel, with no
    parsing and no rules. The bound on the CLI's rate in that mode."""
    out = apps.replace(".jsonl", ".sqp-out.jsonl")
    if not os.path.exists(out):
        return None, 0
    with open(out, "rb") as f:
        data = f.read()
    target = out + ".ceiling"
    block = 128 << 10
    best = None
    for _ in range(3):
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        view = memoryview(data)
        t = time.perf_counter()
        with open(apps, "rb", buffering=0) as src:
            while src.read(block):
                pass
        for i in range(0, len(data), block):
            os.write(fd, view[i:i + block])
        t = time.perf_counter() - t
        os.close(fd)
        best = t if best is None else min(best, t)
    os.unlink(target)
    return best, len(data)


def gbench(binary, env=None, filt=None, repetitions=5, min_time=0.3):
    cmd = [binary, "--benchmark_format=json", f"--benchmark_repetitions={repetitions}",
           "--benchmark_report_aggregates_only=true", f"--benchmark_min_time={min_time}"]
    if filt:
        cmd.append("--benchmark_filter=" + filt)
    data = json.loads(sh(cmd, env=dict(os.environ, **(env or {}))).stdout)
    medians = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") == "median":
            name = b["run_name"]
            medians[name] = {"items_per_second": b.get("items_per_second"),
                             "cpu_ns": b["cpu_time"] * {"ns": 1, "us": 1e3, "ms": 1e6}[b["time_unit"]]}
    return medians


def python_batch(args, apps, lib):
    code = r"""
import sys, time, sqp
data = open(sys.argv[1], 'rb').read()
e = sqp.Engine()
best = None
for _ in range(3):
    t = time.perf_counter(); out = e.batch_raw('eligibility', data); t = time.perf_counter() - t
    best = t if best is None else min(best, t)
n = data.count(b'\n')
one = data[:data.index(b'\n')]
reps = 20000
t = time.perf_counter()
for _ in range(reps): e.run_raw('eligibility', one)
single = (time.perf_counter() - t) / reps
t = time.perf_counter()
for _ in range(reps): e.run_raw('rulebook', b'{}')
trivial = (time.perf_counter() - t) / reps
print(n / best, single * 1e6, trivial * 1e6)
"""
    env = dict(os.environ, SQP_LIBRARY=lib, PYTHONPATH=os.path.join(ROOT, "bindings", "python"))
    per_s, single_us, trivial_us = map(float, sh([sys.executable, "-c", code, apps], env=env).stdout.split())
    return per_s, single_us, trivial_us


def quick(args):
    """Target 2 only, in a few seconds (before each submission): the same benchmark binary
    measures sqp's JSON path and the Boost.JSON parse+serialise limit on the same documents."""
    limit = gbench(os.path.join(args.build, "bench", "sqp_json_limit_bench"), repetitions=3,
                   min_time=0.2)
    lim = limit["BM_LimitParseAndSerialize"]["items_per_second"]
    path = limit["BM_SqpEligibilityJsonPath"]["items_per_second"]
    print(f"2. JSON path vs Boost.JSON parse+serialise limit: {path:.0f}/s vs {lim:.0f}/s = "
          f"{100 * path / lim:.0f}% (target >= 70%)")


def memory(args, cli, apps):
    # Stream the documents again and again into one --batch run. Peak RSS comes from GNU time:
    # os.wait4's ru_maxrss would also count the forked child before exec, i.e. a copy of this
    # Python process and the data it holds.
    with open(apps, "rb") as f:
        data = f.read()
    lines = data.count(b"\n")
    repeats = max(1, args.memory_docs // lines)
    proc = subprocess.Popen(["/usr/bin/time", "-f", "maxrss_kb=%M", cli, "eligibility", "--batch", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t = time.perf_counter()
    for _ in range(repeats):
        proc.stdin.write(data)
    proc.stdin.close()
    err = proc.stderr.read().decode()
    proc.wait()
    kb = int(re.search(r"maxrss_kb=(\d+)", err).group(1))
    return repeats * lines, kb / 1024.0, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--peers", default=None,
                    help="the peers' checkout (run.sh, gen.py); default: ../shared/peers next to "
                         "the repository, if it is there")
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--memory-docs", type=int, default=1000000)
    ap.add_argument("--quick", action="store_true", help="target 2 only, in seconds")
    args = ap.parse_args()
    if args.quick:
        return quick(args)
    cli = os.path.join(args.build, "src", "cli", "sqp")
    lib = os.path.join(args.build, "capi", "libsqp.so.1")
    bench = os.path.join(args.build, "bench")

    rows, apps, ceilings = ({}, os.path.join(ROOT, "tests", "data", "peers_generated.jsonl"), {})
    if not args.skip_peers and args.peers is None:
        args.peers = os.path.join(ROOT, "..", "shared", "peers")
        if not os.path.isfile(os.path.join(args.peers, "run.sh")):
            ap.error(f"no peer benchmark at {os.path.normpath(args.peers)} (the default): pass "
                     "--peers DIR (the peers' checkout, with run.sh and gen.py), or --skip-peers "
                     "to measure sqp alone, or --quick for target 2 in seconds")
    if not args.skip_peers:
        rows, apps, ceilings = peers(args, cli)
    elig = gbench(os.path.join(bench, "sqp_eligibility_bench"))
    limit = gbench(os.path.join(bench, "sqp_json_limit_bench"), env={"SQP_BENCH_APPS": apps})
    eng = gbench(os.path.join(bench, "sqp_engine_bench"))
    meet = gbench(os.path.join(bench, "sqp_meeting_bench"), filt="BM_CheckVoteCAbi")
    py_per_s, py_single_us, py_trivial_us = python_batch(args, apps, lib)
    mem_docs, mem_mib, mem_s = memory(args, cli, apps)

    def ips(d, name):
        # Calls per second: the counter when the benchmark sets one, else from its CPU time.
        return d[name]["items_per_second"] or 1e9 / d[name]["cpu_ns"]

    peer_names = [k for k in rows if not k.startswith("sqp") and k != "json-parse-only"]
    best_peer = max(peer_names, key=lambda k: rows[k]["per_s"]) if peer_names else None
    sqp1 = rows.get("sqp-batch", {}).get("per_s")
    sqp2 = rows.get("sqp-batch-threads2", {}).get("per_s")
    print("\n# issue 7 targets (medians; ratios from this one run)")
    print(f"machine: {os.cpu_count()} CPUs; documents: {apps}")
    if best_peer and sqp1:
        print(f"1. CLI --batch vs fastest peer ({best_peer} {rows[best_peer]['per_s']:.0f}/s): "
              f"sqp {sqp1:.0f}/s = {sqp1 / rows[best_peer]['per_s']:.2f}x (target >= 3x), "
              f"{rows['sqp-batch']['agree']}")
        # Issue 20: every answer mode, one and two threads, against the peer and against the
        # I/O limit of its own output.
        peer = rows[best_peer]["per_s"]
        print(f"   answer modes (issue 20; targets: both >= 3x, none >= 10x the peer and >= 50% "
              f"of its I/O limit):")
        print(f"   {'mode':5} {'out MB':>7} {'1 thread/s':>11} {'x peer':>7} {'2 threads/s':>12} "
              f"{'x peer':>7} {'I/O limit/s':>12} {'best/limit':>11}  agree")
        for mode in MODES:
            one = rows.get(mode_row(mode, 1))
            two = rows.get(mode_row(mode, 2))
            if not one:
                continue
            limit_s, out_bytes = ceilings.get(mode, (None, 0))
            io_rate = args.n / limit_s if limit_s else None
            best = max(one["per_s"], two["per_s"] if two else 0)
            print(f"   {mode:5} {out_bytes / 1e6:7.0f} {one['per_s']:11.0f} {one['per_s'] / peer:7.2f} "
                  + (f"{two['per_s']:12.0f} {two['per_s'] / peer:7.2f} " if two else f"{'-':>12} {'-':>7} ")
                  + (f"{io_rate:12.0f} {100 * best / io_rate:10.0f}%" if io_rate else f"{'-':>12} {'-':>11}")
                  + f"  {one['agree']}" + (f" {two['agree']}" if two else ""))
    lim, path = ips(limit, "BM_LimitParseAndSerialize"), ips(limit, "BM_SqpEligibilityJsonPath")
    print(f"2. JSON path vs Boost.JSON parse+serialise limit: {path:.0f}/s vs {lim:.0f}/s = "
          f"{100 * path / lim:.0f}% (target >= 70%)")
    typed = ips(elig, "BM_EligibilityTypedPeerMix")
    vote = ips(meet, "BM_CheckVoteCAbi")
    cert = ips(eng, "BM_CertificateComputeCAbi")
    status = ips(eng, "BM_CertificateStatusOnCAbi")
    print(f"3. typed eligibility {typed / 1e6:.2f} M/s (target >= 5 M/s); sqp_check_vote "
          f"{vote / 1e6:.1f} M/s, sqp_certificate_status_on {status / 1e6:.1f} M/s, "
          f"sqp_certificate_compute {cert / 1e6:.1f} M/s (target >= 50 M/s)")
    print(f"   per peer document: fast decode {elig['BM_EligibilityFastDecodePeerMix']['cpu_ns']:.0f} ns, "
          f"encode {elig['BM_EligibilityEncodePeerMix']['cpu_ns']:.0f} ns, "
          f"whole JSON door {elig['BM_EligibilityJsonEngine']['cpu_ns']:.0f} ns")
    if sqp1 and sqp2:
        print(f"4. --threads 2 vs 1: {sqp2:.0f}/s vs {sqp1:.0f}/s = {sqp2 / sqp1:.2f}x (target >= 1.8x)")
    if sqp1:
        print(f"5. Python batch {py_per_s:.0f}/s vs CLI {sqp1:.0f}/s = {100 * py_per_s / sqp1:.0f}% "
              f"(target >= 80%); single eligibility call {py_single_us:.1f} us, "
              f"trivial call {py_trivial_us:.1f} us (ctypes overhead)")
    create = eng["BM_EngineCreateDefault"]["cpu_ns"] / 1e3
    print(f"6. --batch over {mem_docs} documents: peak RSS {mem_mib:.1f} MiB (target < 32 MiB), "
          f"{mem_s:.1f} s; engine from the default rulebook {create:.0f} us (target < 1000 us)")


if __name__ == "__main__":
    main()
