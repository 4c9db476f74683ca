#!/usr/bin/env bash
# `htx find` against `fzf --filter`, side by side, on the same records and the same queries.
#
#   bench/find_vs_fzf.sh [N]        # N cooperatives, default 100000
#
# Needs fzf (Debian: apt-get install fzf). Builds htx in release mode, generates the dataset
# (target/bench/gN.ron), writes every searchable record one per line for fzf (the same
# provinces, cooperatives and plan items htx searches: names, ids, districts, notes), warms
# htx's index cache with one run, then times each tool over the queries, RUNS times each, and
# prints the median wall time per query and the ratio. A measurement, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
RUNS=${RUNS:-7}
QUERIES=("nam dinh" "dong tien" "htx nong nghiep" "thuy san" "G-01-00001" "quyet thang" "xyzq")

command -v fzf >/dev/null || { echo "fzf is not installed (Debian: apt-get install fzf)" >&2; exit 2; }
cargo build --release --quiet --bin htx --example generate
mkdir -p target/bench
data=target/bench/g$N.ron
lines=target/bench/g$N.lines
[ -s "$data" ] || target/release/examples/generate "$N" > "$data"
# A private cache directory, so the run measures this dataset's cache and nothing else.
export XDG_CACHE_HOME=$PWD/target/bench/cache
htx=target/release/htx
if [ ! -s "$lines" ] || [ "$lines" -ot "$data" ]; then
    {
        "$htx" list provinces --file "$data" --format csv | tail -n +2
        "$htx" list cooperatives --file "$data" --format csv | tail -n +2
        "$htx" list plan --file "$data" --format csv | tail -n +2
    } > "$lines"
fi
"$htx" find --file "$data" warmup > /dev/null || true

# shellcheck source=bench/timing.sh
. bench/timing.sh

printf '%s cooperatives, %s records for fzf (%s), median of %s runs\n' \
    "$N" "$(wc -l < "$lines")" "$(du -h "$lines" | cut -f1)" "$RUNS"
printf '%-18s %12s %12s %8s\n' query "htx find ms" "fzf ms" ratio
total_htx=0 total_fzf=0
for q in "${QUERIES[@]}"; do
    h=$(time_ms /dev/null "$htx" find --file "$data" --limit 20 "$q")
    f=$(time_ms "$lines" fzf --filter "$q")
    printf '%-18s %12s %12s %8s\n' "$q" "$h" "$f" "$(awk -v h="$h" -v f="$f" 'BEGIN { printf "%.2f", h / f }')"
    total_htx=$(awk -v a="$total_htx" -v b="$h" 'BEGIN { print a + b }')
    total_fzf=$(awk -v a="$total_fzf" -v b="$f" 'BEGIN { print a + b }')
done
printf '%-18s %12s %12s %8s\n' all "$total_htx" "$total_fzf" "$(awk -v h="$total_htx" -v f="$total_fzf" 'BEGIN { printf "%.2f", h / f }')"
