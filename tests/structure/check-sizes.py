#!/usr/bin/env python3
# check-sizes.py — small files with one job each, functions that fit on a
# screen or two: no source file of the product over 800 lines, no function
# of the product or its tests over 120.
#
# Usage: check-sizes.py SOURCE-ROOT
#
# Copyright 2026 The Live/Dead Annotator authors
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import os
import re
import sys

MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 120

root = sys.argv[1] if len(sys.argv) > 1 else '.'
problems = []


def functions(lines):
    """(name, first line, number of lines) of each function definition
    written in the project's style: the name at the start of a line, the
    body's braces alone on their lines."""
    i = 0
    while i < len(lines):
        m = re.match(r'^([a-z_][a-z0-9_]*) \(', lines[i])
        if m and i > 0 and not lines[i - 1].startswith('#'):
            j = i
            while j < len(lines) and lines[j] != '{' and not lines[j].endswith(';'):
                j += 1
            if j < len(lines) and lines[j] == '{':
                k = j
                while k < len(lines) and lines[k] != '}':
                    k += 1
                yield m.group(1), i + 1, k - j + 1
                i = k
        i += 1


for path in sorted(glob.glob(os.path.join(root, 'src', '**', '*.c'), recursive=True) +
                   glob.glob(os.path.join(root, 'tests', '**', '*.c'), recursive=True)):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    relative = os.path.relpath(path, root)
    if relative.startswith('src' + os.sep) and len(lines) - 1 > MAX_FILE_LINES:
        problems.append('%s: %d lines, more than %d' % (relative, len(lines) - 1, MAX_FILE_LINES))
    for name, first, n in functions(lines):
        if n > MAX_FUNCTION_LINES:
            problems.append('%s:%d: %s() is %d lines, more than %d'
                            % (relative, first, name, n, MAX_FUNCTION_LINES))

if problems:
    sys.exit('\n'.join(problems))
print('every source file of src/ within %d lines, every function within %d'
      % (MAX_FILE_LINES, MAX_FUNCTION_LINES))
