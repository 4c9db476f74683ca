#!/usr/bin/env bash
# Every performance figure of the README, side by side with its floor or its peer tool, in one
# run, for each size given:
#
#   bench/all.sh                    # 10000 100000 1000000 cooperatives
#   bench/all.sh 10000              # only 10,000
#   RUNS=11 PRESSES=100 bench/all.sh 100000
#
# For each size N: the floor for reading the file (`cat`) and the parser's floor (`htx check`);
# launch to the first full frame with the cache current (warm) and with none (cold); `htx find`
# with a warm cache against `rg -i` and `fzf --filter` over the cooperatives' CSV, and its peak
# memory; the TUI's key latencies and peak memory over a scripted session (a search, edits,
# saves: examples/bench_latency.rs); the index update after one edit against a full build
# (examples/bench_index.rs). It prints each tool's output as it goes, then a Markdown table per
# size, ready for the README's Performance section, with each budget's verdict.
#
# Needs rg and fzf (Debian: apt-get install ripgrep fzf) and GNU time (/usr/bin/time, Debian:
# apt-get install time). Datasets are target/bench/gN.ron (generated unless present and newer
# than the generator); the TUI runs on copies of them. htx runs with private XDG directories
# (target/bench/xdg), so the user's config, cache and journals are neither read nor touched.
# Timings are medians of RUNS runs (7 by default) of whole processes, wall time; the TUI's are
# through a pseudo-terminal. A measurement, not a test: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 100000 1000000)
RUNS=${RUNS:-7}
PRESSES=${PRESSES:-50}
INDEX_RUNS=${INDEX_RUNS:-200}
QUERIES=("nam dinh" "htx nong nghiep" "xyzq")

missing=()
command -v rg >/dev/null || missing+=("rg (Debian: apt-get install ripgrep)")
command -v fzf >/dev/null || missing+=("fzf (Debian: apt-get install fzf)")
[ -x /usr/bin/time ] || missing+=("/usr/bin/time (Debian: apt-get install time)")
for n in "${SIZES[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] || { echo "bench/all.sh: $n is not a number of cooperatives" >&2; exit 2; }
done
if [ ${#missing[@]} -gt 0 ]; then
    printf 'bench/all.sh needs %s\n' "${missing[@]}" >&2
    exit 2
fi

cargo build --release --quiet --bin htx --examples
htx=target/release/htx
ex=target/release/examples
mkdir -p target/bench
xdg=$PWD/target/bench/xdg
export XDG_CACHE_HOME=$xdg/cache XDG_STATE_HOME=$xdg/state XDG_CONFIG_HOME=$xdg/config \
    XDG_DATA_HOME=$xdg/data
mkdir -p "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

# shellcheck source=bench/timing.sh
. bench/timing.sh
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
# VALUE LIMIT → "met" or "not met" (VALUE ≤ LIMIT)
verdict() { awk -v v="$1" -v l="$2" 'BEGIN { print (v != "" && v + 0 <= l + 0) ? "met" : "not met" }'; }
kv() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
# The time `bench_index` prints for ROW ("median" or "slowest"), in ms.
index_ms() {
    awk -v row="$1" -v what="$2" '
        index($0, row) == 1 {
            for (i = 1; i <= NF; i++) if ($i == what) { v = $(i + 1); break }
            if (v ~ /ns$/) { sub(/ns$/, "", v); v /= 1e6 }
            else if (v ~ /µs$/) { sub(/µs$/, "", v); v /= 1e3 }
            else if (v ~ /ms$/) { sub(/ms$/, "", v) }
            else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1e3 }
            printf "%.3f", v; exit
        }' "$3"
}

header() {
    printf '%s, %s cores (%s), htx %s, load average %s\n' "$(date -u +%Y-%m-%d)" "$(nproc)" \
        "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
        "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
header
echo "median of $RUNS runs per timing, $PRESSES keys for the first latency step"

tables=()
for n in "${SIZES[@]}"; do
    data=target/bench/g$n.ron
    csv=target/bench/g$n.csv
    if [ ! -s "$data" ] || [ "$data" -ot "$ex/generate" ]; then
        "$ex/generate" "$n" > "$data.tmp" && mv "$data.tmp" "$data"
    fi
    if [ ! -s "$csv" ] || [ "$csv" -ot "$data" ] || [ "$csv" -ot "$htx" ]; then
        "$htx" list cooperatives --file "$data" --format csv > "$csv"
    fi
    bytes=$(stat -c %s "$data")
    file_mb=$(calc "$bytes / 1048576" 1)
    log=target/bench/all-$n   # each tool's output: $log.cold, .warm, .latency, .index
    echo
    echo "## $n cooperatives: $data, $file_mb MB; $csv, $(calc "$(stat -c %s "$csv") / 1048576" 1) MB"

    cat_ms=$(time_ms /dev/null cat "$data")
    check_ms=$(time_ms /dev/null "$htx" check "$data")
    echo "cat: $cat_ms ms; htx check: $check_ms ms"

    # The TUI on a copy: it may write next to its file.
    tui=target/bench/g$n.tui.ron
    cp "$data" "$tui"
    echo "launch, cold (no cache):"
    "$ex/bench_startup" "$htx" "$tui" --cache cold --runs "$RUNS" | tee "$log.cold"
    echo "launch, warm (cache current):"
    "$ex/bench_startup" "$htx" "$tui" --cache warm --runs "$RUNS" | tee "$log.warm"
    cold_ms=$(kv first_frame_ms "$log.cold")
    warm_ms=$(kv first_frame_ms "$log.warm")

    # `htx find` with its cache written by a first run.
    "$htx" find --file "$data" warmup > /dev/null 2>&1 || true
    find_rows=()
    find_peak=0
    for q in "${QUERIES[@]}"; do
        h=$(time_ms /dev/null "$htx" find --file "$data" --limit 20 "$q")
        r=$(time_ms /dev/null rg -i -- "$q" "$csv")
        f=$(time_ms "$csv" fzf --filter "$q")
        # (a query that matches nothing exits 1, and time says so before the figure)
        kb=$({ /usr/bin/time -f %M "$htx" find --file "$data" --limit 20 "$q" || true; } 2>&1 >/dev/null | tail -1)
        [ "$kb" -gt "$find_peak" ] && find_peak=$kb
        # (rg matches bytes: "nam dinh" finds no "Nam Định"; it scans the whole file either way)
        hits=$(rg -ic -- "$q" "$csv" || true)
        echo "find \"$q\": htx $h ms, rg -i $r ms (${hits:-0} lines), fzf --filter $f ms, htx peak $((kb / 1024)) MB"
        rg_ratio=$(calc "$h / $r")
        find_rows+=("| \`htx find \"$q\"\` (warm cache) | $h ms | \`rg -i\` $r ms (${hits:-0} lines), \`fzf --filter\` $f ms | $rg_ratio× rg, $(calc "$h / $f")× fzf | budget ≤ 2× rg | $(verdict "$rg_ratio" 2) |")
    done
    find_mb=$(calc "$find_peak / 1024" 1)
    find_ratio=$(calc "$find_mb / $file_mb")

    lat=target/bench/g$n.latency.ron
    cp "$data" "$lat"
    echo "key latencies and memory (bench_latency, frame end is what the table reports):"
    "$ex/bench_latency" "$lat" --htx "$htx" --presses "$PRESSES" --kv | tee "$log.latency" | grep -v '^step \|^peak_mb '
    tui_mb=$(kv peak_mb "$log.latency")
    tui_ratio=$(calc "$tui_mb / $file_mb")

    echo "index update (bench_index):"
    "$ex/bench_index" "$data" --runs "$INDEX_RUNS" | tee "$log.index"

    # The table.
    aim=16
    [ "$n" -gt 100000 ] && aim=50
    warm_ratio=$(calc "$warm_ms / $cat_ms" 1)
    cold_ratio=$(calc "$cold_ms / $check_ms")
    t="### $n cooperatives ($file_mb MB of RON)"$'\n\n'
    t+="$(header)"$'\n\n'
    t+="| what | htx | peer | ratio | budget | verdict |"$'\n'
    t+="|---|---|---|---|---|---|"$'\n'
    t+="| \`cat FILE > /dev/null\` (the floor for reading) | – | $cat_ms ms | | | |"$'\n'
    t+="| \`htx check FILE\` (the parser's floor) | $check_ms ms | – | | | |"$'\n'
    t+="| launch to first full frame, warm (cache current) | $warm_ms ms | \`cat\` $cat_ms ms | $warm_ratio× | budget ≤ 8× | $(verdict "$warm_ratio" 8) |"$'\n'
    t+="| launch to first full frame, cold (no cache) | $cold_ms ms | \`htx check\` $check_ms ms | $cold_ratio× | aim ≤ 1.2× | $(verdict "$cold_ratio" 1.2) |"$'\n'
    for row in "${find_rows[@]}"; do t+="$row"$'\n'; done
    t+="| peak memory of \`htx find\` | $find_mb MB | the file, $file_mb MB | $find_ratio× | aim ≤ 0.5× | $(verdict "$find_ratio" 0.5) |"$'\n'
    t+="| peak memory of the TUI (searches, edits, saves) | $tui_mb MB | the file, $file_mb MB | $tui_ratio× | budget ≤ 1.5× | $(verdict "$tui_ratio" 1.5) |"$'\n'
    while read -r _ name _ keys _ _ _ _ _ _ _ fmed _ fp99 _ fmax; do
        case $name in
            space_plan_status_right_after_s) what="status edit (Space in the plan) right after \`s\`" ;;
            space_plan_status_no_save) what="status edit (Space in the plan), no save" ;;
            enter_in_a_cooperative_s_form) what="cooperative form edit (Enter), no save" ;;
            enter_in_the_form_right_after_s) what="cooperative form edit (Enter) right after \`s\`" ;;
            u_right_after_s) what="undo (\`u\`) right after \`s\`" ;;
            ctrl_r_right_after_s) what="redo (Ctrl-r) right after \`s\`" ;;
            u_and_ctrl_r_no_save) what="undo and redo, no save" ;;
            y_delete_a_cooperative_after_s) what="delete a cooperative (\`y\`) after \`s\`" ;;
            y_delete_a_cooperative_no_save) what="delete a cooperative (\`y\`), no save" ;;
            *) what=${name//_/ } ;;
        esac
        if [ "$name" = space_plan_status_right_after_s ]; then
            ok=met
            [ "$(verdict "$fmed" 16)" = met ] && [ "$(verdict "$fmax" 50)" = met ] || ok="not met"
            t+="| key → redraw: $what, $keys keys | $fmed / $fmax ms (median / slowest) | | | budget median ≤ 16, slowest ≤ 50 | $ok |"$'\n'
        else
            t+="| key → redraw: $what, $keys keys | $fmed / $fp99 / $fmax ms (median / p99 / slowest) | | | aim p99 ≤ $aim ms | $(verdict "$fp99" "$aim") |"$'\n'
        fi
    done < <(grep '^step ' "$log.latency")
    build=$(index_ms "Index::build" median "$log.index")
    for row in rename members "delete middle" "undo delete" "add at end"; do
        upd=$(index_ms "$row: Index::apply" median "$log.index")
        slow=$(index_ms "$row: Index::apply" slowest "$log.index")
        t+="| index update after one edit ($row) | $upd ms median, $slow ms slowest | full build $build ms | $(calc "$upd / $build" 4)× | | |"$'\n'
    done
    tables+=("$t")
done

echo
echo "---------------------------------------------------------------- Markdown"
for t in "${tables[@]}"; do
    echo
    printf '%s' "$t"
done
