#!/usr/bin/python3
"""Measures the masks and counts of `livedead` against manual labels.

  tests/quality/measure-quality.py [--build BUILDDIR] [--data DATADIR]
                                   [--only NAME ...] [--config NAME=ARGS ...]
                                   [--frames] [--look DIR]

For every labelled frame of the data folder (NAME_targetnuclei_labels.tif
beside NAME_bf.tif, NAME_hoechst.tif, NAME_draq7.tif; default
../shared/data/real) and every configuration (a preset or a method, see
CONFIGS), it runs `livedead batch` on the frame's folder and
`livedead segment --stages` on the frame, scores the batch's mask with
score_nuclei.py (../shared/tools, or $LDA_REFERENCE_TOOLS) and prints per
frame (with --frames) and in the mean:

  pixel F1     nucleus pixels (classes 3 and 4) against the labels
  object F1    4-connected nucleus components matched at IoU >= 0.5
  >= 0.7       frames with a pixel F1 of at least 0.7
  empty/flood  frames whose Hoechst or Draq7 mask is empty or covers more
               than 90 % of the image
  counts       frames whose visible components (4-connected components of
               class 3 and of class 4) equal both the live/dead counts that
               `livedead segment` prints and those of the batch's counts.csv

--config NAME=ARGS adds a configuration (ARGS: livedead options, one
string); --only keeps the named ones.  --look DIR writes each frame's mask
as a PNG (class colours of the window) for looking at.

Like tests/bench/bench-vs-reference.py this is a script, not a test: it
needs the reference tools (python3-opencv, python3-tifffile, python3-numpy);
the product and its tests do not.
"""
import argparse
import csv
import glob
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(TOP, "..", "shared"))

# The article's method, the default, and each threshold method in the
# default's place for the two nucleus channels.
CONFIGS = [
    ("article", "--preset article"),
    ("article, ignore saturated", "--preset article --ignore-saturated"),
    ("robust (default)", ""),
    ("robust, no split", "--no-split"),
    ("robust, otsu-tiles", "--hoechst-method otsu-tiles --draq7-method otsu-tiles"),
    ("robust, triangle", "--hoechst-method triangle --draq7-method triangle"),
    ("robust, max-tile 1.2", "--hoechst-method max-tile --draq7-method max-tile "
                             "--hoechst-offset 1.2 --draq7-offset 1.2 --ignore-saturated"),
]

# Class colours as the window draws them (RGB): background, cell area,
# outline, Hoechst, Draq7.
COLOURS = [(0, 0, 0), (60, 160, 60), (255, 220, 0), (0, 120, 255), (255, 0, 0)]


def load_scorer(tools):
    path = os.path.join(tools, "score_nuclei.py")
    spec = importlib.util.spec_from_file_location("score_nuclei", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled_frames(data):
    frames = []
    for truth in sorted(glob.glob(os.path.join(data, "**", "*_targetnuclei_labels.tif"),
                                  recursive=True)):
        base = truth[: -len("_targetnuclei_labels.tif")]
        if all(os.path.exists(base + s) for s in ("_bf.tif", "_hoechst.tif", "_draq7.tif")):
            frames.append((os.path.basename(base), base, truth))
    return frames


def printed_counts(text):
    """live, dead from the line `livedead segment` prints."""
    m = re.search(r"(\d+) cells, (\d+) live, (\d+) dead", text)
    return (int(m.group(2)), int(m.group(3))) if m else None


def csv_counts(path):
    """live, dead and the label mask (relative to the table) per frame."""
    counts = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            counts[row.get("frame", row.get("file"))] = (int(row["live"]), int(row["dead"]),
                                                         row["labels"])
    return counts


def write_png(labels, path):
    import cv2
    import numpy as np

    lut = np.array([c[::-1] for c in COLOURS], np.uint8)
    cv2.imwrite(path, lut[np.clip(labels, 0, 4)])


def measure(livedead, args, frames, scorer, work, look):
    import numpy as np
    import tifffile

    out = os.path.join(work, "batch")
    rows = []
    batches = {}
    for folder in sorted({os.path.dirname(b) for _, b, _ in frames}):
        dest = os.path.join(out, os.path.basename(folder))
        subprocess.run([livedead, "batch", folder, "-o", dest, "--jobs", "1"] + args,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        batches[folder] = (dest, csv_counts(os.path.join(dest, "counts.csv")))

    for name, base, truth in frames:
        dest, csv_rows = batches[os.path.dirname(base)]
        # A folder of several fields has a folder of masks per field.
        labels = tifffile.imread(os.path.join(dest, csv_rows[name][2]))
        score = scorer.score(labels, tifffile.imread(truth))

        stages = os.path.join(work, "stages", name)
        shutil.rmtree(stages, ignore_errors=True)
        proc = subprocess.run([livedead, "segment", base + "_bf.tif", base + "_hoechst.tif",
                               base + "_draq7.tif", "-o", stages, "--stages"] + args,
                              check=True, capture_output=True, text=True)
        same_mask = np.array_equal(tifffile.imread(os.path.join(stages, "labels.tif")), labels)
        coverage = [float(tifffile.imread(os.path.join(stages, f)).astype(bool).mean())
                    for f in ("hoechst.tif", "draq7.tif")]
        visible = (score["visible_live"], score["visible_dead"])
        counts_ok = same_mask and visible == printed_counts(proc.stdout) == csv_rows[name][:2]
        rows.append({
            "name": name, "pixel_f1": score["pixel_f1"], "object_f1": score["object_f1"],
            "nuclei": f"{score['predicted_nuclei']}/{score['true_nuclei']}",
            "coverage": coverage,
            "empty_or_flooded": any(c == 0.0 or c > 0.9 for c in coverage),
            "visible": visible, "printed": printed_counts(proc.stdout),
            "csv": csv_rows[name][:2], "counts_ok": counts_ok,
        })
        if look:
            write_png(labels, os.path.join(look, f"{name}.png"))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--data", default=os.path.join(SHARED, "data", "real"))
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--config", action="append", default=[], metavar="NAME=ARGS")
    ap.add_argument("--frames", action="store_true", help="print every frame")
    ap.add_argument("--look", metavar="DIR", help="write each frame's mask as a PNG")
    a = ap.parse_args()

    livedead = os.path.join(a.build, "src", "cli", "livedead")
    if not os.access(livedead, os.X_OK):
        sys.exit(f"no {livedead}: build first")
    tools = os.environ.get("LDA_REFERENCE_TOOLS", os.path.join(SHARED, "tools"))
    scorer = load_scorer(tools)
    frames = labelled_frames(a.data)
    if not frames:
        sys.exit(f"no labelled frames in {a.data}")

    configs = list(CONFIGS) + [tuple(c.split("=", 1)) for c in a.config]
    if a.only:
        configs = [c for c in configs if c[0] in a.only]

    print(f"{len(frames)} labelled frames in {a.data}")
    table = []
    for name, options in configs:
        with tempfile.TemporaryDirectory(prefix="lda-quality-") as work:
            look = None
            if a.look:
                look = os.path.join(a.look, re.sub(r"[^A-Za-z0-9.-]+", "_", name))
                os.makedirs(look, exist_ok=True)
            rows = measure(livedead, shlex.split(options), frames, scorer, work, look)
        n = len(rows)
        mean_pixel = sum(r["pixel_f1"] for r in rows) / n
        mean_object = sum(r["object_f1"] for r in rows) / n
        usable = sum(r["pixel_f1"] >= 0.7 for r in rows)
        bad = sum(r["empty_or_flooded"] for r in rows)
        counts_ok = sum(r["counts_ok"] for r in rows)
        table.append((name, options, mean_pixel, mean_object, usable, bad, counts_ok, n))
        if a.frames:
            print(f"\n{name}: livedead {options}")
            for r in rows:
                print(f"  {r['name']:26s} pixel F1 {r['pixel_f1']:.3f}  object F1 "
                      f"{r['object_f1']:.3f}  nuclei {r['nuclei']:>8s}  Hoechst "
                      f"{r['coverage'][0]:5.1%} Draq7 {r['coverage'][1]:5.1%}"
                      f"{'  EMPTY/FLOODED' if r['empty_or_flooded'] else ''}  "
                      f"live/dead visible {r['visible']} printed {r['printed']} "
                      f"csv {r['csv']}{'' if r['counts_ok'] else '  MISMATCH'}")
            print(f"  mean: pixel F1 {mean_pixel:.3f}, object F1 {mean_object:.3f}")

    print()
    print(f"| configuration | pixel F1 | object F1 | frames >= 0.7 | empty or flooded "
          f"| counts = visible |")
    print("|---|---|---|---|---|---|")
    for name, options, mp, mo, usable, bad, ok, n in table:
        print(f"| {name} | {mp:.3f} | {mo:.3f} | {usable}/{n} | {bad}/{n} | {ok}/{n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
