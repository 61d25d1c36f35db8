"""Loads bgb cache files with NumPy, as the Python training code does, and prints what it finds as JSON.

Used by CacheBuilderTest's optional NumPy cross-check: python3 numpy_load.py FILE.npz ...
"""
import json
import sys

import numpy as np

out = {}
for path in sys.argv[1:]:
    with np.load(path) as z:
        d = {"members": sorted(z.files)}
        if "windows" in z.files:
            w = z["windows"]
            lab = z["labels"]
            d.update(
                windows_shape=list(w.shape),
                windows_dtype=str(w.dtype),
                labels_shape=list(lab.shape),
                labels_dtype=str(lab.dtype),
                windows_sum=float(w.astype(np.float64).sum()),
                first_window_sum=float(w[0].astype(np.float64).sum()) if w.shape[0] else 0.0,
                labels_per_window=[int((x > 0).sum()) for x in lab],
            )
        else:
            s = z["signals"]
            lab = z["labels"]
            starts = [int(x) for x in z["window_starts"]]
            length = int(z["window_length"])
            d.update(
                signals_shape=list(s.shape),
                signals_dtype=str(s.dtype),
                fortran=bool(np.isfortran(s)),
                labels_dtype=str(lab.dtype),
                starts=starts,
                length=length,
                windows_sum=float(sum(s[:, a:a + length].astype(np.float64).sum() for a in starts)),
                first_window_sum=float(s[:, starts[0]:starts[0] + length].astype(np.float64).sum()) if starts else 0.0,
                labels_per_window=[int((lab[a:a + length] > 0).sum()) for a in starts],
            )
        d["source"] = json.loads(str(z["bgb_meta"][0]))["source"]
    out[path] = d
print(json.dumps(out))
