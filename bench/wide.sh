#!/usr/bin/env bash
# Wide data: ae's DAE loss + gradient and 100 L-BFGS iterations next to the plain NumPy program
# (bench/wide_reference.py, OpenBLAS, 2 threads), in the same run, for d in {2, 10, 64, 200, 784},
# N = 10000 (2000 for d >= 200), H = 1000, float64. Each round runs ae then NumPy; with ROUNDS > 1
# the figures are min..max over the rounds (the machine may be shared: compare within a round).
# Peak memory is the maximum resident size of each process (/usr/bin/time -v).
# Usage: bench/wide.sh                    (builds the release ae-bench; NumPy from .venv-bench if
#                                          present, else python3; creates .venv-bench if numpy is missing)
#        DIMS="64 784" ROUNDS=3 EVALS=5 LBFGS=100 THREADS=2 bench/wide.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DIMS=${DIMS:-"2 10 64 200 784"}
ROUNDS=${ROUNDS:-1}
EVALS=${EVALS:-5}
LBFGS=${LBFGS:-100}
THREADS=${THREADS:-2}
if [[ -z "${AE_BENCH:-}" ]]; then
    swift build -c release --product ae-bench >/dev/null
    AE_BENCH=.build/release/ae-bench
fi
PYTHON=${PYTHON:-python3}
[[ -x .venv-bench/bin/python ]] && PYTHON=.venv-bench/bin/python
if ! "$PYTHON" -c "import numpy, scipy" 2>/dev/null; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install --quiet numpy scipy
    PYTHON=.venv-bench/bin/python
fi
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS

# Runs a command under /usr/bin/time -v; prints its `key value` lines plus maxrss_mb of the process.
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v -o "$log" "$@" | grep -v '^maxrss_mb'
    awk '/Maximum resident set size/ { printf "maxrss_mb %.0f\n", $NF / 1024 }' "$log"
    rm -f "$log"
}
value() { awk -v k="$1" '$1 == k { print $2 }'; }
range() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (lo == hi) printf "%.3g", lo; else printf "%.3g..%.3g", lo, hi }'; }

echo "ae-bench wide vs NumPy $("$PYTHON" -c 'import numpy; print(numpy.__version__)') (OpenBLAS), $THREADS threads, H = 1000, f64; $ROUNDS round(s)"
printf "%-4s %-6s %-14s %-14s %-12s %-22s %-22s %-10s %-10s\n" d N "ae eval s" "numpy eval s" "numpy/ae" \
    "ae $LBFGS L-BFGS s (evals)" "numpy $LBFGS L-BFGS s (evals)" "ae MB" "numpy MB"
for d in $DIMS; do
    n=10000
    (( d >= 200 )) && n=2000
    ae_eval=() np_eval=() ratio=() ae_lb=() np_lb=() ae_mb=() np_mb=()
    for ((round = 0; round < ROUNDS; round++)); do
        a=$(measure "$AE_BENCH" wide --dim "$d" --rows "$n" --hidden 1000 --evals "$EVALS" --lbfgs "$LBFGS" --threads "$THREADS")
        p=$(measure "$PYTHON" bench/wide_reference.py --dim "$d" --rows "$n" --hidden 1000 --evals "$EVALS" --lbfgs "$LBFGS")
        ae_eval+=("$(value eval_s <<<"$a")"); np_eval+=("$(value eval_s <<<"$p")")
        ratio+=("$(echo "${np_eval[-1]} / ${ae_eval[-1]}" | bc -l)")
        ae_lb+=("$(value lbfgs_s <<<"$a")"); np_lb+=("$(value lbfgs_s <<<"$p")")
        ae_mb+=("$(value maxrss_mb <<<"$a")"); np_mb+=("$(value maxrss_mb <<<"$p")")
        ae_ev=$(value lbfgs_evaluations <<<"$a"); np_ev=$(value lbfgs_evaluations <<<"$p")
    done
    lb_a="-" lb_p="-"
    if (( LBFGS > 0 )); then
        lb_a="$(printf '%s\n' "${ae_lb[@]}" | range) ($ae_ev)"
        lb_p="$(printf '%s\n' "${np_lb[@]}" | range) ($np_ev)"
    fi
    printf "%-4s %-6s %-14s %-14s %-12s %-22s %-22s %-10s %-10s\n" "$d" "$n" \
        "$(printf '%s\n' "${ae_eval[@]}" | range)" "$(printf '%s\n' "${np_eval[@]}" | range)" \
        "$(printf '%s\n' "${ratio[@]}" | range)" "$lb_a" "$lb_p" \
        "$(printf '%s\n' "${ae_mb[@]}" | range)" "$(printf '%s\n' "${np_mb[@]}" | range)"
done
