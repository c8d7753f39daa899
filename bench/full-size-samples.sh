#!/usr/bin/env bash
# Runs samples 04, 06, 08 and 09 at the paper's sizes (`full`: 10000 points, 1000 hidden units on the
# spiral; 10000 points of the 10-D manifold) and checks the claims their text makes on the numbers
# they print. Not part of CI. Measured on 2 shared cores: 04 27 s, 06 27 s, 08 29 s (each trains the
# spiral DAE for 1000 iterations); 09 1070 s (17.6 min training the 10-D DAE, while other jobs ran).
# At full size 04 printed median cosine 0.995, divergence −1.02, 3 fixed points between the arms, all
# repelling; 06 bottom eigenvalue −10302 (−1/σ² = −10000), |cos| 0.999; 08 median cosine 0.987;
# 09 samples' median distance 0.310 (blurred held-out 0.308), coverage 1.000, MMD² 1.7e-4 (Gaussian
# fit 3.0e-3): every claim holds.
# Usage: bench/full-size-samples.sh            (builds the release `ae` first)
#        AE=path/to/ae bench/full-size-samples.sh
# Prints each sample's time and output, then one line per claim, PASS or FAIL; exits 1 on a FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${AE:-}" ]]; then
    swift build -c release --product ae >/dev/null
    AE=.build/release/ae
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0

# check NAME CONDITION: CONDITION is an awk expression on the variable v.
check() {
    local name=$1 value=$2 condition=$3
    if awk -v v="$value" "BEGIN { exit !($condition) }"; then
        echo "PASS $name ($value)"
    else
        echo "FAIL $name ($value)"
        failures=$((failures + 1))
    fi
}

run() {
    local stem=$1 start
    start=$(date +%s)
    "$AE" --quiet "samples/$stem.ae" "$out" full > "$out/$stem.out"
    echo "== $stem: $(( $(date +%s) - start )) s"
    cat "$out/$stem.out"
}

run 04-spiral-field
o="$out/04-spiral-field.out"
check "04: median cosine with the true score near the curve > 0.9" \
    "$(sed -n 's/.*true score): median \([-0-9.]*\).*/\1/p' "$o")" 'v > 0.9'
check "04: median divergence of r(x) - x on the curve within 0.1 of -1" \
    "$(sed -n 's/.*median divergence \([-0-9.]*\).*/\1/p' "$o")" 'v > -1.1 && v < -0.9'
check "04: every fixed point between the arms repels" \
    "$(sed -n 's/.*all repelling: \([a-z]*\).*/\1/p' "$o")" 'v == "true"'

run 06-hessian-directions
o="$out/06-hessian-directions.out"
check "06: median bottom eigenvalue within 10% of -1/sigma^2" \
    "$(sed -n 's/.*bottom \([-0-9.]*\) .*/\1/p' "$o")" 'v > -11000 && v < -9000'
check "06: median |cos(top eigenvector, tangent)| > 0.9" \
    "$(sed -n 's/.*tangent)| = \([0-9.]*\).*/\1/p' "$o")" 'v > 0.9'

run 08-local-mean
o="$out/08-local-mean.out"
check "08: median cosine(local mean shift, r(x) - x) > 0.9" \
    "$(sed -n 's/.*r(x) − x of the DAE) = \([-0-9.]*\).*/\1/p' "$o")" 'v > 0.9'

run 09-manifold-mh
o="$out/09-manifold-mh.out"
column() { awk -v row="$1" -v k="$2" 'index($0, row) { n = split($0, f, " "); print f[n - 3 + k] }' "$o"; }
samples=$(column "  samples  " 1)
blurred=$(column "held-out data + N" 1)
check "09: samples' median distance to the curve <= 1.25 x the blurred held-out data's ($blurred)" \
    "$samples" "v <= 1.25 * $blurred"
check "09: samples cover the curve (coverage >= 0.9)" "$(column "  samples  " 2)" 'v >= 0.9'
check "09: samples' MMD² to held-out below the Gaussian fit's ($(column "Gaussian fit" 3))" \
    "$(column "  samples  " 3)" "v < $(column "Gaussian fit" 3)"

[[ $failures -eq 0 ]]
