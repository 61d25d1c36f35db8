"""NumPy side of bgb's cross-check tests (NumpyCrossCheckTest, LargeNpzCrossCheckTest).

Element k (C order) of every test array follows the formula of TestArrays.java:
  bool: k % 3 == 0;  ints: base = (k*37 + 11) % 200, minus 100 if signed, times 1 / 300 / 2e7 / 9e16
  for 1/2/4/8-byte items;  floats: k*0.5 - 3.25;  complex: that + 1j * -(k*0.25);
  <U n: "\U0001D11E\u00e9" + str(k) cut to n code points;  |S n: b"b" + str(k) cut to n bytes.

A spec file lists one array per line: "<file>[:<member>] <descr> <d0,d1,...|-> <fortran 0|1>".
  check <dir> <spec>   load every listed array with NumPy and compare it with the formula
  write <dir> <spec>   write every listed array with np.save / np.savez / np.savez_compressed
                       (archives whose name ends in _c.npz are compressed)
  large <file> <n>     check the >4 GiB archive written by LargeNpzCrossCheckTest
Prints "OK <id>" or "FAIL <id>: <reason>" per array; exits 1 if anything failed.
"""
import os
import sys
import zipfile

import numpy as np

SCALE = {1: 1, 2: 300, 4: 20_000_000, 8: 90_000_000_000_000_000}


def expected(descr, shape, fortran):
    dt = np.dtype(descr)
    n = int(np.prod(shape, dtype=np.int64)) if shape else 1
    ks = range(n)
    if dt.kind == "b":
        vals = [k % 3 == 0 for k in ks]
    elif dt.kind in "iu":
        off = 100 if dt.kind == "i" else 0
        vals = [((k * 37 + 11) % 200 - off) * SCALE[dt.itemsize] for k in ks]
    elif dt.kind == "f":
        vals = [k * 0.5 - 3.25 for k in ks]
    elif dt.kind == "c":
        vals = [complex(k * 0.5 - 3.25, -(k * 0.25)) for k in ks]
    elif dt.kind == "U":
        vals = [("\U0001D11E\u00e9" + str(k))[: dt.itemsize // 4] for k in ks]
    elif dt.kind == "S":
        vals = [("b" + str(k)).encode("ascii")[: dt.itemsize] for k in ks]
    else:
        raise ValueError(descr)
    arr = np.array(vals, dtype=dt).reshape(shape)
    return np.asfortranarray(arr) if fortran else arr  # (ascontiguousarray would make 0-d arrays 1-d)


def parse(spec):
    out = []
    with open(spec) as f:
        for line in f:
            if not line.strip():
                continue
            ident, descr, shape, fortran = line.split()
            dims = () if shape == "-" else tuple(int(d) for d in shape.split(","))
            out.append((ident, descr, dims, fortran == "1"))
    return out


def header_of(fp):
    version = np.lib.format.read_magic(fp)
    if version == (1, 0):
        return np.lib.format.read_array_header_1_0(fp)
    return np.lib.format.read_array_header_2_0(fp)


def check(directory, spec):
    failed = 0
    archives = {}
    for ident, descr, shape, fortran in parse(spec):
        try:
            want = expected(descr, shape, fortran)
            if ":" in ident:
                name, member = ident.split(":")
                path = os.path.join(directory, name)
                if path not in archives:
                    archives[path] = np.load(path, allow_pickle=False)
                got = archives[path][member]
                with zipfile.ZipFile(path) as z, z.open(member + ".npy") as fp:
                    h_shape, h_fortran, h_dtype = header_of(fp)
            else:
                path = os.path.join(directory, ident)
                got = np.load(path, allow_pickle=False)
                with open(path, "rb") as fp:
                    h_shape, h_fortran, h_dtype = header_of(fp)
            problems = []
            if got.dtype.str != want.dtype.str:
                problems.append("dtype %s != %s" % (got.dtype.str, want.dtype.str))
            if got.shape != want.shape:
                problems.append("shape %s != %s" % (got.shape, want.shape))
            elif not np.array_equal(got, want):
                problems.append("values differ: %r vs %r" % (got.reshape(-1)[:4], want.reshape(-1)[:4]))
            if h_fortran != fortran or h_shape != shape:
                problems.append("header says fortran=%s shape=%s" % (h_fortran, h_shape))
            if problems:
                failed += 1
                print("FAIL %s: %s" % (ident, "; ".join(problems)))
            else:
                print("OK %s" % ident)
        except Exception as e:  # report and continue: the Java test shows every failure
            failed += 1
            print("FAIL %s: %s: %s" % (ident, type(e).__name__, e))
    return failed


def write(directory, spec):
    archives = {}
    for ident, descr, shape, fortran in parse(spec):
        arr = expected(descr, shape, fortran)
        if ":" in ident:
            name, member = ident.split(":")
            archives.setdefault(name, {})[member] = arr
        else:
            np.save(os.path.join(directory, ident), arr, allow_pickle=False)
        print("OK %s" % ident)
    for name, members in archives.items():
        save = np.savez_compressed if name.endswith("_c.npz") else np.savez
        save(os.path.join(directory, name), **members)
    return 0


def large(path, n):
    n = int(n)
    window = 19 * 15360
    with zipfile.ZipFile(path) as z:
        info = {i.filename: i for i in z.infolist()}
        w = info["windows.npy"]
        size = w.file_size
        print("INFO windows.npy size=%d stored=%s; labels.npy header_offset=%d"
              % (size, w.compress_type == zipfile.ZIP_STORED, info["labels.npy"].header_offset))
        if size <= 4 * 1024 ** 3 or w.compress_type != zipfile.ZIP_STORED:
            print("FAIL large: windows.npy is not a STORED member over 4 GiB")
            return 1
    data = np.load(path, allow_pickle=False)
    labels = data["labels"]
    if labels.shape != (n, 15360) or labels.dtype.str != "<f4":
        print("FAIL labels: %s %s" % (labels.shape, labels.dtype))
        return 1
    if not all(labels[i, i % 15360] == 1 and labels[i].sum() == 1 for i in (0, n // 2, n - 1)):
        print("FAIL labels: values")
        return 1
    windows = data["windows"]  # reads (and CRC-checks) the whole member
    if windows.shape != (n, 19, 15360) or windows.dtype.str != "<f4":
        print("FAIL windows: %s %s" % (windows.shape, windows.dtype))
        return 1
    j = np.arange(window, dtype=np.float32).reshape(19, 15360)
    for i in (0, 1, n // 2, n - 1):
        if not np.array_equal(windows[i], np.float32(i) + j * np.float32(1e-3)):
            print("FAIL windows: window %d differs" % i)
            return 1
    print("OK large")
    return 0


def main(argv):
    cmd = argv[1]
    if cmd == "check":
        return 1 if check(argv[2], argv[3]) else 0
    if cmd == "write":
        return write(argv[2], argv[3])
    if cmd == "large":
        return large(argv[2], argv[3])
    raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
