#!/usr/bin/env bash
# Times the interpreter against CPython and Lua 5.4 on the same three programs:
#   fib.ae   fib(30), recursive calls
#   loop.ae  a 10^7-iteration while loop with float arithmetic
#   list.ae  builds a 10^6-element list, then sums it by index
# Usage: bench/interpreter.sh            (builds the release `ae` first)
#        AE=path/to/ae bench/interpreter.sh
# Prints wall-clock seconds (best of RUNS, default 3) and the ratios ae/python, ae/lua.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}

if [[ -z "${AE:-}" ]]; then
    swift build -c release --product ae >/dev/null
    AE=.build/release/ae
fi
if ! command -v lua5.4 >/dev/null; then
    echo "installing lua5.4 (Debian package) ..." >&2
    if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo=sudo; fi
    $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq lua5.4 >/dev/null
fi

# best_time CMD...: the fastest of $RUNS runs, in seconds.
best_time() {
    local best=""
    for _ in $(seq "$RUNS"); do
        local start end t
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    done
    printf "%.3f" "$best"
}

printf "%-6s %9s %9s %9s %10s %10s\n" bench ae python3 lua5.4 ae/python ae/lua
for bench in fib loop list; do
    a=$(best_time "$AE" "bench/$bench.ae")
    p=$(best_time python3 "bench/$bench.py")
    l=$(best_time lua5.4 "bench/$bench.lua")
    printf "%-6s %9s %9s %9s %10.2f %10.2f\n" "$bench" "$a" "$p" "$l" \
        "$(echo "$a / $p" | bc -l)" "$(echo "$a / $l" | bc -l)"
done
echo "(ratios below 1 mean ae is faster; the machine's load makes single runs noisy)"
