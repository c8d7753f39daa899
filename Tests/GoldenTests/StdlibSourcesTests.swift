import AEStdlib
import Foundation
import XCTest

/// The modules compiled into the binary are the files of `stdlib/`: one edited without regenerating
/// `Sources/AEStdlib/StdlibSources.swift` fails here, with the command that regenerates it.
final class StdlibSourcesTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("stdlib").path
    static let regenerate = "stdlib/ and the compiled-in copy differ: run `python3 stdlib/embed.py` and commit "
        + "Sources/AEStdlib/StdlibSources.swift"

    func testTheCompiledInModulesAreTheFilesOfStdlib() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: StdlibSourcesTests.folder)
            .filter { $0.hasSuffix(".ae") }.map { String($0.dropLast(3)) }.sorted()
        XCTAssertFalse(names.isEmpty)
        XCTAssertEqual(Stdlib.modules.keys.sorted(), names, StdlibSourcesTests.regenerate)
        for name in names {
            let text = try String(contentsOfFile: StdlibSourcesTests.folder + "/\(name).ae", encoding: .utf8)
            XCTAssertTrue(Stdlib.modules[name] == text, "\(name).ae: " + StdlibSourcesTests.regenerate)
        }
    }
}
