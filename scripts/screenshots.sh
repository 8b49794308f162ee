#!/usr/bin/env bash
# Screenshots of the real window under Xvfb (with openbox as window manager), saved in shots/:
#   default_WxH.png   the default experiment, as a first-time user sees it
#   spiral_WxH.png    the spiral with 6 x 8 units and all features, mid-training (playing)
#   hover_WxH.png     the spiral with the mouse over a hidden unit (large map shows that unit)
# at 1280x720 and 1920x1080. Needs xvfb, xdotool, imagemagick (import) and openbox.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=shots
mkdir -p "$OUT"
DISPLAY_NUM=${SHOTS_DISPLAY:-:97}
SPIRAL="dataset=spiral&networkShape=8,8,8,8,8,8&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&seed=0.5"
export SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1

Xvfb "$DISPLAY_NUM" -screen 0 2560x1600x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
    kill "$WM_PID" 2>/dev/null || true
    kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$DISPLAY_NUM
sleep 1
openbox >/dev/null 2>&1 &
WM_PID=$!
sleep 1

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

# start_app size [args...]: start the app, wait for its window, put it at the top left.
start_app() {
    local size=$1
    shift
    python -m playground_game --size "$size" "$@" >/dev/null 2>&1 &
    APP_PID=$!
    WID=$(xdotool search --sync --onlyvisible --pid "$APP_PID" | tail -1)
    xdotool windowmove "$WID" 0 0
    sleep 3  # kernels load from the cache, first frames drawn
}

stop_app() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

for size in 1280x720 1920x1080; do
    start_app "$size"
    import -window "$WID" "$OUT/default_$size.png"
    stop_app

    start_app "$size" --code "$SPIRAL" --epochs 150
    xdotool mousemove 5 5 key --window "$WID" space
    sleep 2
    import -window "$WID" "$OUT/spiral_$size.png"
    read -r X Y < <(unit_centre "$size" 2 3 "$SPIRAL")
    xdotool key --window "$WID" space mousemove --window "$WID" "$X" "$Y"
    sleep 1
    import -window "$WID" "$OUT/hover_$size.png"
    stop_app
done
ls -l "$OUT"
