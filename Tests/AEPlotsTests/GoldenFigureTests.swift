import Foundation
import XCTest
import AEPlots
#if canImport(FoundationXML)
import FoundationXML
#endif

final class GoldenFigureTests: XCTestCase {
    func testSVGGoldens() {
        for (name, plot) in Fixtures.all {
            GoldenFile.check(SVGRenderer().render(plot), name: "\(name).svg")
        }
    }

    func testTextGoldens() {
        for (name, plot) in Fixtures.all {
            GoldenFile.check(TextRenderer().render(plot), name: "\(name).txt")
        }
    }

    func testEveryGoldenSVGParsesAsXML() throws {
        for (name, _) in Fixtures.all {
            let data = try Data(contentsOf: GoldenFile.folder.appendingPathComponent("\(name).svg"))
            let parser = XMLParser(data: data)
            let counter = ElementCounter()
            parser.delegate = counter
            XCTAssertTrue(parser.parse(), "\(name).svg: \(parser.parserError.map { "\($0)" } ?? "")")
            XCTAssertEqual(counter.root, "svg", name)
            XCTAssertGreaterThan(counter.count, 10, name)
        }
    }

    func testRenderingTwiceGivesTheSameBytes() {
        for (name, plot) in Fixtures.all {
            XCTAssertEqual(SVGRenderer().render(plot), SVGRenderer().render(plot), name)
            XCTAssertEqual(TextRenderer(color: true).render(plot), TextRenderer(color: true).render(plot), name)
        }
    }

    func testTitlesAreEscaped() {
        let svg = SVGRenderer().render(Fixtures.lines)
        XCTAssertTrue(svg.contains(">σ = 0.31 &amp; &lt;estimates&gt;</text>"))
        XCTAssertFalse(svg.contains("<estimates>"))
    }

    func testSVGUsesCommonFontsAndOkabeItoColours() {
        let svg = SVGRenderer().render(Fixtures.lines)
        XCTAssertTrue(svg.contains("font-family=\"Helvetica, Arial, sans-serif\""))
        for hex in ["#E69F00", "#56B4E9", "#009E73"] { XCTAssertTrue(svg.contains("stroke=\"\(hex)\""), hex) }
    }

    func testGridHasOneClipPathPerPanel() {
        let svg = SVGRenderer().render(Fixtures.pairs)
        for k in 0..<6 { XCTAssertTrue(svg.contains("<clipPath id=\"clip\(k)\">"), "clip\(k)") }
        XCTAssertFalse(svg.contains("clip6"))
    }
}

private final class ElementCounter: NSObject, XMLParserDelegate {
    var count = 0
    var root: String?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        count += 1
    }
}
