import XCTest
import AELang

final class ValueTests: XCTestCase {
    func testNumbersPrintShortestRoundTrip() {
        XCTAssertEqual(formatNumber(3), "3")
        XCTAssertEqual(formatNumber(0.1), "0.1")
        XCTAssertEqual(formatNumber(-2.5e-7), "-2.5e-07")
        XCTAssertEqual(formatNumber(.infinity), "inf")
    }
}
