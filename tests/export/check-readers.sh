#!/bin/sh
# check-readers.sh — exports a folder as nnunet and pairs and reads every
# file with tifffile, OpenCV, PIL and ImageJ (check-readers.py).
#
# Usage: tests/export/check-readers.sh BUILD-DIR IMAGE-FOLDER
# Needs: python3-tifffile python3-opencv python3-pil imagej xvfb
set -eu
build=$1
folder=$2
here=$(dirname "$0")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
/usr/bin/python3 "$here/check-readers.py" "$build/src/cli/livedead" "$folder" "$scratch"
