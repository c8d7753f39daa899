/// A host object that is a matrix of numbers, `rows × columns`, stored row-major: a Dataset.
///
/// The language's array operations work on such objects as on a 2-D array: arithmetic with
/// broadcasting, the math builtins, reductions, slicing, `@`. Their results are made by
/// ``make(rows:columns:elements:)``, so that they keep the host's type (a Dataset plus a number is a
/// Dataset).
///
///     final class Grid: NumericMatrix {
///         static let typeName = "Grid"
///         let rows: Int, columns: Int, elements: [Double]
///         ...
///         func make(rows: Int, columns: Int, elements: [Double]) -> Value {
///             .object(Grid(rows: rows, columns: columns, elements: elements))
///         }
///     }
public protocol NumericMatrix: HostObject {
    var rows: Int { get }
    /// At least 1.
    var columns: Int { get }
    /// `rows * columns` numbers; element (i, j) is `elements[i * columns + j]`.
    var elements: [Double] { get }
    /// A matrix of the same host type with these elements (`columns >= 1`,
    /// `elements.count == rows * columns`).
    func make(rows: Int, columns: Int, elements: [Double]) -> Value
    /// The elements, moved out of this object, which is left empty: called only when nothing else
    /// holds the object (a temporary such as the `2 * d` of `2 * d + 1`), so that arithmetic can
    /// write its result over them, with no new array. The default, nil, leaves the object as it is.
    func takeElements() -> [Double]?
}

extension NumericMatrix {
    public func takeElements() -> [Double]? { nil }
}
