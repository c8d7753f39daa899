#!/usr/bin/env bash
# CI: ae as a dependency. A throwaway host package depends on a clone of this repository by a file
# URL and a version tag, as an embedder's package would (SwiftPM then refuses unsafe build flags in
# ae), builds in release mode, runs .ci/host/check.ae through an embedded engine with the numerical
# builtins, and checks that it prints what this repository's `ae` prints.
# Then the benchmark line: ae-bench built by the host next to this repository's ae-bench, run in
# turn (spiral N=1e4, H=1000, d=2 and 10-D, ms per loss+gradient evaluation, median of 3 runs).
# It fails if the host's kernels are more than 1.5 times slower (e.g. no AVX2 dispatch: 25 times).
# Usage: .ci/host-package.sh   (after `swift build -c release`; the clone takes the committed HEAD)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git clone --quiet "$root" "$work/ae"
git -C "$work/ae" tag 0.0.0-ci
mkdir -p "$work/host/Sources/host"
cp "$root/.ci/host/main.swift" "$work/host/Sources/host/"
cat > "$work/host/Package.swift" <<PACKAGE
// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "host",
    dependencies: [.package(url: "file://$work/ae", exact: "0.0.0-ci")],
    targets: [
        .executableTarget(name: "host", dependencies: [
            .product(name: "AELang", package: "ae"), .product(name: "AEBindings", package: "ae"),
        ]),
    ]
)
PACKAGE

(cd "$work/host" && swift build -c release --product host && swift build -c release --product ae-bench) \
    >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

"$work/host/.build/release/host" "$root/.ci/host/check.ae" >"$work/host.out"
"$root/.build/release/ae" --quiet "$root/.ci/host/check.ae" >"$work/cli.out"
if ! diff "$work/cli.out" "$work/host.out"; then
    echo "host package: its output differs from the ae CLI's (above: < ae, > host)"
    exit 1
fi
echo "host package: built against ae 0.0.0-ci by file URL; check.ae prints what ae prints ($(wc -l <"$work/host.out") lines)"

# Four figures per ae-bench run: spiral and 10-D wall ms per evaluation, then their CPU ms (all
# threads; steadier when other programs share the cores, so the 1.5 bound is checked on them).
figures() {
    "$1" --evals 20 --no-torch --lbfgs 0 | awk '
        /\(a\) spiral.*eval/ { ws = $(NF-4) } /\(b\) 10-D.*eval/ { wt = $(NF-4) }
        /^d=2: CPU time/ { cs = $4 } /^d=10: CPU time/ { ct = $4 }
        END { print ws, wt, cs, ct }'
}
host_runs=() repo_runs=()
for _ in 1 2 3; do
    host_runs+=("$(figures "$work/host/.build/release/ae-bench")")
    repo_runs+=("$(figures "$root/.build/release/ae-bench")")
done
# median K RUNS...: the median of field K over the runs.
median() { local k=$1; shift; printf '%s\n' "$@" | awk -v k="$k" '{ print $k }' | sort -g | sed -n 2p; }
report() {
    local name=$1; shift
    printf "%-11s spiral eval %6.1f ms  10-D eval %6.1f ms  (CPU %6.1f / %6.1f ms)\n" "$name" \
        "$(median 1 "$@")" "$(median 2 "$@")" "$(median 3 "$@")" "$(median 4 "$@")"
}
report "host build" "${host_runs[@]}"
report "this build" "${repo_runs[@]}"
ratio() { echo "$(median "$1" "${host_runs[@]}") / $(median "$1" "${repo_runs[@]}")" | bc -l; }
printf "host/this   spiral %.2f  10-D %.2f  (CPU %.2f / %.2f)\n" "$(ratio 1)" "$(ratio 2)" "$(ratio 3)" "$(ratio 4)"
if (( $(echo "$(ratio 3) > 1.5 || $(ratio 4) > 1.5" | bc -l) )); then
    echo "host package: its kernels are more than 1.5 times slower than this build's"
    exit 1
fi
