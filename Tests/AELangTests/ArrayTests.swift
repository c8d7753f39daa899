import AELang
import XCTest

/// The array machinery hosts and the evaluator build on: broadcasting, the matrix product, lanes of
/// reductions, on a host matrix type of the test's own.
final class ArrayTests: XCTestCase {
    /// A host matrix that is not a Dataset: results of array builtins keep its type.
    final class Grid: NumericMatrix {
        static let typeName = "Grid"
        let rows: Int, columns: Int, elements: [Double]
        init(_ rows: Int, _ columns: Int, _ elements: [Double]) {
            self.rows = rows; self.columns = columns; self.elements = elements
        }
        var summary: String { "Grid(\(rows) × \(columns))" }
        func make(rows: Int, columns: Int, elements: [Double]) -> Value {
            .object(Grid(rows, columns, elements))
        }
    }

    private func array(_ value: Value) throws -> NumericArray { try XCTUnwrap(NumericArray(value)) }
    private func list(_ xs: [Double]) -> Value { .list(xs.map(Value.number)) }

    func testBroadcastShapes() throws {
        let grid = try array(.object(Grid(3, 2, [1, 2, 3, 4, 5, 6])))
        let row = try array(list([10, 20]))
        let column = try array(.object(Grid(3, 1, [100, 200, 300])))
        let number = try array(.number(1))

        let withRow = try XCTUnwrap(Broadcast(grid, row))
        XCTAssertEqual([withRow.rank, withRow.rows, withRow.columns], [2, 3, 2])
        XCTAssertEqual(withRow.map(+), [11, 22, 13, 24, 15, 26])
        XCTAssertEqual(try XCTUnwrap(Broadcast(row, grid)).map(-), [9, 18, 7, 16, 5, 14])
        XCTAssertEqual(try XCTUnwrap(Broadcast(grid, column)).map(+), [101, 102, 203, 204, 305, 306])
        XCTAssertEqual(try XCTUnwrap(Broadcast(number, grid)).map(*), [1, 2, 3, 4, 5, 6])
        // The result of a host matrix is of its type.
        guard case .object(let result as Grid) = withRow.value(withRow.map(+)) else { return XCTFail("not a Grid") }
        XCTAssertEqual([result.rows, result.columns], [3, 2])

        // A row and a column never spread into a table; lists of other lengths do not pair.
        XCTAssertNil(Broadcast(column, try array(list([1, 2, 3]))))
        XCTAssertNil(Broadcast(grid, try array(list([1, 2, 3]))))
        XCTAssertNil(Broadcast(try array(list([1, 2])), try array(list([1, 2, 3]))))
        XCTAssertEqual(try XCTUnwrap(Broadcast(number, try array(list([])))).count, 0)
    }

    func testMatrixProductShapes() throws {
        let a = try array(.list([list([1, 2]), list([3, 4]), list([5, 6])]))   // 3×2 list of rows
        let v = try array(list([1, -1]))
        let product = try XCTUnwrap(MatrixProduct(a, v))
        XCTAssertEqual([product.rows, product.columns], [3, 1])
        XCTAssertEqual(product.value(try product.elements()), list([-1, -1, -1]))
        let square = try XCTUnwrap(MatrixProduct(v, try array(.list([list([1, 0]), list([0, 1])]))))
        XCTAssertEqual(square.value(try square.elements()), list([1, -1]))
        XCTAssertNil(MatrixProduct(a, try array(list([1, 2, 3]))))
        XCTAssertNil(MatrixProduct(try array(.number(2)), v))
        XCTAssertEqual(MatrixProduct.mismatch(a, try array(list([1, 2, 3]))),
                       "list of 3 rows of 2 has 2 columns, list of 3 has 3 numbers")
    }

    func testReductionsRunPerColumnOrRow() throws {
        let a = try array(.object(Grid(2, 3, [1, 2, 3, 4, 5, 6])))
        XCTAssertEqual(a.reduce(axis: nil, LaneMath.sum), list([5, 7, 9]))
        XCTAssertEqual(a.reduce(axis: 1, LaneMath.sum), list([6, 15]))
        XCTAssertEqual(try array(list([])).reduce(axis: nil, LaneMath.sum), .number(0))
        // NumPy's pairwise summation: ten 0.1s make exactly 1.
        XCTAssertEqual(try array(list(Array(repeating: 0.1, count: 10))).reduce(axis: nil, LaneMath.sum), .number(1))
        XCTAssertEqual(try array(list([5, 1, 4, 2])).reduce(axis: nil, LaneMath.median), .number(3))
        XCTAssertEqual(a.laneLength(axis: 1).count, 3)
    }
}
