import Foundation
import XCTest
import AEPlots

final class FormatTests: XCTestCase {
    func testSVGNumbersHaveAtMostTwoDecimals() {
        let svg = SVGRenderer().render(.single(Figure(layers: [.scatter(Scatter(xs: [1 / 3.0, -0.001], ys: [2 / 3.0, 1e-9]))])))
        let numbers = svg.matches(of: try! Regex("[0-9]+\\.([0-9]+)")).map { $0.output[1].substring?.count ?? 0 }
        XCTAssertFalse(numbers.isEmpty)
        XCTAssertLessThanOrEqual(numbers.max() ?? 0, 2)
        XCTAssertFalse(svg.contains("\"-0\""))
    }

    func testPaletteHexAndTerminalCodes() {
        XCTAssertEqual(Palette.okabeIto.map(\.hex),
                       ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442"])
        XCTAssertEqual(RGB(255, 255, 255).xterm256, 231)
        XCTAssertEqual(RGB(0, 0, 0).xterm256, 16)
        XCTAssertEqual(Palette.sequential(0).hex, "#440154")
        XCTAssertEqual(Palette.sequential(1).hex, "#FDE725")
        XCTAssertEqual(Palette.sequential(.nan).hex, "#440154")
    }

    func testHistogramCountsEveryFiniteValue() {
        let bars = Bars.histogram([0, 0.1, 0.5, 0.99, 1, .nan], bins: 2)
        XCTAssertEqual(bars.edges, [0, 0.5, 1])
        XCTAssertEqual(bars.heights, [2, 3])
    }

    func testQuiverScalesTheLongestArrowToNineTenthsOfTheSpacing() {
        // A 2 × 2 grid with spacing 1 (box 1 × 1, 4 points → sqrt(1/4) = 0.5).
        let q = Quiver(xs: [0, 1, 0, 1], ys: [0, 0, 1, 1], us: [2, 1, 0, 0.002], vs: [0, 0, 0, 0])
        let a = q.arrows()
        XCTAssertEqual(a[0].tipX, 0.45, accuracy: 1e-12)
        XCTAssertEqual(a[1].tipX, 1.225, accuracy: 1e-12)
        XCTAssertEqual(a[2].tipX, 0)
        XCTAssertEqual(a[3].level, 0, accuracy: 1e-12)   // 1000× smaller: the floor of three decades
        XCTAssertEqual(a[0].level, 1, accuracy: 1e-12)
        let log = Quiver(xs: q.xs, ys: q.ys, us: q.us, vs: q.vs, scaling: .logMagnitude).arrows()
        XCTAssertEqual(log[0].tipX, 0.45, accuracy: 1e-12)
        XCTAssertEqual(log[3].tipX - 1, 0.45 * 0.15, accuracy: 1e-12)  // tiny arrows keep a visible length
    }

    func testBrailleDots() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        c.set(0, 0); c.set(1, 3); c.set(3, 1)
        c.set(9, 9)  // outside: ignored
        XCTAssertEqual(c.character(column: 0, row: 0), "\u{2881}")
        XCTAssertEqual(c.character(column: 1, row: 0), "\u{2810}")
    }

    func testAtomicWriteAndMissingFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aeplots-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("f.svg").path
        try SVGRenderer().write(Fixtures.hist, to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), SVGRenderer().render(Fixtures.hist))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["f.svg"])
        let missing = dir.appendingPathComponent("nope/f.svg").path
        XCTAssertThrowsError(try SVGRenderer().write(Fixtures.hist, to: missing)) { error in
            XCTAssertEqual("\(error)", "cannot write '\(missing)': folder '\(dir.path)/nope' does not exist")
        }
    }

    func testColourOutputUsesEscapesAndPlainDoesNot() {
        let plain = TextRenderer().render(Fixtures.lines)
        let colored = TextRenderer(color: true).render(Fixtures.lines)
        XCTAssertFalse(plain.contains("\u{1B}"))
        XCTAssertTrue(colored.contains("\u{1B}[38;5;214m"))  // Okabe–Ito orange
        XCTAssertEqual(colored.replacing(try! Regex("\u{1B}\\[[0-9;]*m"), with: ""), plain)
    }

    func testInkUsesTheTerminalsOwnForeground() {
        let f = Fixtures.field(5)
        let ink = Plot.single(Figure(layers: [.quiver(Quiver(xs: f.0, ys: f.1, us: f.2, vs: f.3, color: Palette.ink))]))
        XCTAssertFalse(TextRenderer(color: true).render(ink).contains("\u{1B}"))
        XCTAssertTrue(TextRenderer(color: true).render(Fixtures.attractors).contains("\u{1B}[38;5;"))
    }
}

final class RangeTests: XCTestCase {
    func testBarsStandOnZeroAndOtherLayersGetAMargin() {
        let bars = Figure(layers: [.bars(Bars(edges: [0, 1, 2], heights: [3, 5]))])
        XCTAssertEqual(bars.dataRanges.y, 0...5.2)
        XCTAssertEqual(bars.dataRanges.x, -0.08...2.08)
        let points = Figure(layers: [.scatter(Scatter(xs: [0, 1], ys: [0, 5]))])
        XCTAssertEqual(points.dataRanges.y, -0.2...5.2)
    }

    func testLimitsWinAndASinglePointGetsARange() {
        var fig = Figure(layers: [.scatter(Scatter(xs: [2], ys: [0]))])
        XCTAssertEqual(fig.dataRanges.x, 1.8...2.2)
        XCTAssertEqual(fig.dataRanges.y, -1...1)
        fig.xLimits = -3...3
        XCTAssertEqual(fig.dataRanges.x, -3...3)
        XCTAssertEqual(Figure().dataRanges.x, 0...1)
    }

    func testEqualAspectWidensTheNarrowerAxis() {
        let fig = Figure(xLimits: 0...1, yLimits: 0...1, equalAspect: true)
        let r = fig.ranges(width: 200, height: 100)
        XCTAssertEqual(r.x, -0.5...1.5)
        XCTAssertEqual(r.y, 0...1)
    }
}
