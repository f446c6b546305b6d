#!/usr/bin/env python3
"""e2e.py - pocsim end to end: whole-process time and peak memory of
`pocsim epoch` on the bundled mainnet case and on synthetic cases, beside a
bare json_load_file() of the same file (bench/json-load), with the targets
of issue 15 printed beside the figures.  `make bench` runs it after
bench/pocsim-bench; docs/performance.md records its figures.

    e2e.py --pocsim PATH --bench PATH --json-load PATH --run PATH --case FILE
           [--hosts N]... [--models M] [--runs N] [--timer auto|hyperfine|internal]

For each synthetic size (default 1000, 10000 and 100000 hosts, 5 models),
`pocsim-bench --write-case` writes the case into a temporary directory
(removed at the end).  Each command runs several times after one warm-up
run; the median wall time is reported.  The timer is hyperfine (-N: no
shell) when it is installed, else bench/e2e-run (fork, exec and wait4 in
a small C process: the same measurement without hyperfine's statistics).
Peak memory is the child's ru_maxrss as bench/e2e-run reports it (a small
launcher, so that little of its own size is carried into the child's
maximum at exec).  The commands' own output is discarded.

The figures are measurements, not a test: missing a target is reported
("MISS"), not an error.  Exit status 0, 1 if a command fails, 2 on a usage
error.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DEFAULT_HOSTS = [1000, 10000, 100000]

# The targets of issue 15.
STARTUP_MS = 1.5         # pocsim rules, pocsim --version
BUNDLED_JSON_MS = 2.5    # pocsim epoch data/mainnet-e266.case.json --format json
LARGE_HOSTS = 10000      # from this size on: time and memory relative to the file
LARGE_X_PARSE = 1.3      # whole-process time <= 1.3 x the bare parse
PEAK_X_FILE = 3.0        # peak memory <= 3 x the file size


def runs_for(hosts, requested):
    """Runs per command: more for fast ones, so that the median is stable."""
    if requested:
        return requested
    if hosts is None or hosts <= 1000:
        return 30
    if hosts <= 10000:
        return 10
    return 5


class Runner:
    """bench/e2e-run: median wall time and peak RSS of whole-process runs."""

    def __init__(self, path):
        self.path = os.path.abspath(path)

    def run(self, argv, runs):
        out = subprocess.run([self.path, str(runs)] + argv, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip() or f"{shlex.join(argv)} failed")
        median, _fastest, peak_kib = out.stdout.split()
        return float(median), int(peak_kib) / 1024.0


class InternalTimer:
    name = "bench/e2e-run (fork, exec, wait4)"

    def __init__(self, runner):
        self.runner = runner

    def median_ms(self, argv, runs):
        return self.runner.run(argv, runs)[0]


class HyperfineTimer:
    def __init__(self, path):
        self.path = path
        out = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
        self.name = out.stdout.strip() + " -N"

    def median_ms(self, argv, runs):
        with tempfile.NamedTemporaryFile(suffix=".json") as export:
            # hyperfine's warnings (outliers on a busy machine) go to stderr: shown only on failure.
            out = subprocess.run([self.path, "-N", "--style", "none", "--warmup", "1", "--runs", str(runs),
                                  "--export-json", export.name, "--", shlex.join(argv)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if out.returncode != 0:
                raise RuntimeError(f"hyperfine {shlex.join(argv)}: {out.stderr.strip()}")
            with open(export.name) as f:
                return json.load(f)["results"][0]["median"] * 1000


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{cpu}, {os.cpu_count()} logical CPUs, load average {load:.2f} at start"


def verdict(ok):
    return "ok" if ok else "MISS"


def participants(pocsim, path):
    out = subprocess.run([pocsim, "epoch", path, "--format", "json"], capture_output=True, check=True)
    return len(json.loads(out.stdout)["participants"])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pocsim", required=True)
    p.add_argument("--bench", required=True, help="bench/pocsim-bench (writes the synthetic cases)")
    p.add_argument("--json-load", required=True, help="bench/json-load (the bare parse)")
    p.add_argument("--run", required=True, help="bench/e2e-run (times a command, reports its peak RSS)")
    p.add_argument("--case", required=True, help="the bundled case, data/mainnet-e266.case.json")
    p.add_argument("--hosts", type=int, action="append", help="synthetic size (repeatable)")
    p.add_argument("--models", type=int, default=5)
    p.add_argument("--runs", type=int, help="runs per command (default: 30, 10 or 5 by size)")
    p.add_argument("--timer", choices=["auto", "hyperfine", "internal"], default="auto")
    a = p.parse_args()
    if a.runs is not None and a.runs < 1:
        p.error("--runs must be >= 1")
    pocsim = os.path.abspath(a.pocsim)
    json_load = os.path.abspath(a.json_load)
    hyperfine = shutil.which("hyperfine")
    if a.timer == "hyperfine" and hyperfine is None:
        p.error("--timer hyperfine: hyperfine is not installed")
    runner = Runner(a.run)
    timer = HyperfineTimer(hyperfine) if hyperfine and a.timer != "internal" else InternalTimer(runner)

    def peak_mib(argv):
        return runner.run(argv, 1)[1]

    print(f"pocsim end to end: whole-process wall time, median of RUNS runs after a warm-up (timer: {timer.name});")
    print("peak memory = the child's peak RSS (wait4, from bench/e2e-run)")
    print(f"machine: {machine()}")
    print()
    print(f"{'command':<34} {'median ms':>10} {'target':>12}")
    for argv in ([pocsim, "--version"], [pocsim, "rules"]):
        ms = timer.median_ms(argv, runs_for(None, a.runs))
        label = "pocsim " + " ".join(argv[1:])
        print(f"{label:<34} {ms:>10.2f} {'<= %.1f ms' % STARTUP_MS:>12}  {verdict(ms <= STARTUP_MS)}")
    print()

    tmp = tempfile.mkdtemp(prefix="pocsim-e2e-")
    try:
        cases = [("mainnet-e266", os.path.abspath(a.case), None)]
        for n in a.hosts or DEFAULT_HOSTS:
            path = os.path.join(tmp, f"synth-{n}.case.json")
            subprocess.run([a.bench, "--write-case", path, "--hosts", str(n), "--models", str(a.models)], check=True)
            cases.append((f"synth {n} x {a.models}", path, n))

        print(f"{'case':<16} {'partic.':>8} {'file MB':>8} {'runs':>5} {'parse ms':>9} {'json ms':>9} {'x parse':>8}"
              f" {'csv ms':>9} {'x parse':>8} {'peak MiB':>9} {'x file':>7} {'parse MiB':>9}")
        checks = []
        for name, path, hosts in cases:
            size_mb = os.path.getsize(path) / 1e6
            runs = runs_for(hosts, a.runs)
            parse_argv = [json_load, path]
            json_argv = [pocsim, "epoch", path, "--format", "json"]
            csv_argv = [pocsim, "epoch", path, "--format", "csv"]
            parse_ms = timer.median_ms(parse_argv, runs)
            json_ms = timer.median_ms(json_argv, runs)
            csv_ms = timer.median_ms(csv_argv, runs)
            peak = max(peak_mib(json_argv), peak_mib(csv_argv))
            parse_peak = peak_mib(parse_argv)
            x_file = peak / (os.path.getsize(path) / 2**20)
            print(f"{name:<16} {participants(pocsim, path):>8} {size_mb:>8.2f} {runs:>5} {parse_ms:>9.2f} {json_ms:>9.2f}"
                  f" {json_ms / parse_ms:>8.2f} {csv_ms:>9.2f} {csv_ms / parse_ms:>8.2f} {peak:>9.1f} {x_file:>7.2f}"
                  f" {parse_peak:>9.1f}", flush=True)
            if hosts is None:
                checks.append((f"{name}: epoch --format json <= {BUNDLED_JSON_MS} ms", f"{json_ms:.2f} ms",
                               json_ms <= BUNDLED_JSON_MS))
            elif hosts >= LARGE_HOSTS:
                for fmt, ms in (("json", json_ms), ("csv", csv_ms)):
                    checks.append((f"{name}: epoch --format {fmt} <= {LARGE_X_PARSE} x the bare parse",
                                   f"{ms / parse_ms:.2f} x", ms <= LARGE_X_PARSE * parse_ms))
                checks.append((f"{name}: peak memory <= {PEAK_X_FILE:g} x the file", f"{x_file:.2f} x",
                               x_file <= PEAK_X_FILE))
        print()
        print("targets (issue 15):")
        for what, figure, ok in checks:
            print(f"  {what:<62} {figure:>10}  {verdict(ok)}")
        print()
        print("parse = bench/json-load FILE, a process that only json_load_file()s the file and frees it;")
        print("x parse = pocsim's time / that time; peak MiB = the larger of the json and csv runs;")
        print("x file = peak / file size (MiB); parse MiB = json-load's peak")
    except (RuntimeError, subprocess.CalledProcessError) as e:
        print(f"e2e.py: {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
