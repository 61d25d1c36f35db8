"""Tiny text container for reference arrays shared by the bgb-core reference scripts.

Format (read by io.github.braingobrr.testsupport.RefArrays):
    # free comment lines
    array <name> <dim0> [<dim1> ...]
    <values, whitespace separated, row-major; floats written with repr() so they round-trip exactly>
    text <name> <value up to end of line>
A file whose name ends in .gz is gzip-compressed (mtime 0, so reruns are byte-identical).
"""
import gzip
import io

import numpy as np


class RefWriter:
    def __init__(self, path, comment):
        self.path = path
        self.buf = io.StringIO()
        for line in comment.strip().splitlines():
            self.buf.write("# " + line + "\n")

    def array(self, name, values):
        a = np.asarray(values)
        if a.ndim == 0:
            a = a.reshape(1)
        shape = " ".join(str(d) for d in a.shape)
        self.buf.write(f"array {name} {shape}\n")
        flat = a.reshape(-1)
        if np.issubdtype(a.dtype, np.integer):
            items = [str(int(v)) for v in flat]
        elif a.dtype == np.float32:
            items = [repr(float(v)) for v in flat]  # exact: float32 -> float64 is exact
        else:
            items = [repr(float(v)) for v in flat.astype(np.float64)]
        for i in range(0, len(items), 8):
            self.buf.write(" ".join(items[i:i + 8]) + "\n")

    def text(self, name, value):
        self.buf.write(f"text {name} {value}\n")

    def close(self):
        data = self.buf.getvalue().encode("ascii")
        if self.path.endswith(".gz"):
            with open(self.path, "wb") as raw:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                    gz.write(data)
        else:
            with open(self.path, "wb") as f:
                f.write(data)


def read_edf_digital(path):
    """Minimal EDF reader (header + int16 records) for the reference scripts; not part of the product."""
    with open(path, "rb") as f:
        b = f.read()
    ns = int(b[252:256])
    nrec = int(b[236:244])
    off = 256

    def field(width):
        nonlocal off
        vals = [b[off + i * width: off + (i + 1) * width].decode("latin-1").strip() for i in range(ns)]
        off += ns * width
        return vals

    labels = field(16)
    field(80)  # transducer
    units = field(8)
    pmin = [float(v) for v in field(8)]
    pmax = [float(v) for v in field(8)]
    dmin = [float(v) for v in field(8)]
    dmax = [float(v) for v in field(8)]
    field(80)  # prefilter
    spr = [int(v) for v in field(8)]
    field(32)
    record_duration = float(b[244:252])
    data = np.frombuffer(b, dtype="<i2", offset=256 * (ns + 1))
    per_record = sum(spr)
    data = data[: nrec * per_record].reshape(nrec, per_record)
    signals = []
    start = 0
    for s in range(ns):
        signals.append(data[:, start:start + spr[s]].reshape(-1).copy())
        start += spr[s]
    return {
        "labels": labels, "units": units, "pmin": pmin, "pmax": pmax, "dmin": dmin, "dmax": dmax,
        "rates": [spr[s] / record_duration for s in range(ns)], "digital": signals,
    }


def physical(edf, s):
    """EDF physical value, in the order of operations the Java tests use."""
    d = edf["digital"][s].astype(np.float64)
    return (d - edf["dmin"][s]) * ((edf["pmax"][s] - edf["pmin"][s]) / (edf["dmax"][s] - edf["dmin"][s])) + edf["pmin"][s]


def seed_name(label):
    """The seed's channel-name normalisation (SEED-PIPELINE.md section 1), upper-cased for matching."""
    n = label.replace(" ", "")
    if n.startswith("EEG"):
        n = n[3:]
    for suffix in ("-LE", "-REF", "-AR"):
        if n.endswith(suffix):
            n = n[: -len(suffix)]
            break
    return n.upper()
