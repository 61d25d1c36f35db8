#!/usr/bin/env python3
"""Checks archives written by `bgb edf export` and `bgb preprocess` with NumPy (and SciPy), independently of bgb.

Used only by the optional cross-check tests; the build never needs Python. The EDF reader below is written
from the EDF specification; the preprocessing is the seed recipe of SEED-PIPELINE.md sections 1-3 (SciPy's
resample, butter + lfilter, iirnotch + lfilter, z-score, clip, nan_to_num).

  cli_crosscheck.py export EDF NPZ FROM SECONDS|- 0|1      (1 = digital)
  cli_crosscheck.py preprocess EDF CSV NPZ

Prints one line per check: "OK <what>" or "FAIL <what>: <why>".
"""
import math
import sys
from fractions import Fraction

import numpy as np

SEED_CHANNELS = ["Fp1", "F3", "C3", "P3", "F7", "T3", "T5", "O1", "Fz", "Cz", "Pz", "Fp2", "F4", "C4", "P4",
                 "F8", "T4", "T6", "O2"]
SEED_SEIZURES = {"seiz", "gnsz", "fnsz", "cpsz", "absz", "spsz", "tcsz", "tnsz", "mysz"}
SYNONYMS = {"T7": "T3", "T8": "T4", "P7": "T5", "P8": "T6"}


def read_edf(path):
    data = open(path, "rb").read()
    width = 3 if data[0] == 0xFF else 2
    ns = int(data[252:256])
    header_bytes = int(data[184:192])
    records = int(data[236:244])
    duration = data[244:252].decode("ascii").strip()
    pos = 256
    table = {}
    for name, w in (("label", 16), ("transducer", 80), ("unit", 8), ("pmin", 8), ("pmax", 8), ("dmin", 8),
                    ("dmax", 8), ("prefilter", 80), ("spr", 8), ("reserved", 32)):
        table[name] = [data[pos + i * w:pos + (i + 1) * w].decode("latin-1").strip() for i in range(ns)]
        pos += ns * w
    spr = [int(s) for s in table["spr"]]
    record_bytes = sum(spr) * width
    if records < 0:
        records = (len(data) - header_bytes) // record_bytes
    body = np.frombuffer(data, dtype=np.uint8, count=records * record_bytes, offset=header_bytes)
    body = body.reshape(records, record_bytes)
    signals = []
    start = 0
    for i in range(ns):
        stop = start + spr[i] * width
        part = body[:, start:stop].reshape(-1)
        start = stop
        if width == 3:
            b = part.reshape(-1, 3).astype(np.int32)
            d = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
            d = np.where(d >= 1 << 23, d - (1 << 24), d)
        else:
            d = part.view("<i2").astype(np.int32)
        pmin, pmax = float(table["pmin"][i]), float(table["pmax"][i])
        dmin, dmax = float(table["dmin"][i]), float(table["dmax"][i])
        physical = (d - dmin) * (pmax - pmin) / (dmax - dmin) + pmin
        signals.append({"label": table["label"][i], "unit": table["unit"][i], "spr": spr[i], "digital": d,
                        "physical": physical})
    return duration, signals


def check(ok, what, why=""):
    print(("OK " if ok else "FAIL ") + what + ("" if ok else ": " + why))


def first_sample(seconds, spr, duration):
    return math.ceil(Fraction(seconds) * spr / Fraction(duration))


def export(edf, npz, start, seconds, digital):
    duration, signals = read_edf(edf)
    z = np.load(npz)
    names = [k for k in z.files if k.startswith("sig")]
    labels = list(z["labels"])
    check(len(labels) == len(names), "one label per exported signal")
    for k, name in enumerate(names):
        s = signals[int(name[3:])]
        first = first_sample(start, s["spr"], duration)
        values = z[name]
        if seconds != "-":
            end = first_sample(Fraction(start) + Fraction(seconds), s["spr"], duration)
            check(len(values) == end - first, name + " length", "%d != %d" % (len(values), end - first))
        else:
            check(len(values) == len(s["digital"]) - first, name + " runs to the end")
        if digital:
            check(values.dtype == np.int32, name + " dtype int32", str(values.dtype))
            check(np.array_equal(values, s["digital"][first:first + len(values)]), name + " digital values")
        else:
            check(values.dtype == np.float64, name + " dtype float64", str(values.dtype))
            expected = s["physical"][first:first + len(values)]
            scale = max(1.0, float(np.max(np.abs(expected))) if len(expected) else 1.0)
            diff = float(np.max(np.abs(values - expected))) if len(values) else 0.0
            check(diff <= 1e-12 * scale, name + " physical values", "max abs diff %g" % diff)
        check(labels[k] == s["label"], name + " label", "%r != %r" % (labels[k], s["label"]))
        rate = float(Fraction(s["spr"]) / Fraction(duration))
        check(abs(z["rates"][k] - rate) < 1e-12 * rate, name + " rate")


def canonical(label):
    name = label.replace(" ", "")
    if name.upper().startswith("EEG"):
        name = name[3:]
    for suffix in ("-LE", "-REF", "-AR"):
        if name.upper().endswith(suffix) and len(name) > len(suffix):
            name = name[:-len(suffix)]
            break
    name = SYNONYMS.get(name.upper(), name)
    for c in SEED_CHANNELS:
        if c.upper() == name.upper():
            return c
    return None


def preprocess(edf, csv, npz):
    from scipy import signal as sps

    duration, signals = read_edf(edf)
    by_name = {}
    for s in signals:
        c = canonical(s["label"])
        if c is not None and c not in by_name:
            by_name[c] = s
    missing = [c for c in SEED_CHANNELS if c not in by_name]
    if missing:
        check(False, "all 19 channels present", "missing " + ",".join(missing))
        return
    fs = by_name["Fp1"]["spr"] / float(duration)
    x = np.stack([by_name[c]["physical"] for c in SEED_CHANNELS]).astype(np.float32).astype(np.float64)
    n = x.shape[1]
    if fs != 256:
        x = sps.resample(x, int(round(n * 256 / fs)), axis=1)
    b, a = sps.butter(3, [0.5 / 128, 120 / 128], btype="band")
    x = sps.lfilter(b, a, x, axis=1)
    b, a = sps.iirnotch(60, 30, fs=256)
    x = sps.lfilter(b, a, x, axis=1)
    x = (x - x.mean(axis=1, keepdims=True)) / (x.std(axis=1, keepdims=True) + 1e-8)
    x = np.nan_to_num(np.clip(x, -10, 10), nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    z = np.load(npz)
    got = z["signals"]
    check(got.dtype == np.float32 and got.shape == x.shape, "signals float32 %s" % (x.shape,),
          "%s %s" % (got.dtype, got.shape))
    if got.shape == x.shape:
        diff = float(np.max(np.abs(got.astype(np.float64) - x)))
        check(diff <= 1e-5, "signals match the seed recipe (max abs diff %.3g)" % diff, "max abs diff %g" % diff)
    mask = np.zeros(x.shape[1], dtype=np.float32)
    for line in open(csv):
        f = line.strip().split(",")
        if line.startswith("#") or len(f) < 4 or f[0] == "channel":
            continue
        if f[3].strip() in SEED_SEIZURES:
            mask[int(float(f[1]) * 256):int(float(f[2]) * 256)] = 1
    check(np.array_equal(z["labels"], mask), "labels match the seed mask (%d seizure samples)" % int(mask.sum()))
    check(list(z["channels"]) == SEED_CHANNELS, "channels in the seed order")
    check(float(z["sfreq"]) == 256.0, "sfreq 256")
    import json
    config = json.loads(str(z["config"]))
    check(config["resample"] == {"method": "fft", "target_hz": 256}, "config names the seed resampling")


if __name__ == "__main__":
    if sys.argv[1] == "export":
        export(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] == "1")
    else:
        preprocess(sys.argv[2], sys.argv[3], sys.argv[4])
