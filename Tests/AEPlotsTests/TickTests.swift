import XCTest
import AEPlots

final class TickTests: XCTestCase {
    func testNiceNumbers() {
        XCTAssertEqual(NiceTicks.nice(0.84, round: false), 1)
        XCTAssertEqual(NiceTicks.nice(1.7, round: false), 2)
        XCTAssertEqual(NiceTicks.nice(4.2, round: false), 5)
        XCTAssertEqual(NiceTicks.nice(6, round: false), 10)
        XCTAssertEqual(NiceTicks.nice(1.4, round: true), 1)
        XCTAssertEqual(NiceTicks.nice(2.9, round: true), 2)
        XCTAssertEqual(NiceTicks.nice(6.9, round: true), 5)
        XCTAssertEqual(NiceTicks.nice(7, round: true), 10)
        XCTAssertEqual(NiceTicks.nice(230, round: false), 500)
    }

    func testTicksInsideTheRange() {
        let t = NiceTicks(lower: 0.13, upper: 0.97, count: 5)
        XCTAssertEqual(t.step, 0.2)
        XCTAssertEqual(t.values.map { t.label($0) }, ["0.2", "0.4", "0.6", "0.8"])
        XCTAssertEqual(t.fractionDigits, 1)
    }

    func testSymmetricRangeHasZeroAndNoMinusZero() {
        let t = NiceTicks(lower: -1.5, upper: 1.5, count: 6)
        XCTAssertEqual(t.step, 0.5)
        XCTAssertEqual(t.values.map { t.label($0) }, ["-1.5", "-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5"])
    }

    func testLargeAndIntegerRanges() {
        let t = NiceTicks(lower: 0, upper: 5000, count: 5)
        XCTAssertEqual(t.step, 1000)
        XCTAssertEqual(t.values.map { t.label($0) }, ["0", "1000", "2000", "3000", "4000", "5000"])
        let u = NiceTicks(lower: -3.2, upper: 47.9, count: 4)
        XCTAssertEqual(u.step, 20)
        XCTAssertEqual(u.values.map { u.label($0) }, ["0", "20", "40"])
    }

    func testTinyStepsKeepExactMultiples() {
        let t = NiceTicks(lower: 0.0001, upper: 0.00052, count: 5)
        XCTAssertEqual(t.step, 0.0001, accuracy: 1e-18)
        XCTAssertEqual(t.values.map { t.label($0) }, ["0.0001", "0.0002", "0.0003", "0.0004", "0.0005"])
    }

    func testHugeValuesUseExponents() {
        let t = NiceTicks(lower: 0, upper: 3e7, count: 4)
        XCTAssertEqual(t.step, 1e7)
        XCTAssertEqual(t.values.map { t.label($0) }, ["0", "1e+07", "2e+07", "3e+07"])
    }
}
