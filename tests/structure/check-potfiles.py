#!/usr/bin/env python3
# check-potfiles.py — every source file and .ui template of the product
# that marks a message for translation is listed in po/POTFILES.in, and every file
# listed there exists: otherwise its messages never reach the template,
# and a translator never sees them.
#
# Usage: check-potfiles.py SOURCE-ROOT
#
# Copyright 2026 The Live/Dead Annotator authors
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else '.'
MARKED = re.compile(r'\b(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')

with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith('#')}

problems = []
sources = [(p, MARKED) for p in glob.glob(os.path.join(root, 'src', '**', '*.c'), recursive=True)]
sources += [(p, re.compile(r'translatable="yes"'))
            for p in glob.glob(os.path.join(root, 'ui', '**', '*.ui'), recursive=True)]
for path, marked in sorted(sources):
    name = os.path.relpath(path, root)
    with open(path, encoding='utf-8') as f:
        if marked.search(f.read()) and name not in listed:
            problems.append(f'{name}: marks messages for translation but is not in po/POTFILES.in')
for name in sorted(listed):
    if not os.path.exists(os.path.join(root, name)):
        problems.append(f'po/POTFILES.in: {name} does not exist')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f'{len(listed)} files listed in po/POTFILES.in, every source file with messages among them')
