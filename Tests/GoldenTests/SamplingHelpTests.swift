import XCTest
import AELang
import AEBindings
import Foundation

/// The sampling builtins' help texts. (Their golden scripts run with all others in GoldenTests.)
final class SamplingHelpTests: XCTestCase {
    /// Every sampling builtin's help starts with its signature and its example runs.
    func testHelpExamplesRun() throws {
        let functions = Dictionary(Builtins.all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let names = ["mh", "langevin", "mala", "sample", "summary", "autocorr", "mmd", "energy_distance",
                     "manifold_distance", "coverage", "attractors", "curve_position", "along_curve", "ladder",
                     "annealed_langevin", "denoise"]
        for name in names {
            let function = try XCTUnwrap(functions[name], "\(name) is not registered")
            XCTAssertTrue(function.doc.hasPrefix("\(name)("), "\(name)'s help starts with its signature")
            XCTAssertTrue(function.doc.contains("\n    "), "\(name)'s help has an example")
        }
    }
}
