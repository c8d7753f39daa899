import AENumerics
import XCTest

/// The wide kernels' blocked product against the plain loop it must equal bit for bit: the same fma
/// chain over k, for shapes that leave partial microkernel tiles (rows not a multiple of 6, columns
/// not of 8) and run more than one pass over k (inner > 256) and over row blocks (rows > 96).
final class BlockedProductTests: XCTestCase {
    func plainProduct(_ a: [Double], rows m: Int, inner k: Int, _ b: [Double], columns n: Int,
                      transposedA: Bool) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                // addingProduct is the fused multiply-add.
                for kk in 0..<k { s = s.addingProduct(transposedA ? a[kk * m + i] : a[i * k + kk], b[kk * n + j]) }
                c[i * n + j] = s
            }
        }
        return c
    }

    func values(_ count: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256(seed: seed)
        return (0..<count).map { _ in rng.normal() }
    }

    func check(rows m: Int, inner k: Int, columns n: Int, transposedA: Bool, file: StaticString = #filePath,
               line: UInt = #line) {
        let a = values(m * k, seed: 1), b = values(k * n, seed: 2)
        let c = BlockedProduct.multiply(a, rows: m, inner: k, b, columns: n, transposedA: transposedA)
        let expected = plainProduct(a, rows: m, inner: k, b, columns: n, transposedA: transposedA)
        XCTAssertEqual(c.map(\.bitPattern), expected.map(\.bitPattern), "\(m) × \(k) × \(n)", file: file, line: line)
    }

    func testSameBitsAsThePlainFmaLoop() {
        for transposedA in [false, true] {
            check(rows: 1, inner: 1, columns: 1, transposedA: transposedA)
            check(rows: 6, inner: 5, columns: 8, transposedA: transposedA)
            check(rows: 13, inner: 300, columns: 21, transposedA: transposedA)
            check(rows: 101, inner: 520, columns: 17, transposedA: transposedA)
        }
    }

    func testEmptyInnerDimensionGivesZeros() {
        XCTAssertEqual(BlockedProduct.multiply([], rows: 3, inner: 0, [], columns: 5), [Double](repeating: 0, count: 15))
    }

    func testSameBitsOnEveryInstructionSet() throws {
        let saved = KernelInstructionSet.current
        defer { KernelInstructionSet.current = saved }
        guard KernelInstructionSet.best != .portable else { throw XCTSkip("only the portable kernels run here") }
        let a = values(29 * 270, seed: 3), b = values(270 * 19, seed: 4)
        let results = [KernelInstructionSet.portable, .avx2].map { isa in
            KernelInstructionSet.current = isa
            return BlockedProduct.multiply(a, rows: 29, inner: 270, b, columns: 19)
        }
        XCTAssertEqual(results[0].map(\.bitPattern), results[1].map(\.bitPattern))
    }
}
