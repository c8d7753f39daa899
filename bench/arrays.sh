#!/usr/bin/env bash
# Array expressions in ae next to NumPy (2 threads, float64), in the same run, on the same shapes:
# 10^6 numbers as a 10^6 × 1 Dataset and as a list (y = 2x + 1, sum(exp(x)), x[::2], sort), and the
# blur d + 0.1 * gaussian(...) of a 1000 × 10 Dataset. Each figure is the best of REPEATS runs.
# Usage: bench/arrays.sh                 (builds the release `ae` first; needs python3 with numpy)
#        AE=path/to/ae REPEATS=11 bench/arrays.sh
# Prints seconds per case and the ratio ae/numpy (below 1: ae is faster). NumPy's x[::2] is a view,
# so its line times x[::2].copy(), which is what ae's slice makes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPEATS=${REPEATS:-7}
if [[ -z "${AE:-}" ]]; then
    swift build -c release --product ae >/dev/null
    AE=.build/release/ae
fi
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
ae_out=$("$AE" --quiet bench/arrays.ae "$REPEATS")
np_out=$(python3 bench/arrays.py "$REPEATS")
printf "%-18s %10s %10s %8s\n" case ae numpy ae/numpy
paste -d'\t' <(echo "$ae_out") <(echo "$np_out") | while IFS=$'\t' read -r a n; do
    name=${a% *}; ta=${a##* }; tn=${n##* }
    printf "%-18s %10.5f %10.5f %8.2f\n" "$name" "$ta" "$tn" "$(echo "$ta / $tn" | bc -l)"
done
