#!/usr/bin/env python3
"""Times the seed preprocessing recipe (SEED-PIPELINE.md section 2) with NumPy/SciPy on one core, on the same kind
of input as PreprocessBenchmark: one hour, 19 channels, 250 Hz (TUH-like: DC offset, alpha, 60 Hz, noise).

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 benchmarks/python/preprocess_benchmark.py [runs] [--json FILE]

Prints the best and mean wall time of `runs` runs (default 5) after one warm-up, and x real time; with --json,
appends the mean as one JSON object to FILE, as the outside timing of PreprocessBenchmark.preprocessOneHour
(preset seed) for ResultsReport.
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.signal as sig  # noqa: E402

RATE = 250.0
SECONDS = 3600


def one_hour():
    rng = np.random.default_rng(42)
    n = int(SECONDS * RATE)
    t = np.arange(n) / RATE
    x = np.empty((19, n))
    for c in range(19):
        x[c] = (200 * rng.uniform(-1, 1) + 30 * np.sin(2 * np.pi * (8 + 4 * rng.uniform()) * t)
                + 10 * np.sin(2 * np.pi * 60 * t) + 20 * (rng.uniform(size=n) - 0.5))
    return x.astype(np.float32)  # what the seed's loader returns: float32 microvolts


def seed_recipe(data, fs):
    x = np.asarray(data, dtype=np.float64)
    if float(fs) != 256.0:
        x = sig.resample(x, round(x.shape[1] * 256.0 / float(fs)), axis=1)
    b, a = sig.butter(3, [0.5 / 128.0, 120.0 / 128.0], btype="band")
    x = sig.lfilter(b, a, x, axis=1)
    b, a = sig.iirnotch(60, Q=30, fs=256.0)
    x = sig.lfilter(b, a, x, axis=1)
    x = (x - x.mean(axis=1, keepdims=True)) / (x.std(axis=1, keepdims=True) + 1e-8)
    x = np.clip(x, -10.0, 10.0)
    return np.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="?", type=int, default=5)
    ap.add_argument("--json", help="append a JSON line here")
    args = ap.parse_args()
    runs = args.runs
    data = one_hour()
    seed_recipe(data, RATE)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        seed_recipe(data, RATE)
        times.append(time.perf_counter() - start)
    best = min(times) * 1000
    mean = sum(times) / len(times) * 1000
    print(f"numpy {np.__version__}, scipy {scipy.__version__}: seed recipe, 19 x {int(SECONDS * RATE)} @ {RATE:g} Hz")
    print(f"best {best:.1f} ms, mean {mean:.1f} ms over {runs} runs; x real time (best) {SECONDS * 1000 / best:.0f}")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps({
                "benchmark": "PreprocessBenchmark.preprocessOneHour", "params": {"preset": "seed"},
                "tool": f"NumPy {np.__version__}, SciPy {scipy.__version__} (Python {sys.version.split()[0]})",
                "what": "seed recipe: signal.resample, butter(3) band-pass + iirnotch(60) by lfilter, z-score, clip",
                "seconds": mean / 1000, "runs": runs}) + "\n")


if __name__ == "__main__":
    main()
