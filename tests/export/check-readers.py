#!/usr/bin/python3
"""Reads every TIFF of an nnunet and a pairs export with tifffile, OpenCV,
PIL and ImageJ, and checks each against the inputs and the label masks.

Not part of the test suite (it needs Python and Java); run it through
check-readers.sh.  Arguments: the livedead program, an image folder, a
scratch folder.
"""
import glob
import os
import subprocess
import sys

import cv2
import numpy as np
import tifffile
from PIL import Image

CHANNELS = ["bf", "hoechst", "draq7"]
LUT4 = (242, 38, 38)
problems = []


def fail(message):
    problems.append(message)
    print("FAIL", message)


def weighted_sum(a):
    h, w = a.shape
    y, x = np.mgrid[0:h, 0:w]
    return int((a.astype(np.int64) * ((x * 31 + y * 17) % 101 + 1)).sum())


def read_all(path):
    """The pages of @path as tifffile, OpenCV and PIL read them."""
    with tifffile.TiffFile(path) as t:
        tf = [p.asarray() for p in t.pages]
        res = t.pages[0].tags.get("XResolution")
        res = res.value[0] / res.value[1] if res else None
    ok, cv = cv2.imreadmulti(path, flags=cv2.IMREAD_UNCHANGED)
    if not ok:
        cv = []
    pil = []
    with Image.open(path) as im:
        for k in range(getattr(im, "n_frames", 1)):
            im.seek(k)
            pil.append(np.array(im))
    return tf, list(cv), pil, res


def check_file(path, expected, is_mask, input_res, ij):
    tf, cv, pil, res = read_all(path)
    name = os.path.relpath(path)
    if len(tf) != len(expected):
        fail(f"{name}: tifffile finds {len(tf)} pages, expected {len(expected)}")
        return
    for reader, pages in (("tifffile", tf), ("OpenCV", cv), ("PIL", pil)):
        if len(pages) != len(expected):
            fail(f"{name}: {reader} reads {len(pages)} pages, expected {len(expected)}")
            continue
        for k, (got, want) in enumerate(zip(pages, expected)):
            if got.shape != want.shape or got.dtype != want.dtype or not np.array_equal(got, want):
                fail(f"{name} page {k}: {reader} reads {got.dtype} {got.shape}, not the expected pixels")
    if input_res is not None and (res is None or abs(res - input_res) > 1e-4 * input_res):
        fail(f"{name}: resolution {res}, the input's {input_res}")
    rows = ij.get(path, [])
    if len(rows) != len(expected):
        fail(f"{name}: ImageJ opened {len(rows)} pages, expected {len(expected)}")
        return
    for k, row in enumerate(rows):
        bits, w, h, total, lut4 = int(row[2]), int(row[3]), int(row[4]), int(row[5]), row[6]
        want = expected[k]
        if bits != want.dtype.itemsize * 8 or (h, w) != want.shape:
            fail(f"{name} page {k}: ImageJ sees {bits}-bit {w}x{h}")
        if total != weighted_sum(want):
            fail(f"{name} page {k}: ImageJ reads other pixel values")
        if is_mask and (lut4 == "none" or tuple(int(v) for v in lut4.split(",")) != LUT4):
            fail(f"{name}: ImageJ shows class 4 as {lut4}, not red {LUT4}: no colour LUT")


def main():
    livedead, folder, scratch = sys.argv[1:4]
    nnunet = os.path.join(scratch, "nnunet")
    pairs = os.path.join(scratch, "pairs")
    for out, layout in ((nnunet, "nnunet"), (pairs, "pairs")):
        subprocess.run([livedead, "export", folder, "-o", out, "--layout", layout,
                        "--val-fraction", "0.25", "--seed", "1", "--overwrite", "--quiet"],
                       check=True)

    inputs = {}
    for path in glob.glob(os.path.join(folder, "*_bf.tif")):
        case = os.path.basename(path)[:-len("_bf.tif")]
        inputs[case] = [tifffile.imread(os.path.join(folder, f"{case}_{c}.tif")) for c in CHANNELS]
    input_res = {}
    for case in inputs:
        with tifffile.TiffFile(os.path.join(folder, f"{case}_bf.tif")) as t:
            r = t.pages[0].tags.get("XResolution")
            input_res[case] = r.value[0] / r.value[1] if r else None

    # What each file must hold: (path, pages, is a mask, case).
    checks = []
    for case, channels in sorted(inputs.items()):
        labels = tifffile.imread(os.path.join(nnunet, f"{case}_labels.tif"))
        if labels.dtype != np.uint8 or labels.max() > 4:
            fail(f"{case}_labels.tif: {labels.dtype}, values up to {labels.max()}")
        for k in range(3):
            checks.append((os.path.join(nnunet, "imagesTr", f"{case}_{k:04d}.tif"), [channels[k]], False, case))
        checks.append((os.path.join(nnunet, "labelsTr", f"{case}.tif"), [labels], True, case))
        found = glob.glob(os.path.join(pairs, "*", "images", f"{case}.tif"))
        if len(found) != 1:
            fail(f"pairs: {case}.tif is not in exactly one of train/ and val/")
            continue
        side = os.path.dirname(os.path.dirname(found[0]))
        checks.append((found[0], channels, False, case))
        checks.append((os.path.join(side, "masks", f"{case}.tif"), [labels], True, case))
        pair_labels = tifffile.imread(os.path.join(pairs, f"{case}_labels.tif"))
        if not np.array_equal(pair_labels, labels):
            fail(f"{case}: the pairs and nnunet exports hold different masks")

    listing = os.path.join(scratch, "files.txt")
    with open(listing, "w") as f:
        f.write("\n".join(os.path.abspath(c[0]) for c in checks) + "\n")
    ij_out = subprocess.run(["xvfb-run", "-a", "java", "-jar", "/usr/share/java/ij.jar", "-batch",
                             os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-readers.ijm"),
                             listing], capture_output=True, text=True, timeout=1800).stdout
    ij = {}
    version = "?"
    for line in ij_out.splitlines():
        if line.startswith("IJ\t"):
            row = line.split("\t")[1:]
            ij.setdefault(row[0], []).append(row[1:])
        elif line.startswith("IJ-DONE"):
            version = line.split()[1]
    ij = {path: [[path] + r for r in rows] for path, rows in ij.items()}

    for path, pages, is_mask, case in checks:
        check_file(os.path.abspath(path), pages, is_mask, input_res[case], ij)

    n_pages = sum(len(c[1]) for c in checks)
    print(f"{len(checks)} files ({n_pages} pages) of {len(inputs)} frames read with tifffile "
          f"{tifffile.__version__}, OpenCV {cv2.__version__}, PIL {Image.__version__}, "
          f"ImageJ {version}")
    with open(os.path.join(nnunet, "splits_final.json")) as f:
        print("nnunet splits_final.json:", " ".join(f.read().split()))
    print("pairs:", " ".join(sorted(os.path.relpath(p, pairs) for p in glob.glob(os.path.join(pairs, "*", "images", "*")))))
    if problems:
        print(f"{len(problems)} problems")
        sys.exit(1)
    print("every file equals its input or mask in every reader; the masks open with the class colours in ImageJ")


if __name__ == "__main__":
    main()
