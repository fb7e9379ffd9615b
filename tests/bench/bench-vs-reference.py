#!/usr/bin/python3
"""Times the C pipeline against the OpenCV reference, side by side.

  tests/bench/bench-vs-reference.py [--build BUILDDIR] [--repeat N] [--size S]

Builds an S x S triple (default 2048) by tiling the real 512 x 512 crops of
../shared/data/real, then in one run:
  - the reference's segment() N times in this process (median),
  - `livedead bench` N times in one process (median per stage and whole),
  - `livedead segment` once, for its peak resident memory.
Prints a table and the speed ratio.  Needs python3-opencv and
python3-tifffile (Debian); the product and its tests do not.
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


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def make_triple(folder, size):
    import numpy as np
    import tifffile

    data = os.path.join(SHARED, "data", "real", "celldetective_adcc_fields")
    names = sorted({f[:-len("_bf.tif")] for f in os.listdir(data) if f.endswith("_bf.tif")})
    paths = []
    for channel in ("bf", "hoechst", "draq7"):
        tiles = [tifffile.imread(os.path.join(data, f"{n}_{channel}.tif")) for n in names]
        th, tw = tiles[0].shape
        rows, cols = -(-size // th), -(-size // tw)
        grid = np.vstack([np.hstack([tiles[(r * cols + c) % len(tiles)] for c in range(cols)])
                          for r in range(rows)])[:size, :size]
        path = os.path.join(folder, f"bench_{channel}.tif")
        tifffile.imwrite(path, np.ascontiguousarray(grid))
        paths.append(path)
    return paths


def peak_memory_kib(argv):
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(TOP, "build"))
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--make-triple", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.make_triple:
        make_triple(args.make_triple, args.size)
        return

    livedead = os.path.join(args.build, "src", "cli", "livedead")
    if not os.access(livedead, os.X_OK):
        raise SystemExit(f"no {livedead}: build first (meson setup build && ninja -C build)")

    with tempfile.TemporaryDirectory() as work:
        # The triple is made in a child process, and the peak memory of
        # livedead is measured before this process loads NumPy and OpenCV:
        # a forked child's peak counts the parent's pages from before exec.
        subprocess.run([sys.executable, __file__, "--make-triple", work, "--size", str(args.size)],
                       check=True)
        bf, ho, dr = (os.path.join(work, f"bench_{c}.tif") for c in ("bf", "hoechst", "draq7"))
        input_bytes = 3 * args.size * args.size * 2
        # The reference computes the article's method: so does livedead here.
        peak = peak_memory_kib([livedead, "segment", bf, ho, dr, "-o",
                                os.path.join(work, "out"), "--stages", "--quiet",
                                "--preset", "article"])

        sys.path.insert(0, os.path.join(SHARED, "tools"))
        import seed_reference as reference

        images = [reference.read16(p) for p in (bf, ho, dr)]
        reference.segment(*images)  # warm-up
        ref_times = []
        for _ in range(args.repeat):
            reference.segment(*images, timings=ref_times)

        out = subprocess.run([livedead, "bench", bf, ho, dr, "--repeat", str(args.repeat),
                              "--preset", "article"],
                             check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True).stdout
        ours = {}
        for line in out.splitlines():
            parts = line.rsplit(None, 1)
            if len(parts) == 2:
                try:
                    ours[parts[0].strip()] = float(parts[1])
                except ValueError:
                    pass

    ref_ms = statistics.median(ref_times) * 1000
    our_ms = ours["whole pipeline"]
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; "
          f"{args.size} x {args.size} triple tiled from shared/data/real; "
          f"median of {args.repeat} runs in one process")
    print()
    print(f"{'stage':<24}{'livedead ms':>12}")
    for name, value in ours.items():
        if name != "whole pipeline":
            print(f"{name:<24}{value:>12.2f}")
    print()
    print(f"{'whole pipeline':<24}{'ms':>12}")
    print(f"{'reference (OpenCV)':<24}{ref_ms:>12.1f}")
    print(f"{'livedead':<24}{our_ms:>12.1f}")
    print(f"{'speed-up':<24}{ref_ms / our_ms:>11.1f}x")
    print()
    print(f"peak memory of livedead segment --stages: {peak / 1024:.1f} MiB "
          f"= {peak * 1024 / input_bytes:.2f} x the inputs ({input_bytes / 2**20:.0f} MiB)")


if __name__ == "__main__":
    main()
