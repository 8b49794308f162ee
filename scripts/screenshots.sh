#!/usr/bin/env bash
# Screenshots of the real window under Xvfb (with openbox as window manager), saved in shots/:
#   default_WxH.png        the default experiment, as a first-time user sees it
#   spiral_WxH.png         the spiral with 6 x 8 units and all features, mid-training (playing)
#   hover_WxH.png          the spiral with the mouse over a hidden unit (large map shows that unit)
# in a window of 1280x720 and 1920x1080; then fullscreen (--fullscreen) on a screen of 1920x1080
# and of 3840x2160, the way a projector shows it:
#   full_default_WxH.png   the default experiment
#   full_spiral_WxH.png    the spiral, playing
#   present_spiral_WxH.png the spiral in presentation mode (P), playing
#   nowm_spiral_WxH.png    fullscreen again with no window manager running
# Needs xvfb, xdotool, imagemagick (import) and openbox.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=shots
mkdir -p "$OUT"
DISPLAY_NUM=${SHOTS_DISPLAY:-:97}
SPIRAL="dataset=spiral&networkShape=8,8,8,8,8,8&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&seed=0.5"
DEFAULT="seed=0.5"  # the default experiment (with no code the first start opens the lessons)
export SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1
PLAYGROUND_GAME_DATA_DIR=$(mktemp -d)  # no progress or last session written for the user
export PLAYGROUND_GAME_DATA_DIR
export DISPLAY=$DISPLAY_NUM

XVFB_PID=""
WM_PID=""
APP_PID=""
stop_wm() {
    if [ -n "$WM_PID" ]; then kill "$WM_PID" 2>/dev/null || true; wait "$WM_PID" 2>/dev/null || true; fi
    WM_PID=""
}
stop_x() {
    stop_app
    stop_wm
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; fi
    XVFB_PID=""
}
cleanup() {
    stop_x
    rm -rf "$PLAYGROUND_GAME_DATA_DIR"
}
stop_app() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    APP_PID=""
}
trap cleanup EXIT

start_x() {  # screen size, "wm" or "nowm"
    stop_x
    Xvfb "$DISPLAY_NUM" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    sleep 1
    if [ "$2" = wm ]; then
        openbox >/dev/null 2>&1 &
        WM_PID=$!
        sleep 1
    fi
}

# Screen position of a unit's centre, from the same layout code the app uses (headless).
unit_centre() {  # size layer unit code
    SDL_VIDEODRIVER=dummy python - "$@" <<'EOF'
import sys
sys.path.insert(0, "tests")
from pilot import Pilot
from playground_game.model.bookmark import parse_code
w, h = map(int, sys.argv[1].split("x"))
with Pilot(parse_code(sys.argv[4]).settings, size=(w, h)) as pilot:
    print(*pilot.rect(f"unit:{sys.argv[2]}:{sys.argv[3]}").center)
EOF
}

# The app's visible window (retried: going fullscreen may replace the window mid-query).
find_window() {
    WID=""
    for _ in $(seq 100); do
        WID=$(xdotool search --onlyvisible --pid "$APP_PID" 2>/dev/null | tail -1) || true
        [ -n "$WID" ] && return 0
        sleep 0.1
    done
    echo "no window for the app" >&2
    return 1
}

# start_app [args...]: start the app, wait for its window, let it draw.
start_app() {
    python -m playground_game "$@" >/dev/null 2>&1 &
    APP_PID=$!
    find_window
    sleep 3  # kernels load from the cache, first frames drawn
    find_window  # once it has settled
}

start_x 2560x1600 wm
for size in 1280x720 1920x1080; do
    start_app --size "$size" --code "$DEFAULT"
    xdotool windowmove "$WID" 0 0
    sleep 1
    import -window "$WID" "$OUT/default_$size.png"
    stop_app

    start_app --size "$size" --code "$SPIRAL" --epochs 150
    xdotool windowmove "$WID" 0 0
    xdotool mousemove 5 5 key --window "$WID" space
    sleep 2
    import -window "$WID" "$OUT/spiral_$size.png"
    read -r X Y < <(unit_centre "$size" 2 3 "$SPIRAL")
    xdotool key --window "$WID" space mousemove --window "$WID" "$X" "$Y"
    sleep 1
    import -window "$WID" "$OUT/hover_$size.png"
    stop_app
done

for screen in 1920x1080 3840x2160; do
    start_x "$screen" wm
    start_app --fullscreen --code "$DEFAULT"
    import -window root "$OUT/full_default_$screen.png"
    stop_app

    start_app --fullscreen --code "$SPIRAL" --epochs 150
    xdotool mousemove 5 5 key --window "$WID" space
    sleep 2
    import -window root "$OUT/full_spiral_$screen.png"
    xdotool key --window "$WID" p
    sleep 6  # the "Presentation mode" notice fades
    import -window root "$OUT/present_spiral_$screen.png"
    stop_app

    stop_wm
    start_app --fullscreen --code "$SPIRAL" --epochs 150
    import -window root "$OUT/nowm_spiral_$screen.png"
    stop_app
done
stop_x
ls -l "$OUT"
