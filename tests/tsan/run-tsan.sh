#!/usr/bin/env bash
# Runs the test suites under ThreadSanitizer.
#
#   tests/tsan/run-tsan.sh [BUILDDIR] [meson test options…]
#
# GLib's locks, thread pools and main-loop hand-offs are made of futexes
# and atomics inside libglib, which ThreadSanitizer only sees when GLib
# itself is built with it: without that, every GTask and GMutex looks like
# a race.  So the script first builds Debian 12's GLib (2.74) with
# -fsanitize=thread into a cache folder (once; about four minutes of CPU),
# then this project into BUILDDIR (default build-tsan) and runs the
# suites with that GLib (default: the core, the command and the window;
# pass --suite NAME to choose).  tests/tsan.supp lists the races left
# inside the libraries under the application, each with its reason.
#
# Needs the source package of GLib: deb-src lines for Debian's archive in
# the apt sources, or GLIB_SRC set to an unpacked GLib 2.74 source tree.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build-tsan}
[ $# -gt 0 ] && shift
cache=${LDA_TSAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/livedead-tsan}
glib_build=$cache/glib-build

if [ ! -e "$glib_build/glib/libglib-2.0.so.0" ]; then
  mkdir -p "$cache"
  if [ -z "${GLIB_SRC:-}" ]; then
    (cd "$cache" && apt-get source -qq glib2.0)
    GLIB_SRC=$(ls -d "$cache"/glib2.0-*/ | head -n 1)
  fi
  echo "== GLib with ThreadSanitizer, from $GLIB_SRC"
  rm -rf "$glib_build"
  meson setup "$glib_build" "$GLIB_SRC" -Db_sanitize=thread -Db_lundef=false \
    --buildtype=debugoptimized -Dtests=false -Dinstalled_tests=false \
    -Dlibmount=disabled -Dselinux=disabled -Dman=false -Dgtk_doc=false \
    -Dnls=disabled -Dlibelf=disabled -Dsysprof=disabled -Dxattr=false >/dev/null
  # The libraries' targets carry their full version (libglib-2.0.so.0.7400.6
  # with this Meson; the .so.0 names are links made with them).
  targets=$(ninja -C "$glib_build" -t targets all |
            sed -n 's/^\(\(glib\|gobject\|gio\|gmodule\|gthread\)\/lib[a-z]*-2\.0\.so[.0-9]*\): .*/\1/p')
  ninja -C "$glib_build" $targets >/dev/null
fi

# The build runs the system's GLib tools (glib-compile-resources …), which
# must not load the instrumented GLib: it is used by the tests only.
echo "== this project with ThreadSanitizer, in $build"
if [ ! -d "$build" ]; then
  meson setup "$build" "$top" -Db_sanitize=thread -Db_lundef=false --buildtype=debugoptimized
fi
ninja -C "$build"

libs=
for lib in glib gobject gio gmodule gthread; do
  libs=${libs:+$libs:}$glib_build/$lib
done
export LD_LIBRARY_PATH=$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
# GSlice keeps freed blocks per thread and hands them to another: memory
# that ThreadSanitizer would take for shared.
export G_SLICE=always-malloc

if [ $# -eq 0 ]; then
  set -- --suite core --suite cli --suite app
fi
# ThreadSanitizer runs code 5 to 15 times slower.
meson test -C "$build" --no-rebuild --print-errorlogs --timeout-multiplier 8 "$@"
