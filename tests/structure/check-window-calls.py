#!/usr/bin/env python3
# check-window-calls.py — the window's files call one another in one
# direction only (docs/architecture.md, "The window's files").
#
# Reads src/app/lda-window*.c, finds which file defines each
# lda_window_*() function and which other files call it, and fails,
# naming the files, when the calls go round in a circle.
#
# Usage: check-window-calls.py SOURCE-ROOT
#
# Copyright 2026 The Live/Dead Annotator authors
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else '.'
files = sorted(glob.glob(os.path.join(root, 'src', 'app', 'lda-window*.c')))
if not files:
    sys.exit('no src/app/lda-window*.c below ' + root)

defined_in = {}
texts = {}
for path in files:
    with open(path, encoding='utf-8') as f:
        texts[path] = f.read()
    for m in re.finditer(r'^(lda_window_\w+) \(', texts[path], re.M):
        defined_in[m.group(1)] = path

calls = {path: {} for path in files}
for path, text in texts.items():
    for name in set(re.findall(r'\b(lda_window_\w+) \(', text)):
        callee = defined_in.get(name)
        if callee is not None and callee != path:
            calls[path].setdefault(callee, name)

# Depth-first search; a back edge is a circle.
state = {}
stack = []


def visit(path):
    state[path] = 'open'
    stack.append(path)
    for callee in sorted(calls[path]):
        if state.get(callee) == 'open':
            circle = stack[stack.index(callee):] + [callee]
            steps = []
            for a, b in zip(circle, circle[1:]):
                steps.append('%s calls %s() of %s' % (os.path.basename(a), calls[a][b],
                                                     os.path.basename(b)))
            sys.exit('the window\'s files call one another in a circle:\n  ' +
                     '\n  '.join(steps))
        if callee not in state:
            visit(callee)
    stack.pop()
    state[path] = 'done'


for path in files:
    if path not in state:
        visit(path)

n_calls = sum(len(c) for c in calls.values())
print('%d files, %d file-to-file dependencies, no circle' % (len(files), n_calls))
