#!/usr/bin/env python3
"""Independent EDF/EDF+/BDF reader used only to cross-check bgb's Java reader and writer in tests.

Written from the EDF(+) specification with numpy and the standard library; it shares no code with bgb.
Usage: reference_edf_reader.py FILE...   Prints, per file, tab-separated lines:
  file     <path>
  header   <ns> <records> <duration text> <reserved> <date> <time> <header bytes>
  signal   <index> <label hex> <spr> <dmin> <dmax> <pmin text> <pmax text> <n> <sum d> <sum d^2> <crc32 of d as int32le>
           <sum physical (float64, %.17g)>
  onset    <record> <time-keeping onset text>
  annot    <onset text> <duration text or -> <utf-8 text hex>
Physical values use (d - dmin) * (pmax - pmin) / (dmax - dmin) + pmin.
"""
import sys
import zlib

import numpy as np


def fields(raw, ns, width):
    return [raw[i * width:(i + 1) * width].decode("latin-1").rstrip(" \x00") for i in range(ns)]


def read(path):
    data = open(path, "rb").read()
    bdf = data[0] == 0xFF
    width = 3 if bdf else 2
    ns = int(data[252:256])
    header_bytes = int(data[184:192])
    records = int(data[236:244])
    duration = data[244:252].decode("ascii").strip()
    reserved = data[192:236].decode("latin-1").strip()
    pos = 256
    table = {}
    for name, w in (("label", 16), ("transducer", 80), ("unit", 8), ("pmin", 8), ("pmax", 8), ("dmin", 8),
                    ("dmax", 8), ("prefilter", 80), ("spr", 8), ("reserved", 32)):
        table[name] = fields(data[pos:pos + ns * w], ns, w)
        pos += ns * w
    spr = [int(s) for s in table["spr"]]
    record_bytes = sum(spr) * width
    if records < 0:
        records = (len(data) - header_bytes) // record_bytes
    body = np.frombuffer(data, dtype=np.uint8, count=records * record_bytes, offset=header_bytes)
    body = body.reshape(records, record_bytes)
    print("file\t" + path)
    print("header\t%d\t%d\t%s\t%s\t%s\t%s\t%d" % (ns, records, duration, reserved, data[168:176].decode("ascii"),
                                                  data[176:184].decode("ascii"), header_bytes))
    start = 0
    annotation_signals = [i for i, l in enumerate(table["label"]) if l in ("EDF Annotations", "BDF Annotations")]
    for i in range(ns):
        stop = start + spr[i] * width
        part = body[:, start:stop].reshape(-1)
        start = stop
        if i in annotation_signals:
            continue
        if bdf:
            b = part.reshape(-1, 3).astype(np.int32)
            d = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
            d = np.where(d >= 1 << 23, d - (1 << 24), d).astype(np.int32)
        else:
            d = part.view("<i2").astype(np.int32)
        dmin, dmax = int(table["dmin"][i]), int(table["dmax"][i])
        pmin, pmax = float(table["pmin"][i]), float(table["pmax"][i])
        physical = (d.astype(np.float64) - dmin) * (pmax - pmin) / (dmax - dmin) + pmin
        print("signal\t%d\t%s\t%d\t%d\t%d\t%s\t%s\t%d\t%d\t%d\t%d\t%.17g" % (
            i, table["label"][i].encode("latin-1").hex(), spr[i], dmin, dmax, table["pmin"][i], table["pmax"][i],
            d.size, int(d.astype(np.int64).sum()), int((d.astype(np.int64) ** 2).sum()),
            zlib.crc32(d.astype("<i4").tobytes()), float(physical.sum())))
    offsets = {}
    o = 0
    for i in range(ns):
        offsets[i] = o
        o += spr[i] * width
    for r in range(records):
        first = True
        for a in annotation_signals:
            raw = bytes(body[r, offsets[a]:offsets[a] + spr[a] * width])
            for tal in raw.split(b"\x14\x00"):
                tal = tal.lstrip(b"\x00")
                if not tal:
                    continue
                parts = tal.split(b"\x14")
                head = parts[0].split(b"\x15")
                onset = head[0].decode("ascii")
                dur = head[1].decode("ascii") if len(head) > 1 else "-"
                texts = parts[1:]
                if first:
                    first = False
                    if texts and texts[0] == b"":
                        print("onset\t%d\t%s" % (r, onset))
                        texts = texts[1:]
                for t in texts:
                    if t:
                        print("annot\t%s\t%s\t%s" % (onset, dur, t.hex()))


if __name__ == "__main__":
    for p in sys.argv[1:]:
        read(p)
