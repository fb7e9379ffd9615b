#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The --json summaries and counts.csv of livedead segment, batch and export.

Copies the bundled sample triple under a name with a comma, quotes, a line
break and non-ASCII letters, runs the three commands with --json in German
(de_DE.UTF-8, where numbers are written 0,5) and in C.UTF-8, and checks:
every summary against data/livedead-summary.schema.json (a small JSON
Schema validator below: type, enum, required, properties,
additionalProperties, items, minimum, maximum); counts.csv read with
Python's csv module, row for row equal to the summary's frames; the same
bytes in both locales; batch's one-line summary printed when stdout is a
pipe.

Usage: check-summary.py LIVEDEAD SOURCE_ROOT (Python's standard library only).
"""
import csv
import io
import json
import locale
import math
import os
import shutil
import subprocess
import sys
import tempfile

NAME = 'well "A",1\nrow é'
COLUMNS = ["frame", "time_index", "time_h", "cells", "live", "dead", "dead_fraction",
           "mean_cell_area_px", "mean_cell_area_um2", "labels", "params", "field"]


def fail(message):
    print("check-summary: " + message, file=sys.stderr)
    sys.exit(1)


def type_ok(value, name):
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "string":
        return isinstance(value, str)
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    fail("schema uses unknown type " + name)


def validate(value, schema, where="$"):
    """Raises ValueError naming the first place @value breaks @schema."""
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(type_ok(value, n) for n in names):
            raise ValueError("%s: %r is not %s" % (where, value, types))
    if "enum" in schema and value not in schema["enum"]:
        raise ValueError("%s: %r not in %s" % (where, value, schema["enum"]))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            raise ValueError("%s: %r < %r" % (where, value, schema["minimum"]))
        if "maximum" in schema and value > schema["maximum"]:
            raise ValueError("%s: %r > %r" % (where, value, schema["maximum"]))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                raise ValueError("%s: %s is missing" % (where, key))
        for key, item in value.items():
            if key in props:
                validate(item, props[key], where + "." + key)
            elif schema.get("additionalProperties", True) is False:
                raise ValueError("%s: %s is not allowed" % (where, key))
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            validate(item, schema["items"], "%s[%d]" % (where, i))


def self_test(schema):
    """The validator catches what it must: a test of the test."""
    good = {"command": "batch", "version": "1", "output": "o", "counts": None,
            "frames": [], "failed": [], "totals": {"frames": 0, "cells": 0, "live": 0,
                                                   "dead": 0, "dead_fraction": 0}}
    validate(good, schema)
    bad = [dict(good, command="run"), dict(good, extra=1),
           {k: v for k, v in good.items() if k != "totals"},
           dict(good, totals=dict(good["totals"], dead_fraction="0,5")),
           dict(good, totals=dict(good["totals"], dead_fraction=1.5))]
    for b in bad:
        try:
            validate(b, schema)
        except ValueError:
            continue
        fail("the validator accepted %r" % b)


def run(livedead, args, lang):
    env = dict(os.environ, LC_ALL=lang, LANGUAGE="de" if lang.startswith("de") else "")
    done = subprocess.run([livedead] + args, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if done.returncode != 0:
        fail("%s: exit %d: %s" % (" ".join(args), done.returncode,
                                  done.stderr.decode(errors="replace")))
    return done.stdout.decode()


def check_csv(path, summary):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if rows[0] != COLUMNS:
        fail("%s: header %r" % (path, rows[0]))
    if len(rows) - 1 != len(summary["frames"]):
        fail("%s: %d rows, the summary %d frames" % (path, len(rows) - 1, len(summary["frames"])))
    for row, frame in zip(rows[1:], summary["frames"]):
        record = dict(zip(COLUMNS, row))
        for key in ("frame", "labels", "params", "field"):
            if record[key] != frame[key]:
                fail("%s: %s %r, the summary %r" % (path, key, record[key], frame[key]))
        for key in ("time_index", "cells", "live", "dead"):
            if int(record[key]) != frame[key]:
                fail("%s: %s %r, the summary %r" % (path, key, record[key], frame[key]))
        for key, places in (("dead_fraction", 6), ("mean_cell_area_px", 2)):
            if abs(float(record[key]) - frame[key]) > 0.6 * 10 ** -places:
                fail("%s: %s %r, the summary %r" % (path, key, record[key], frame[key]))
        for key in ("time_h", "mean_cell_area_um2"):
            if (record[key] == "") != (frame[key] is None):
                fail("%s: %s %r, the summary %r" % (path, key, record[key], frame[key]))
    return rows


def main():
    livedead, root = sys.argv[1], sys.argv[2]
    with open(os.path.join(root, "data", "livedead-summary.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    self_test(schema)

    langs = ["C.UTF-8"]
    try:
        locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
        locale.setlocale(locale.LC_ALL, "C.UTF-8")
        langs.append("de_DE.UTF-8")
    except locale.Error:
        print("check-summary: de_DE.UTF-8 is not installed (locale-gen it): "
              "checked in C.UTF-8 only", file=sys.stderr)
        if os.environ.get("LDA_REQUIRE_DE_LOCALE"):
            fail("LDA_REQUIRE_DE_LOCALE is set")

    tmp = tempfile.mkdtemp(prefix="lda-summary-")
    try:
        images = os.path.join(tmp, "images")
        os.mkdir(images)
        sample = os.path.join(root, "data", "sample")
        paths = []
        for tag in ("bf", "hoechst", "draq7"):
            src = [n for n in os.listdir(sample) if n.endswith("_%s.tif" % tag)][0]
            dst = os.path.join(images, "%s_%s.tif" % (NAME, tag))
            shutil.copyfile(os.path.join(sample, src), dst)
            paths.append(dst)

        results = {}
        for lang in langs:
            out = os.path.join(tmp, lang)
            summaries = {
                "segment": run(livedead, ["segment"] + paths + ["-o", out + "-segment", "--json"], lang),
                "batch": run(livedead, ["batch", images, "-o", out + "-batch", "--json"], lang),
                "export": run(livedead, ["export", images, "-o", out + "-export", "--json"], lang),
            }
            line = run(livedead, ["batch", images, "-o", out + "-line", "--jobs", "1"], lang)
            if len(line.splitlines()) != 1 or "0.054" not in line:
                fail("batch printed %r, not one line with 0.054" % line)
            texts = {}
            for command, text in summaries.items():
                try:
                    summary = json.loads(text)
                    validate(summary, schema)
                except (ValueError, json.JSONDecodeError) as e:
                    fail("%s --json in %s: %s\n%s" % (command, lang, e, text))
                if summary["command"] != command or len(summary["frames"]) != 1:
                    fail("%s --json: %r" % (command, summary))
                # export names frames by their file stems (ASCII, no commas).
                expected = "well_A_1_row_" if command == "export" else NAME
                if summary["frames"][0]["frame"] != expected:
                    fail("%s --json: frame %r" % (command, summary["frames"][0]["frame"]))
                if summary["counts"] is not None:
                    rows = check_csv(summary["counts"], summary)
                    texts[command + ".csv"] = rows
                # Paths differ by locale; the rest is the same.
                for frame in summary["frames"]:
                    frame.pop("labels")
                texts[command] = (summary["frames"], summary["totals"])
            results[lang] = texts
        if len(langs) == 2 and results[langs[0]] != results[langs[1]]:
            fail("the German locale changed the numbers")
    finally:
        shutil.rmtree(tmp)
    print("check-summary: ok in " + ", ".join(langs))


main()
