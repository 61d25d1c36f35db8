"""Writes numpy-reference.json: values NumPy's default_rng produces, for NumpyRandomTest and BalancedSamplerTest.

Run from this folder with python3 and NumPy (documentation of how the committed resource was made; the build never
runs it):

    python3 numpy_reference.py ../resources/io/github/braingobrr/cache/sampling/numpy-reference.json

The balanced cases follow the Python system's BalancedSeizureDataset recipe (SEED-PIPELINE.md section 5): all partial
windows, then rng.choice(len(full), min(int(0.3 P), F), replace=False), then the same for background with 2.5, then
rng.shuffle of the combined entries as an object array.
"""
import json
import sys

import numpy as np


def raw(seed, n):
    return [int(x) for x in np.random.default_rng(seed).bit_generator.random_raw(n)]


def balanced(p, f, b, seed, full_ratio=0.3, background_ratio=2.5):
    partial = [("p", i) for i in range(p)]
    full = [("f", i) for i in range(f)]
    background = [("b", i) for i in range(b)]
    rng = np.random.default_rng(seed)
    entries = list(partial)
    n_full = int(full_ratio * len(partial))
    if full and n_full > 0:
        for i in rng.choice(len(full), size=min(n_full, len(full)), replace=False):
            entries.append(full[i])
    n_bg = int(background_ratio * len(partial))
    if background and n_bg > 0:
        for i in rng.choice(len(background), size=min(n_bg, len(background)), replace=False):
            entries.append(background[i])
    arr = np.array(entries, dtype=object)
    rng.shuffle(arr)
    return [f"{k}{int(i)}" for k, i in arr.tolist()]


def main(out):
    seeds = [0, 1, 42, 12345, 2**32 - 1, 2**32, 2**40 + 7, 2**63 - 1]
    ref = {"numpy_version": np.__version__, "raw": [], "choice": [], "shuffle": [], "balanced": []}
    for s in seeds:
        ref["raw"].append({"seed": s, "values": [str(v) for v in raw(s, 6)]})
    for seed in (42, 7):
        for pop, size in [(5, 0), (5, 5), (10, 3), (1, 1), (100, 30), (10001, 200), (10001, 201),
                          (20000, 500), (20000, 300), (30000, 29999), (50000, 20)]:
            rng = np.random.default_rng(seed)
            picked = [int(x) for x in rng.choice(pop, size=size, replace=False)]
            # the stream continues: a shuffle after the choice
            arr = np.array([(i, i) for i in range(37)], dtype=object)
            rng.shuffle(arr)
            ref["choice"].append({"seed": seed, "population": pop, "size": size,
                                  "head": picked[:50], "tail": picked[-50:], "sum": int(sum(picked)),
                                  "then_shuffled": [int(v[0]) for v in arr]})
    for seed in (42, 3):
        for n in (1, 2, 3, 10, 257):
            rng = np.random.default_rng(seed)
            x = list(range(n))
            rng.shuffle(x)
            ref["shuffle"].append({"seed": seed, "n": n, "result": x})
    for p, f, b, seed in [(10, 4, 100, 42), (7, 0, 30, 42), (3, 50, 2, 42), (40, 12, 20000, 42),
                          (1, 1, 1, 42), (200, 300, 900, 42), (25, 9, 60, 1234), (12, 5, 5000, 0)]:
        ref["balanced"].append({"partial": p, "full": f, "background": b, "seed": seed,
                                "order": balanced(p, f, b, seed)})
    ref["balanced"].append({"partial": 20, "full": 30, "background": 40, "seed": 42, "full_ratio": 1.0,
                            "background_ratio": 0.5, "order": balanced(20, 30, 40, 42, 1.0, 0.5)})
    with open(out, "w") as fh:
        json.dump(ref, fh, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
