import AELang
import XCTest

/// The core library against references: sort's order and stability, host matrices keeping their type,
/// interrupts in long loops.
final class LibraryTests: XCTestCase {
    /// A host matrix of the test's own, so that the list builtins are seen to keep a host's type.
    final class Grid: NumericMatrix {
        static let typeName = "Grid"
        let rows: Int, columns: Int, elements: [Double]
        init(rows: Int, columns: Int, elements: [Double]) {
            self.rows = rows
            self.columns = columns
            self.elements = elements
        }
        var summary: String { "Grid(\(rows)x\(columns): \(elements.map(formatNumber).joined(separator: " ")))" }
        var count: Int? { rows }
        func make(rows: Int, columns: Int, elements: [Double]) -> Value {
            .object(Grid(rows: rows, columns: columns, elements: elements))
        }
    }

    /// Numbers with many repeats, 0 and -0, nan and infinities.
    func sample(_ n: Int) -> [Double] {
        let specials: [Double] = [0, -0.0, .nan, .infinity, -.infinity, 0.5]
        var state: UInt64 = 12345
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(state >> 33)
            return r % 4 == 0 ? specials[r / 4 % specials.count] : Double(r % 50) - 25
        }
    }

    /// The stable order of `xs`, nan the largest, by sorting indices.
    func reference(_ xs: [Double], reverse: Bool) -> [Double] {
        func rank(_ x: Double) -> Double { x.isNaN ? .infinity : x }
        func nanLast(_ a: Double, _ b: Double) -> Bool {
            if a.isNaN || b.isNaN { return !a.isNaN && b.isNaN }
            return a < b
        }
        let order = xs.indices.sorted { i, j in
            let (a, b) = reverse ? (xs[j], xs[i]) : (xs[i], xs[j])
            if nanLast(a, b) { return true }
            if nanLast(b, a) { return false }
            return i < j
        }
        return order.map { xs[$0] }
    }

    func bits(_ value: Value) -> [UInt64] {
        guard let items = value.listItems else { return [] }
        return items.map { if case .number(let x) = $0 { return x.bitPattern } else { return 0 } }
    }

    func testSortIsStableOverRepeatsSignedZerosAndNaN() throws {
        let (engine, _) = makeEngine()
        let xs = sample(20000)
        engine.setGlobal("xs", .list(xs.map(Value.number)))
        for reverse in [false, true] {
            let sorted = try engine.run("sort(xs, reverse: \(reverse))")
            XCTAssertEqual(bits(sorted), reference(xs, reverse: reverse).map(\.bitPattern), "reverse: \(reverse)")
            // The same order through a key, which sorts indices rather than the numbers themselves.
            let keyed = try engine.run("sort(xs, key: fn(x) x, reverse: \(reverse))")
            XCTAssertEqual(bits(keyed), bits(sorted), "key, reverse: \(reverse)")
        }
    }

    /// Numbers of one kind for the sort tests, from a SplitMix64 stream seeded with `seed`.
    func numbers(_ kind: String, _ n: Int, seed: UInt64) -> [Double] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let specials: [Double] = [0, -0.0, .nan, -.nan, Double(nan: 7, signaling: false), .infinity, -.infinity,
                                  .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude]
        let xs: [Double] = (0..<n).map { _ in
            let r = next()
            switch kind {
            case "bits": return Double(bitPattern: r)  // every kind of double, nans with many payloads
            case "spread": return Double(bitPattern: r >> 20 | 0x3F00_0000_0000_0000) * (r & 1 == 0 ? 1 : -1)
            case "narrow": return 1 + Double(r >> 40) / 0x1p24 / 16  // one first digit: [1, 1.0625)
            case "repeats": return r % 3 == 0 ? specials[Int(r >> 32) % specials.count] : Double(Int(r >> 40) % 20) - 10
            default: return Double(Int(r >> 40) % 1000)  // "sorted", "reversed": integers, then ordered
            }
        }
        if kind == "sorted" { return xs.sorted() }
        if kind == "reversed" { return xs.sorted(by: >) }
        return xs
    }

    /// sort's radix sort (in C) against the comparison sort of `reference`, bit for bit, at the sizes
    /// around its thresholds (insertion sort up to 32 keys, a 16-bit first digit from 65536) and on
    /// data that exercises its digits: arbitrary bit patterns, one shared leading digit, repeats
    /// with ±0 and nans of several payloads, sorted and reversed runs.
    func testSortAgreesWithAComparisonSort() throws {
        let (engine, _) = makeEngine()
        let kinds = ["bits", "spread", "narrow", "repeats", "sorted", "reversed"]
        for n in [0, 1, 2, 15, 16, 17, 31, 32, 33, 100, 1000, 65535, 65536, 100_000] {
            for kind in kinds {
                for seed in 1...(n <= 1000 ? 8 : 1) as ClosedRange<UInt64> {
                    let xs = numbers(kind, n, seed: seed)
                    engine.setGlobal("xs", .numbers(xs))
                    for reverse in [false, true] {
                        let sorted = try engine.run("sort(xs, reverse: \(reverse))")
                        guard case .numbers(let ys) = sorted else { return XCTFail("sort gave \(sorted)") }
                        let expected = reference(xs, reverse: reverse)
                        if ys.map(\.bitPattern) != expected.map(\.bitPattern) {
                            let k = ys.indices.first { $0 >= expected.count || ys[$0].bitPattern != expected[$0].bitPattern } ?? ys.count
                            return XCTFail("\(kind), n = \(n), seed \(seed), reverse: \(reverse): first difference at \(k)")
                        }
                    }
                }
            }
        }
    }

    func testSortByKeyKeepsTheOrderOfEqualKeys() throws {
        let (engine, _) = makeEngine()
        let result = try engine.run("""
            xs = map(range(1000), fn(i) [i % 7, i])
            ys = sort(xs, key: fn(p) p[0])
            ok = true
            for k in range(1, len(ys)) {
              a = ys[k - 1]; b = ys[k]
              if a[0] > b[0] or (a[0] == b[0] and a[1] > b[1]) { ok = false }
            }
            ok
            """)
        XCTAssertEqual(result, .bool(true))
    }

    func testHostMatricesKeepTheirType() throws {
        let (engine, _) = makeEngine()
        engine.setGlobal("g", .object(Grid(rows: 3, columns: 2, elements: [3, 0, 1, 2, 1, 0])))
        func run(_ source: String) throws -> String { engine.describe(try engine.run(source)) }
        XCTAssertEqual(try run("sort(g)"), "Grid(3x2: 1 0 1 2 3 0)")
        XCTAssertEqual(try run("sort(g, key: fn(row) row[1], reverse: true)"), "Grid(3x2: 1 2 3 0 1 0)")
        XCTAssertEqual(try run("reversed(g)"), "Grid(3x2: 1 0 1 2 3 0)")
        XCTAssertEqual(try run("filter(g, fn(row) row[0] < 0)"), "Grid(0x2: )")
        XCTAssertEqual(try run("unique(sort(g, key: fn(row) row[0]))"), "Grid(3x2: 1 2 1 0 3 0)")
        XCTAssertEqual(try run("map(g, fn(row) row[0])"), "[3, 1, 1]")
        XCTAssertEqual(try run("flatten(g)"), "[3, 0, 1, 2, 1, 0]")
        XCTAssertEqual(try run("count(g, [1, 0])"), "1")
    }

    func testLongLoopsStopOnInterrupt() {
        let (engine, _) = makeEngine()
        engine.register(Function(name: "interrupt_now", parameters: [], doc: "sets the interrupt flag") { [unowned engine] _ in
            engine.cancel()
            return .nil
        })
        engine.setGlobal("xs", .list((0..<200_000).map { .number(Double($0)) }))
        for call in ["unique(xs)", "flatten(xs)", "any(xs, fn(x) x < 0)", "map(xs, fn(x) x)", "join(xs)", "repeat(xs, 3)"] {
            engine.interruptFlag.clear()
            XCTAssertEqual(scriptError(engine, "interrupt_now(); \(call)")?.kind, .interrupted, call)
        }
    }

    func testCallbacksMustTakeTheArgumentsGiven() {
        let (engine, _) = makeEngine()
        XCTAssertEqual(scriptError(engine, "map([1], fn(a, b) a)")?.message, "map(): f must take 1 argument, but it takes 2")
        XCTAssertNil(scriptError(engine, "reduce([1], fn(a, b, c: 1, d: 2) a, 0)")?.message)
        XCTAssertEqual(scriptError(engine, "reduce([1], fn(a, b, c, d: 2) a, 0)")?.message,
                       "reduce(): f must take 2 arguments, but it takes 3 to 4")
        XCTAssertNil(scriptError(engine, "map([1], print)")?.message)
        XCTAssertNil(scriptError(engine, "map([1], range)")?.message)
    }
}
