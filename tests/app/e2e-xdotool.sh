#!/usr/bin/env bash
# End-to-end check of livedead-annotator with real input events, as a
# person would: start it on a two-frame folder, drag the cell-area offset
# slider, step to the next time point with Page Down, take the brush (B)
# and paint a stroke on the segmented pane, see it saved beside the images
# within two seconds; paint again at 1:1 (Ctrl+1) and with the segmented
# pane alone (Alt+4) zoomed in (Ctrl+plus), where the panes are drawn with
# square pixels, undo with Ctrl+Z, and see each step saved; quit with
# Ctrl+Q.
#
#   xvfb-run -a -s "-screen 0 1400x900x24" tests/app/e2e-xdotool.sh [BUILDDIR]
#
# Needs xdotool.  The application logs each result it shows (debug
# messages of the "livedead-annotator" domain); the script reads that log
# to see that the drag re-ran the segmentation and that the frame changed.
# The window has its default size (1280 × 800) at the top left of an empty
# X screen, so the slider is at a known place.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${1:-$top/build}
app=$build/src/app/livedead-annotator
work=$(mktemp -d)
log=$work/app.log
pid=

cleanup () {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

fail () {
  echo "e2e: FAILED: $*" >&2
  echo "--- application log:" >&2
  cat "$log" >&2
  exit 1
}

# Waits up to $2 seconds for a line matching $1 in the log.
wait_for () {
  for _ in $(seq 1 $(($2 * 10))); do
    grep -qE "$1" "$log" && return 0
    sleep 0.1
  done
  return 1
}

# Waits up to 5 s for file $1 to differ from checksum $2.
wait_changed () {
  for _ in $(seq 1 50); do
    [ "$(md5sum <"$1")" != "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# A horizontal drag of the primary button from ($1, $3) to ($2, $3).
drag () {
  xdotool mousemove "$1" "$3" mousedown 1
  for i in 1 2 3 4 5; do
    xdotool mousemove $(($1 + ($2 - $1) * i / 5)) "$3"
    sleep 0.05
  done
  xdotool mouseup 1
}

command -v xdotool >/dev/null || { echo "e2e: xdotool is not installed" >&2; exit 77; }
[ -x "$app" ] || { echo "e2e: no $app; build first" >&2; exit 1; }

mkdir -p "$work/series"
for t in 1 2; do
  for c in bf hoechst draq7; do
    cp "$top/data/sample/nov22-402-tile2-0_t41_$c.tif" "$work/series/well_t${t}_$c.tif"
  done
done

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$build/data}
export G_MESSAGES_DEBUG=livedead-annotator
"$app" "$work/series" >"$log" 2>&1 &
pid=$!

# 2231: the cell-area threshold of the sample with the default preset.
wait_for "frame 0 shown: thresholds 2231 " 30 || fail "the first frame was not shown"
echo "e2e: started, first frame shown"

# Let the window settle (a sanitizer build draws slowly), then drag the
# cell-area offset slider to the right.
sleep 2
# Under the Segmentation panel and the method chooser, at offset 1
# (below the counts, three lines).
xdotool mousemove 971 638
sleep 0.3
xdotool mousedown 1
for x in 990 1010 1030 1050 1070; do
  xdotool mousemove "$x" 638
  sleep 0.15
done
xdotool mouseup 1
wait_for "frame 0 shown: thresholds (2[3-9][0-9][0-9]|[3-9][0-9]{3}|[0-9]{5}) " 40 \
  || fail "dragging the offset slider did not re-run the segmentation"
echo "e2e: slider dragged, segmentation re-ran: $(grep 'frame 0 shown' "$log" | tail -n 1 | sed 's/.*shown: //')"

# Step to the next time point.
xdotool mousemove 400 300 click 1
xdotool key Page_Down
wait_for "frame 1 shown" 40 || fail "Page Down did not step to the next time point"
sleep 1
echo "e2e: Page Down showed the next time point"

# Paint: B takes the brush, 4 the Draq7 class; drag on the segmented pane.
xdotool key b key 4
xdotool mousemove 600 560 mousedown 1
for x in 620 640 660 680 700; do
  xdotool mousemove "$x" 570
  sleep 0.05
done
xdotool mouseup 1
edits="$work/series/livedead-project/edits/well_t2.edits"
for _ in $(seq 1 50); do
  [ -s "$edits" ] && break
  sleep 0.1
done
[ -s "$edits" ] || fail "the stroke was not saved within 5 s ($edits)"
echo "e2e: brush stroke painted and saved: $(basename "$edits"), $(stat -c %s "$edits") bytes"

# Zoomed in, the panes are drawn with square pixels from copies of the
# layer; a stroke there once aborted the application.  Paint at 1:1 in
# the four panes, then with the segmented pane alone, zoomed in, then undo:
# each step must reach the project folder.
sum=$(md5sum <"$edits")
xdotool key ctrl+1
sleep 1
drag 620 720 640
wait_changed "$edits" "$sum" || fail "the stroke at 1:1 was not saved"
kill -0 "$pid" 2>/dev/null || fail "the application died painting at 1:1"
echo "e2e: brush stroke at 1:1 painted and saved"

sum=$(md5sum <"$edits")
xdotool key alt+4
sleep 0.5
xdotool key ctrl+plus
sleep 0.3
xdotool key ctrl+plus
sleep 1
drag 300 450 300
wait_changed "$edits" "$sum" || fail "the stroke zoomed in with one pane alone was not saved"
kill -0 "$pid" 2>/dev/null || fail "the application died painting zoomed in"
echo "e2e: brush stroke zoomed in, segmented pane alone, painted and saved"

sum=$(md5sum <"$edits")
xdotool key ctrl+z
wait_changed "$edits" "$sum" || fail "the undo zoomed in was not saved"
kill -0 "$pid" 2>/dev/null || fail "the application died undoing zoomed in"
echo "e2e: Ctrl+Z undid the stroke zoomed in, and was saved"

# Quit.
xdotool key ctrl+q
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  fail "Ctrl+Q did not quit"
fi
wait "$pid"
status=$?
pid=
[ "$status" -eq 0 ] || fail "the application exited with status $status"
[ -e "$work/series/livedead-project/.livedead-lock" ] && fail "Ctrl+Q left the project's lock"
echo "e2e: Ctrl+Q quit cleanly and let go of the project"

# Stopped by the session (SIGTERM) right after a stroke, before the
# autosave's second: the stroke is saved all the same, the lock let go.
# The frame and panes come back as they were left: time point 2, one pane.
"$app" "$work/series" >"$log" 2>&1 &
pid=$!
wait_for "frame 1 shown" 30 || fail "reopening did not come back to the second time point"
sleep 2
sum=$(md5sum <"$edits")
xdotool key b key 3
drag 380 520 420
kill -TERM "$pid"
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$pid" 2>/dev/null && fail "SIGTERM did not stop the application"
wait "$pid"
status=$?
pid=
[ "$status" -eq 0 ] || fail "the application exited with status $status on SIGTERM"
[ "$(md5sum <"$edits")" != "$sum" ] || fail "the stroke before SIGTERM was not saved"
[ -e "$work/series/livedead-project/.livedead-lock" ] && fail "SIGTERM left the project's lock"
echo "e2e: SIGTERM right after a stroke saved it and let go of the project"
echo "e2e: ok"
