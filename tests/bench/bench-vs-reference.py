#!/usr/bin/python3
"""Times the C pipeline against the OpenCV reference, side by side, on
several workloads and sizes.

  tests/bench/bench-vs-reference.py [--build BUILDDIR] [--sizes 512,2048,...]
                                    [--workloads cells,dense,tiled,sample]
                                    [--repeat N] [--rounds R] [--reference-max S]
                                    [--batch FRAMES]

Workloads (each made at every size, in a child process):
  cells   the real 512 x 512 crops of ../shared/data/real tiled to the
          size, the brightfield scaled to a quarter: its gradient does not
          saturate, the cell area covers most of the frame and the
          default preset's watershed floods it (realistic; the article's
          Draq7 threshold floods the frame instead);
  dense   a synthetic confluent culture: cells and nuclei packed edge to
          edge, a third of them dead (the worst case);
  tiled   the same tiles as they are: bright data whose Sobel tiles
          saturate, so the article's cell-area threshold is above every
          pixel and the watershed has almost nothing to flood (the
          optimistic case);
  sample  the bundled sample tiled to the size: the one workload here
          that the article's method segments (on cells and tiled its
          Draq7 threshold floods, 87 % of the label mask, and on dense
          its cell-area threshold finds nothing), so its watershed has
          real cells to separate.

With --batch FRAMES (default 8; 0 leaves it out) it also runs `livedead
batch --stats` on a folder of that many 2048 x 2048 cells frames with
--jobs 1 and --jobs 2 and prints the frames per second, the processors
kept busy and the memory per job.

For each it runs, in one go: the reference's stages (timed one by one,
median of N), `livedead bench --preset article` (the same method) and
`livedead bench` with the default preset, all in one process each.  It
prints per stage, the whole pipeline, the speed ratio, the peak memory per
pixel, and how time grows with the number of pixels.  The reference is
skipped above --reference-max (default 8192).  With --rounds R (default
1) the three are run in turn R times on each frame, each round taking
every size of a workload in turn, and each figure is the median of the
rounds' medians: a stretch of minutes when the machine runs slower then
falls on both sides alike, and on the sizes whose growth is measured;
the ratio and the growth of each round are printed too.  Needs python3-opencv and python3-tifffile (Debian); the
product and its tests do not.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time


HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
SHARED = os.path.normpath(os.path.join(TOP, "..", "shared"))
WORKLOADS = ("cells", "dense", "tiled", "sample")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def tiled(size, channel):
    import numpy as np
    import tifffile

    data = os.path.join(SHARED, "data", "real", "celldetective_adcc_fields")
    names = sorted({f[:-len("_bf.tif")] for f in os.listdir(data) if f.endswith("_bf.tif")})
    tiles = [tifffile.imread(os.path.join(data, f"{n}_{channel}.tif")) for n in names]
    th, tw = tiles[0].shape
    rows, cols = -(-size // th), -(-size // tw)
    return np.vstack([np.hstack([tiles[(r * cols + c) % len(tiles)] for c in range(cols)])
                      for r in range(rows)])[:size, :size]


def dense(size):
    """Cells of radius 14-22 px on a jittered hexagonal grid, touching;
    a nucleus of radius 5-9 in each, a third of them dead."""
    import cv2
    import numpy as np

    rng = np.random.default_rng(7)
    bf = np.full((size, size), 9000, np.float32)
    ho = np.full((size, size), 300, np.float32)
    dr = np.full((size, size), 250, np.float32)
    step = 36
    for j, y in enumerate(range(0, size + step, step)):
        for x in range(-step, size + step, step):
            cx = int(x + (step // 2 if j % 2 else 0) + rng.integers(-6, 7))
            cy = int(y + rng.integers(-6, 7))
            r = int(rng.integers(14, 23))
            cv2.circle(bf, (cx, cy), r, 14000 + float(rng.integers(0, 4000)), -1)
            cv2.circle(bf, (cx, cy), r, 4000, 2)
            nx, ny = cx + int(rng.integers(-4, 5)), cy + int(rng.integers(-4, 5))
            nr = int(rng.integers(5, 10))
            if rng.random() < 1 / 3:
                cv2.circle(dr, (nx, ny), nr, 6000 + float(rng.integers(0, 6000)), -1)
                cv2.circle(ho, (nx, ny), nr, 1200, -1)
            else:
                cv2.circle(ho, (nx, ny), nr, 5000 + float(rng.integers(0, 8000)), -1)
    out = []
    for im, noise in ((bf, 500), (ho, 80), (dr, 60)):
        im = cv2.GaussianBlur(im, (0, 0), 1.5) + rng.normal(0, noise, im.shape).astype(np.float32)
        out.append(np.clip(im, 0, 65535).astype(np.uint16))
    return out


def sample(size, channel):
    import numpy as np
    import tifffile

    data = os.path.join(TOP, "data", "sample")
    name = next(f for f in sorted(os.listdir(data)) if f.endswith(f"_{channel}.tif"))
    tile = tifffile.imread(os.path.join(data, name))
    th, tw = tile.shape
    return np.tile(tile, (-(-size // th), -(-size // tw)))[:size, :size]


def make_triple(folder, workload, size):
    import numpy as np
    import tifffile

    if workload == "dense":
        images = dense(size)
    elif workload == "sample":
        images = [sample(size, c) for c in ("bf", "hoechst", "draq7")]
    else:
        images = [tiled(size, c) for c in ("bf", "hoechst", "draq7")]
        if workload == "cells":
            images[0] = images[0] // 4
    os.makedirs(folder, exist_ok=True)
    for channel, image in zip(("bf", "hoechst", "draq7"), images):
        tifffile.imwrite(os.path.join(folder, f"{workload}{size}_{channel}.tif"),
                         np.ascontiguousarray(image))


def reference_stages(reference, images, repeat):
    """Median time of each of the reference's stages, in ms, and the mean
    share of the frame in the cell area."""
    import numpy as np

    names = ("sobel", "thresholds", "masks", "watershed", "labels")
    times = {n: [] for n in names + ("whole pipeline",)}
    share = 0.0
    bf, ho, dr = images
    for _ in range(repeat + 1):  # the first run warms up
        t = [time.perf_counter()]
        sob = reference.sobel_gradient(bf)
        t.append(time.perf_counter())
        thresholds = [reference.threshold_image_fast(im, 1.2, 16) for im in (sob, ho, dr)]
        t.append(time.perf_counter())
        area, hmask, dmask = (reference.morph_image(im, th, 5)
                              for im, th in zip((sob, ho, dr), thresholds))
        t.append(time.perf_counter())
        cells, outlines, _ = reference.segregate_cells(area, dmask, hmask)
        t.append(time.perf_counter())
        reference.compose(cells, outlines, hmask, dmask)
        t.append(time.perf_counter())
        for i, n in enumerate(names):
            times[n].append(t[i + 1] - t[i])
        times["whole pipeline"].append(t[-1] - t[0])
        share = float(np.count_nonzero(area | hmask | dmask)) / area.size
    return {n: statistics.median(v[1:]) * 1000 for n, v in times.items()}, share


def ours(livedead, paths, repeat, preset):
    out = subprocess.run([livedead, "bench", *paths, "--repeat", str(repeat), "--preset", preset],
                         check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True, env=dict(os.environ, LC_ALL="C")).stdout
    stages, peak = {}, 0.0
    for line in out.splitlines():
        if line.startswith("peak resident memory:"):
            peak = float(line.split(":")[1].split()[0])
            continue
        parts = line.rsplit(None, 1)
        if len(parts) == 2:
            try:
                stages[parts[0].strip()] = float(parts[1])
            except ValueError:
                pass
    return stages, peak


# Our stages grouped as the reference's, to compare like with like.
GROUPS = {
    "sobel": ("sobel",),
    "thresholds": ("threshold cell area", "threshold hoechst", "threshold draq7"),
    "masks": ("mask cell area", "mask hoechst", "mask draq7"),
    "watershed": ("split nuclei", "watershed"),
    "labels": ("labels and counts",),
}


def median_of(dicts):
    """Each key's median over the rounds' figures (None where a side was
    not run)."""
    if dicts[0] is None:
        return None
    return {k: statistics.median(d[k] for d in dicts) for k in dicts[0]}


def repeats_for(size, repeat):
    """Fewer runs for larger frames, but three at least: a single run of
    an 8192 x 8192 frame moved by 15 % from one to the next."""
    return max(min(3, repeat), min(repeat, repeat * 2048 * 2048 // (size * size)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    parser.add_argument("--repeat", type=int, default=7,
                        help="runs at 2048 x 2048 (more below, fewer above)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="ours and the reference in turn this many times on each frame")
    parser.add_argument("--sizes", default="512,2048,4096,8192")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--reference-max", type=int, default=8192)
    parser.add_argument("--batch", type=int, default=8,
                        help="2048 x 2048 frames for the batch throughput (0: none)")
    parser.add_argument("--make-triple", nargs=3, metavar=("DIR", "WORKLOAD", "SIZE"),
                        help="only write one workload's triple into DIR (made if need be), "
                             "as DIR/<workload><size>_{bf,hoechst,draq7}.tif, for livedead bench "
                             "or bench-slider")
    args = parser.parse_args()

    if args.make_triple:
        make_triple(args.make_triple[0], args.make_triple[1], int(args.make_triple[2]))
        return

    livedead = os.path.join(args.build, "src", "cli", "livedead")
    if not os.access(livedead, os.X_OK):
        raise SystemExit(f"no {livedead}: build first (meson setup build && ninja -C build)")
    sizes = [int(s) for s in args.sizes.split(",")]
    workloads = [w for w in args.workloads.split(",") if w]
    for w in workloads:
        if w not in WORKLOADS:
            raise SystemExit(f"unknown workload {w}: one of {', '.join(WORKLOADS)}")

    sys.path.insert(0, os.path.join(SHARED, "tools"))
    import seed_reference as reference

    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; "
          f"median of N runs in one process each, after one untimed (N = {args.repeat} at 2048 x 2048, "
          f"scaled by the pixel count, 3 at least)")
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for workload in workloads:
            frames = {}
            for size in sizes:
                subprocess.run([sys.executable, __file__, "--make-triple", work, workload,
                                str(size)], check=True)
                paths = [os.path.join(work, f"{workload}{size}_{c}.tif")
                         for c in ("bf", "hoechst", "draq7")]
                images = ([reference.read16(p) for p in paths]
                          if size <= args.reference_max else None)
                frames[size] = (paths, repeats_for(size, args.repeat), images, [])
            # The triples just written go to disk before anything is
            # timed, not while (at 8192² that is 384 MiB of writing).
            os.sync()
            # Each round times every size in turn: a stretch of minutes
            # when the machine runs slower falls on all sizes of a round
            # alike, not on one size's rounds (the growth of each round is
            # printed).
            for _ in range(max(args.rounds, 1)):
                for size in sizes:
                    paths, n, images, rounds = frames[size]
                    article, peak = ours(livedead, paths, n, "article")
                    robust, _ = ours(livedead, paths, n, "robust")
                    ref, share = (reference_stages(reference, images, n)
                                  if images is not None else (None, None))
                    rounds.append((ref, article, robust, peak, share))
            for size in sizes:
                paths, n, images, rounds = frames[size]
                for p in paths:
                    os.unlink(p)
                ref, article, robust = (median_of([r[i] for r in rounds]) for i in range(3))
                peak, share = max(r[3] for r in rounds), rounds[-1][4]
                results[workload, size] = (ref, article, robust, peak, share)
                report(workload, size, n, ref, article, robust, peak, share)
                if len(rounds) > 1 and ref:
                    whole = [(r[0]["whole pipeline"], r[1]["whole pipeline"]) for r in rounds]
                    print("whole pipeline in each round, article against the reference: " +
                          ", ".join(f"{o:.1f} / {t:.1f} ms = {t / o:.1f}x" for t, o in whole))
                if len(rounds) > 1 and size != sizes[0]:
                    base = frames[sizes[0]][3]
                    print(f"growth from {sizes[0]} x {sizes[0]} in each round: article " +
                          ", ".join(f"{r[1]['whole pipeline'] / b[1]['whole pipeline']:.1f}x"
                                    for r, b in zip(rounds, base)) +
                          "; robust " +
                          ", ".join(f"{r[2]['whole pipeline'] / b[2]['whole pipeline']:.1f}x"
                                    for r, b in zip(rounds, base)))
            del frames

    if args.batch > 0:
        batch_throughput(livedead, args.batch)

    print()
    print("growth with size (whole pipeline, time relative to the smallest size; "
          "pixels grow as the square)")
    print(f"{'workload':<8}{'size':>7}{'pixels':>9}{'reference':>11}{'article':>9}{'robust':>9}")
    for workload in workloads:
        base = results[workload, sizes[0]]
        for size in sizes:
            ref, article, robust, _, _ = results[workload, size]
            px = (size / sizes[0]) ** 2
            rg = (f"{ref['whole pipeline'] / base[0]['whole pipeline']:>10.1f}x"
                  if ref and base[0] else f"{'-':>11}")
            print(f"{workload:<8}{size:>7}{px:>8.0f}x{rg}"
                  f"{article['whole pipeline'] / base[1]['whole pipeline']:>8.1f}x"
                  f"{robust['whole pipeline'] / base[2]['whole pipeline']:>8.1f}x")


def batch_throughput(livedead, frames):
    """`livedead batch --stats` on FRAMES copies of the 2048 x 2048 cells
    triple (hard links), with one job and with two."""
    print()
    print(f"== batch of {frames} frames of 2048 x 2048 (cells), livedead batch --stats")
    with tempfile.TemporaryDirectory() as work:
        source = os.path.join(work, "source")
        folder = os.path.join(work, "in")
        os.mkdir(source)
        os.mkdir(folder)
        subprocess.run([sys.executable, __file__, "--make-triple", source, "cells", "2048"],
                       check=True)
        for i in range(frames):
            for c in ("bf", "hoechst", "draq7"):
                os.link(os.path.join(source, f"cells2048_{c}.tif"),
                        os.path.join(folder, f"frame{i:03d}_{c}.tif"))
        for jobs in (1, 2):
            out = os.path.join(work, f"out{jobs}")
            err = subprocess.run([livedead, "batch", folder, "-o", out, "--jobs", str(jobs),
                                  "--stats"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True, env=dict(os.environ, LC_ALL="C")).stderr
            line = [x for x in err.splitlines() if "frames/s" in x]
            print(f"--jobs {jobs}: {line[-1] if line else 'no statistics: ' + err.strip()}")


def report(workload, size, n, ref, article, robust, peak, share):
    print()
    area = f", nuclei and cell area {share * 100:.0f} % of the frame" if share is not None else ""
    print(f"== {workload} {size} x {size}, {n} runs{area}")
    print(f"{'stage':<16}{'reference ms':>13}{'article ms':>12}{'ratio':>8}{'robust ms':>11}")
    for group, members in list(GROUPS.items()) + [("whole pipeline", ("whole pipeline",))]:
        a = sum(article.get(m, 0.0) for m in members)
        r = sum(robust.get(m, 0.0) for m in members)
        if ref:
            print(f"{group:<16}{ref[group]:>13.1f}{a:>12.1f}{ref[group] / max(a, 1e-3):>7.1f}x{r:>11.1f}")
        else:
            print(f"{group:<16}{'-':>13}{a:>12.1f}{'-':>8}{r:>11.1f}")
    print(f"peak memory of livedead bench: {peak:.0f} MiB = "
          f"{peak * 2**20 / (size * size):.1f} bytes a pixel")


if __name__ == "__main__":
    main()
