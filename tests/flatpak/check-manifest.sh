#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks, without Python or flatpak-builder, that the Flatpak manifest names
# the GNOME runtime and SDK, the application's command and a meson build, and
# asks for no blanket file system access.
set -u
manifest="${1:?usage: check-manifest.sh MANIFEST}"
status=0

need ()
{
  if ! grep -q -- "$1" "$manifest"; then
    echo "check-manifest: $manifest: $2" >&2
    status=1
  fi
}

[ -r "$manifest" ] || { echo "check-manifest: $manifest: cannot read" >&2; exit 1; }

need '"id": *"io\.github\.livedead\.Annotator"' 'the id is not io.github.livedead.Annotator'
need '"runtime": *"org\.gnome\.Platform"' 'the runtime is not org.gnome.Platform'
need '"runtime-version": *"[0-9][0-9.]*"' 'no runtime-version'
need '"sdk": *"org\.gnome\.Sdk"' 'the SDK is not org.gnome.Sdk'
need '"command": *"livedead-annotator"' 'the command is not livedead-annotator'
need '"buildsystem": *"meson"' 'no module is built with meson'
need '"--socket=wayland"' 'no Wayland socket'
need '"--socket=fallback-x11"' 'no X11 fallback socket'

if grep -q -- '--filesystem=' "$manifest"; then
  echo "check-manifest: $manifest: asks for --filesystem; files come through the document portal" >&2
  status=1
fi

[ "$status" -eq 0 ] && echo "check-manifest: $manifest: ok"
exit "$status"
