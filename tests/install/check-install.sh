#!/usr/bin/env bash
# Installs the project into a staging folder and starts the installed
# application there under Xvfb: it must find its resources, settings
# schema, sample and translations from its own prefix.
#
#   tests/install/check-install.sh [BUILDDIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

DESTDIR="$stage" meson install -C "$build" --quiet >/dev/null
app=$(find "$stage" -path '*/bin/livedead-annotator' | head -n 1)
root=${app%/bin/livedead-annotator}
prefix=${root#"$stage"}
[ -x "$app" ] || { echo "install: no $app" >&2; exit 1; }
[ -x "$root/bin/livedead" ] || { echo "install: no livedead" >&2; exit 1; }

# The schema as the installed copy would be compiled by its package.
glib-compile-schemas "$root/share/glib-2.0/schemas"

log="$stage/app.log"
export GSETTINGS_SCHEMA_DIR="$root/share/glib-2.0/schemas"
export GSETTINGS_BACKEND=memory
export XDG_DATA_DIRS="$root/share:${XDG_DATA_DIRS:-/usr/share}"
export XDG_DATA_HOME="$stage/home-data"
export LDA_SAMPLE_DIR="$root/share/livedead-annotator/sample"
export LDA_LOCALEDIR="$root/share/locale"
export G_MESSAGES_DEBUG=livedead-annotator

xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
  '$app' > '$log' 2>&1 &
  pid=\$!
  for i in \$(seq 1 100); do
    grep -q 'frame 0 shown' '$log' && break
    kill -0 \$pid 2>/dev/null || break
    sleep 0.1
  done
  kill \$pid 2>/dev/null
  wait \$pid 2>/dev/null
  true"

if ! grep -q 'frame 0 shown' "$log"; then
  echo "install: the installed application did not show the sample:" >&2
  cat "$log" >&2
  exit 1
fi
"$root/bin/livedead" --version >/dev/null
for file in share/applications/io.github.livedead.Annotator.desktop \
            share/metainfo/io.github.livedead.Annotator.metainfo.xml \
            share/icons/hicolor/scalable/apps/io.github.livedead.Annotator.svg \
            share/locale/de/LC_MESSAGES/livedead-annotator.mo \
            share/man/man1/livedead.1 share/bash-completion/completions/livedead; do
  [ -s "$root/$file" ] || { echo "install: $file is missing" >&2; exit 1; }
done
echo "install: the installed application started from $prefix and showed the sample"
