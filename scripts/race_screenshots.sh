#!/usr/bin/env bash
# Screenshots of a race in the real window under Xvfb (openbox as window manager), in shots/:
#   race_mid_WxH.png       two contestants (tanh against ReLU) mid-race, playing
#   race_end_WxH.png       the same race at its result banner
#   race4_mid_WxH.png      four contestants mid-race
#   race4_end_WxH.png      four contestants at the banner
#   *_closed_WxH.png       the same after Enter closed the banner (the finished race stays)
#   help_race_WxH.png      the help in a race, scrolled to its end (End)
# each in a window of 1920x1080, 1280x800 and 1024x768, and presenting (P): *_present.png.
# Needs xvfb, xdotool, imagemagick (import) and openbox.
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=shots
mkdir -p "$OUT"
DISPLAY_NUM=${SHOTS_DISPLAY:-:85}
FEATURES="x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true"
TWO="dataset=spiral&networkShape=8,8,8&$FEATURES&seed=0.5&race=activation%3Drelu&raceEpochs=1000"
FOUR="dataset=spiral&networkShape=6,6&seed=0.5&race=activation%3Drelu;optimizer%3Dadam%26learningRate%3D0.01;xTimesY%3Dtrue%26xSquared%3Dtrue%26ySquared%3Dtrue&raceTo=0.1&raceEpochs=2000"
export SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1
PLAYGROUND_GAME_DATA_DIR=$(mktemp -d)
export PLAYGROUND_GAME_DATA_DIR
export DISPLAY=$DISPLAY_NUM

Xvfb "$DISPLAY_NUM" -screen 0 2560x1600x24 -nolisten tcp &
XVFB_PID=$!
sleep 1
if ! kill -0 "$XVFB_PID" 2>/dev/null; then  # never draw on someone else's display
    echo "Xvfb could not start on $DISPLAY_NUM (in use?): set SHOTS_DISPLAY" >&2
    exit 1
fi
openbox >/dev/null 2>&1 &
WM_PID=$!
trap 'kill $WM_PID $XVFB_PID 2>/dev/null || true' EXIT
sleep 1

shoot() {  # NAME CODE SIZE PRESENT MID_SECONDS END_SECONDS
    local name=$1 code=$2 size=$3 present=$4 mid=$5 end=$6 suffix=""
    [ "$present" = yes ] && suffix="_present"
    .venv/bin/playground-game --code "$code" --size "$size" --speed 5 &
    local app=$!
    local win=""
    sleep 4  # kernels load from the cache; the window settles (it may be replaced meanwhile)
    for _ in $(seq 60); do
        win=$(xdotool search --onlyvisible --pid "$app" 2>/dev/null | tail -1) || true
        [ -n "$win" ] && break
        sleep 0.5
    done
    xdotool windowmove "$win" 0 0
    if [ "$present" = yes ]; then xdotool mousemove 5 5 key --window "$win" p; sleep 4; fi
    xdotool mousemove 5 5 key --window "$win" space
    sleep "$mid"
    import -window "$win" "$OUT/${name}_mid_${size}${suffix}.png"
    sleep "$end"
    import -window "$win" "$OUT/${name}_end_${size}${suffix}.png"
    xdotool mousemove 5 5 key --window "$win" Return
    sleep 1
    import -window "$win" "$OUT/${name}_closed_${size}${suffix}.png"
    if [ "$name" = race4 ]; then
        xdotool key --window "$win" h
        sleep 1
        xdotool key --window "$win" End
        sleep 1
        import -window "$win" "$OUT/help_race_${size}${suffix}.png"
    fi
    kill "$app"; wait "$app" 2>/dev/null || true
}

for size in 1920x1080 1280x800 1024x768; do
    shoot race "$TWO" "$size" no 2 6
    shoot race4 "$FOUR" "$size" no 1 8
done
shoot race "$TWO" 1024x768 yes 2 6
shoot race "$TWO" 1920x1080 yes 2 6
shoot race4 "$FOUR" 1024x768 yes 1 8
echo "race screenshots in $OUT/"
