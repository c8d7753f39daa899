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
let package = Package(
    name: "ae-fuzz",
    products: [.executable(name: "ae-fuzz", targets: ["AEFuzz"])],
    dependencies: [.package(name: "ae", path: "..")],
    targets: [
        .executableTarget(
            name: "AEFuzz",
            dependencies: [.product(name: "AELang", package: "ae"), .product(name: "AEBindings", package: "ae")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v5]
)
