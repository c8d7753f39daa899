import AEPlots
import XCTest

/// Images: grey levels, the half-block text and the SVG pixels, checked on images small enough to
/// know every character and rectangle.
final class ImageGridTests: XCTestCase {
    func single(_ grid: ImageGrid) -> Plot { .single(Figure(layers: [.images(grid)])) }

    func testLevelsClampAFixedRangeAndStretchEachImage() {
        let grid = ImageGrid(pixels: [-1, 0, 0.25, 2, 3, 3, 3, 3], count: 2, height: 1, width: 4, columns: 2)
        XCTAssertEqual(grid.levels(0), [0, 0, 0.25, 1])
        XCTAssertEqual(ImageGrid(pixels: [-2, 0, 1, 2], count: 1, height: 2, width: 2, columns: 1,
                                 scaling: .range(-2...2)).levels(0), [0, 0.5, 0.75, 1])
        var each = grid
        each.scaling = .eachImage
        XCTAssertEqual(each.levels(0), [0, 1.0 / 3, 1.25 / 3, 1])
        XCTAssertEqual(each.levels(1), [0, 0, 0, 0], "a flat image is paper")
        XCTAssertEqual(ImageGrid(pixels: [.nan, 1], count: 1, height: 1, width: 2, columns: 1).levels(0), [0, 1])
    }

    func testPlainTextIsHalfBlocksAtHalfInk() {
        // Upper row [1, 0, 0.5, 0.49], lower row [0, 1, 0.5, 0.2]: ▀ ▄ █ and a blank.
        let grid = ImageGrid(pixels: [1, 0, 0.5, 0.49, 0, 1, 0.5, 0.2], count: 1, height: 2, width: 4, columns: 1)
        XCTAssertEqual(TextRenderer().render(single(grid)), "▀▄█\n")
        // Odd height: the last text row has only upper pixels.
        let odd = ImageGrid(pixels: [1, 1, 0, 1, 1, 1], count: 1, height: 3, width: 2, columns: 1)
        XCTAssertEqual(TextRenderer().render(single(odd)), "▀█\n▀▀\n")
    }

    func testColourTextUsesGreyForegroundAndBackground() {
        let grid = ImageGrid(pixels: [1, 0, 0.5], count: 1, height: 3, width: 1, columns: 1)
        // Upper 1 (white, 231) over lower 0 (black, 16); then 0.5 (25 · 0.5 → 13th grey, 244) alone.
        XCTAssertEqual(TextRenderer(color: true).render(single(grid)),
                       "\u{1B}[38;5;231m\u{1B}[48;5;16m▀\u{1B}[0m\n\u{1B}[38;5;244m▀\u{1B}[0m\n")
    }

    func testTooManyColumnsForTheTerminalWrap() {
        // Ten 2×2 images in a canvas of 8 characters: 3 a row (2 + 1 + 2 + 1 + 2), 4 rows.
        let grid = ImageGrid(pixels: [Double](repeating: 1, count: 40), count: 10, height: 2, width: 2, columns: 10)
        let text = TextRenderer(width: 8).render(single(grid))
        XCTAssertEqual(text, "██ ██ ██\n\n██ ██ ██\n\n██ ██ ██\n\n██\n")
    }

    func testSVGPixelsAreGreyRunsOnWhitePaper() {
        // One 1×4 image: a run of three half-ink pixels becomes one rectangle; paper draws nothing.
        let grid = ImageGrid(pixels: [0.5, 0.5, 0.5, 0], count: 1, height: 1, width: 4, columns: 1)
        let svg = SVGRenderer(width: 100, height: 100).render(single(grid))
        let rects = svg.split(separator: "\n").filter { $0.contains("fill=\"#808080\"") }
        XCTAssertEqual(rects.count, 1, svg)
        // The box is 80 wide inside 10-pixel margins: 20 per image pixel, 60 for the run.
        XCTAssertTrue(rects[0].contains("x=\"10\"") && rects[0].contains("width=\"60\""), String(rects[0]))
        // The document ends below the image: 10 + 20 + 10.
        XCTAssertTrue(svg.contains("height=\"40\" viewBox=\"0 0 100 40\""), svg)
    }
}
