#!/usr/bin/env python3
"""Times NumPy reading the seed cache layout, the outside comparison for NpzReadBenchmark: an .npz holding
windows float32 (N, 19, 15360) and labels float32 (N, 15360), written here by np.savez (STORED) and
np.savez_compressed (DEFLATED) with the same kind of data (sines plus Gaussian noise, microvolts).

    python3 benchmarks/python/npz_benchmark.py [--windows 55,500] [--cases readWindow,...] [--json FILE]

Cases (each after one warm-up call, the files in the page cache):
  readWindow          np.load(f)["windows"][i]: what the seed does; NumPy reads the whole member for one window
  readWindow          one window by hand: the member's offset from zipfile, then np.fromfile at that offset
  readWholeMember     np.load(f)["windows"] of the STORED file (zipfile checks the CRC-32)
  readDeflatedMember  np.load(f)["windows"] of the DEFLATED file

Prints a line per case; with --json, appends one JSON object per case to FILE for ResultsReport.
"""
import argparse
import json
import os
import struct
import sys
import tempfile
import time
import zipfile

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

CH = 19
T = 15360


def windows_array(n):
    rng = np.random.default_rng(42)
    t = np.arange(T)
    w = np.empty((n, CH, T), dtype=np.float32)
    for i in range(n):
        for c in range(CH):
            f = 1 + c * 0.7
            w[i, c] = 40 * np.sin(2 * np.pi * f * (i * T + t) / 256.0) + 5 * rng.standard_normal(T)
    return w


def member_data_offset(path, member):
    """Where the array data of a STORED member starts: local header, then the .npy header."""
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(member)
        if info.compress_type != zipfile.ZIP_STORED:
            raise ValueError(f"{path}!{member} is compressed; no direct offset")
    with open(path, "rb") as f:
        f.seek(info.header_offset)
        local = f.read(30)
        name_len, extra_len = struct.unpack("<HH", local[26:30])
        start = info.header_offset + 30 + name_len + extra_len
        f.seek(start)
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        return f.tell(), shape, dtype


def timed(fn, min_seconds=2.0, min_runs=3, max_runs=1000):
    fn()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < max_runs and (len(times) < min_runs or time.perf_counter() - start < min_seconds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sum(times) / len(times), len(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--windows", default="55,500", help="comma-separated window counts (NpzReadBenchmark's param)")
    ap.add_argument("--cases", default="readWindow,readWholeMember,readDeflatedMember",
                    help="comma-separated NpzReadBenchmark methods to time")
    ap.add_argument("--json", help="append JSON lines here")
    args = ap.parse_args()
    tool = f"NumPy {np.__version__} (Python {sys.version.split()[0]})"
    results = []
    with tempfile.TemporaryDirectory(prefix="bgb-npz-py-") as d:
        for n in [int(x) for x in args.windows.split(",") if x]:
            w = windows_array(n)
            labels = np.zeros((n, T), dtype=np.float32)
            stored = os.path.join(d, f"stored_{n}.npz")
            deflated = os.path.join(d, f"deflated_{n}.npz")
            np.savez(stored, windows=w, labels=labels)
            np.savez_compressed(deflated, windows=w, labels=labels)
            del w
            params = {"windows": str(n)}
            state = {"i": 0}

            def next_index():
                state["i"] = (state["i"] + 211) % n
                return state["i"]

            def np_load_window():
                with np.load(stored) as z:
                    return z["windows"][next_index()]

            offset, shape, dtype = member_data_offset(stored, "windows.npy")
            per_window = CH * T

            def by_offset_window():
                with open(stored, "rb") as f:
                    return np.fromfile(f, dtype=dtype, count=per_window,
                                       offset=offset + next_index() * per_window * dtype.itemsize).reshape(shape[1:])

            with np.load(stored) as z:  # the hand-made read must give the same window as np.load
                for i in (0, n - 1):
                    state["i"] = (i - 211) % n
                    if not np.array_equal(by_offset_window(), z["windows"][i]):
                        raise SystemExit(f"window {i} read by offset differs from np.load's: offset {offset} wrong")
            state["i"] = 0

            def whole(path):
                def read():
                    with np.load(path) as z:
                        return z["windows"]
                return read

            cases = [
                ("readWindow", 'np.load(f)["windows"][i]', np_load_window),
                ("readWindow", "np.fromfile(f, offset=member offset + i * window bytes)", by_offset_window),
                ("readWholeMember", 'np.load(f)["windows"] (STORED)', whole(stored)),
                ("readDeflatedMember", 'np.load(f)["windows"] (DEFLATED)', whole(deflated)),
            ]
            for method, what, fn in [c for c in cases if c[0] in args.cases.split(",")]:
                seconds, runs = timed(fn)
                results.append({"benchmark": f"NpzReadBenchmark.{method}", "params": params, "tool": tool,
                                 "what": what, "seconds": seconds, "runs": runs})
                print(f"windows={n:4d} {method:19s} {seconds * 1000:10.3f} ms  ({runs} runs)  {what}")
            os.remove(stored)
            os.remove(deflated)
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            for r in results:
                out.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
