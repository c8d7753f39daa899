// swift-tools-version:6.0
import PackageDescription

// A libFuzzer harness over the lexer, parser, resolver and evaluator (with every builtin), kept out of
// the root package because it only links with `--sanitize fuzzer`:
//
//     cd Fuzz && swift build -c release --sanitize fuzzer --sanitize address --product ae-fuzz \
//         -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
//     .build/release/ae-fuzz -jobs=1 -workers=1 -max_len=4096 -timeout=5 corpus/
//
// (Without the explicit -sanitize-coverage the Swift code gets no coverage counters and the fuzzer
// runs blind.) Seeds: the golden scripts, samples and stdlib copied into seeds/.
// Crashes it finds are kept in ../Tests/fuzz-regressions/ and replayed by `swift test`.
//
// A second harness, ae-fuzz-lsp (same build with `--product ae-fuzz-lsp`), feeds the language server
// (`ae --lsp`) raw byte streams and framed messages; its seeds are in lsp-seeds/.
//
// - Without `--sanitize address` the harness runs about 2× faster (no leak or memory-error checks):
//   for long runs on all cores, `-jobs=1000 -workers=2` (a job ends at its first crash or timeout
//   and the next one starts). Then replay the grown corpus once under ASan for leaks and memory
//   errors: `-runs=0 corpus/` with the ASan build executes every unit once (a leak stops it).
// - `-merge=1 small/ corpus/` keeps a unit per feature: a few thousand units load in seconds where
//   the full corpus takes minutes at every job start.
// - Pausing a run (SIGSTOP) makes libFuzzer report the unit in flight as a timeout; replay such
//   artifacts before believing them.
let package = Package(
    name: "ae-fuzz",
    products: [
        .executable(name: "ae-fuzz", targets: ["AEFuzz"]),
        .executable(name: "ae-fuzz-lsp", targets: ["AEFuzzLSP"]),
    ],
    dependencies: [.package(name: "ae", path: "..")],
    targets: [
        .executableTarget(
            name: "AEFuzz",
            dependencies: [.product(name: "AELang", package: "ae"), .product(name: "AEBindings", package: "ae")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        .executableTarget(
            name: "AEFuzzLSP",
            dependencies: [.product(name: "AELanguageServer", package: "ae")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v5]
)
