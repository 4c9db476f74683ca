# Timing helpers shared by the bench scripts (sourced, not run). RUNS must be set.

# Microseconds, without starting a process.
now() { local t=$EPOCHREALTIME; echo "${t/[.,]/}"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_ms() { # INPUT command... → median wall time in ms over RUNS runs, stdin from INPUT
    local input=$1; shift
    for _ in $(seq "$RUNS"); do
        local start; start=$(now)
        "$@" < "$input" > /dev/null 2>&1 || true
        echo $(( $(now) - start ))
    done | median | awk '{ printf "%.1f", $1 / 1000 }'
}
