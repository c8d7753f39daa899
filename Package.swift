// swift-tools-version:6.0
import PackageDescription

// Layers, bottom up:
//   AELang      the language: lexer, parser, resolver, evaluator, values, diagnostics, embedding API.
//               Knows nothing of numerics (its list sort calls one C kernel, in _AEKernels).
//   AENumerics  datasets, random numbers, auto-encoders, training, densities, samplers. Knows nothing
//               of the language.
//   AEPlots     figures: SVG and terminal (braille) rendering. Knows nothing of either.
//   AEBindings  the builtins that expose AENumerics and AEPlots to the language.
//   AELanguageServer  the language server for editors (`ae --lsp`), on AELang's analysis.
//   ae          the command-line program and REPL: a thin client of AELang's public API.
// The numerical kernels (_AEKernels, C) are compiled for the portable baseline and, on x86-64, for
// AVX2 + FMA too, and choose at run time (Dispatch.c). No target sets compiler flags: SwiftPM refuses
// unsafe flags in a package that another depends on by version.
let package = Package(
    name: "ae",
    products: [
        .executable(name: "ae", targets: ["ae"]),
        .executable(name: "ae-bench", targets: ["ae-bench"]),
        .executable(name: "ae-embed-example", targets: ["ae-embed-example"]),
        .library(name: "AELang", targets: ["AELang"]),
        .library(name: "AENumerics", targets: ["AENumerics"]),
        .library(name: "AEBindings", targets: ["AEBindings"]),
        .library(name: "AELanguageServer", targets: ["AELanguageServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // Atomic file writes and path handling, shared by the targets that read and write files.
        .target(name: "AEFiles"),
        // AELang uses one kernel of _AEKernels: sort's radix sort of doubles (SortDoubles.c).
        .target(name: "AELang", dependencies: ["AEFiles", "_AEKernels"]),
        .target(
            name: "AENumerics",
            dependencies: ["AEFiles", "AEData", "_AEKernels", .product(name: "RealModule", package: "swift-numerics")]
        ),
        // The files of data/ (the digits), compiled into the binary.
        .target(name: "AEData"),
        // The numerical kernels, in C: one copy per instruction set, chosen at run time.
        .target(name: "_AEKernels"),
        .target(name: "AEPlots", dependencies: ["AEFiles"]),
        .target(name: "AEBindings", dependencies: ["AELang", "AENumerics", "AEPlots", "AEFiles"]),
        // The ae files of stdlib/, compiled into the binary (as a source that stdlib/embed.py writes).
        .target(name: "AEStdlib"),
        // The language server (`ae --lsp`): LSP over a pair of file descriptors, answered from the
        // engine's analysis. A library so the fuzz harness can drive it too.
        .target(name: "AELanguageServer", dependencies: ["AELang", "AEBindings", "AEStdlib"]),
        .systemLibrary(
            name: "CReadline",
            pkgConfig: nil,
            providers: [.apt(["libreadline-dev"])]
        ),
        .executableTarget(
            name: "ae",
            dependencies: [
                "AELang", "AEBindings", "AEStdlib", "AELanguageServer", "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "ae-bench", dependencies: ["AENumerics"]),
        // A host program embedding the language (docs/embedding.md); CI runs it.
        .executableTarget(name: "ae-embed-example", dependencies: ["AELang", "AEBindings"], path: "Examples/EmbedDemo"),
        .testTarget(name: "AELangTests", dependencies: ["AELang", "AEFiles"]),
        .testTarget(name: "AENumericsTests", dependencies: ["AENumerics", "AEFiles"]),
        .testTarget(name: "AEPlotsTests", dependencies: ["AEPlots"], exclude: ["Golden"]),
        // Golden scripts live in Tests/golden/<feature>/ and are found through #filePath.
        .testTarget(name: "GoldenTests", dependencies: ["AELang", "AEBindings", "AEStdlib", "AEFiles"]),
        // Runs the built `ae` binary: batch mode, exit codes, and the REPL through a pseudo-terminal.
        .testTarget(name: "CLITests", dependencies: ["ae"]),
        // The language server in-process, serving a host's own engine.
        .testTarget(name: "AELanguageServerTests", dependencies: ["AELanguageServer", "AELang"]),
    ],
    swiftLanguageModes: [.v5]
)
