import AEFiles

/// Datasets as NumPy `.npy` files, so data moves to and from Python (`np.load`, `np.save`).
///
/// Writing: an n × d float64 array in C order. Reading: a 1-D array of n values becomes n × 1, a 2-D
/// array n × d; any element type ``Npy`` reads (float64, float32, integers, ...) is converted to
/// Double, and Fortran-ordered arrays are transposed into row order. NaN and infinite values are
/// refused, naming the first one's row and column (from 0, as in NumPy).
///
///     try DatasetNpy.write(data, to: "spiral.npy")
///     let back = try DatasetNpy.read("spiral.npy")      // back == data
public enum DatasetNpy {
    public static func read(_ path: String) throws -> Dataset {
        let array = try Npy.read(path)
        do { return try dataset(from: array) }
        catch let error as DataError { throw FileError("cannot read '\(path)': \(error.message)") }
    }

    public static func write(_ data: Dataset, to path: String) throws {
        try Npy.write(NpyArray(shape: [data.n, data.dim], values: data.values), to: path)
    }

    /// The dataset held by a NumPy array; throws ``DataError`` for a shape or value a dataset cannot hold.
    public static func dataset(from array: NpyArray) throws -> Dataset {
        guard array.text == nil else { throw DataError("it holds text, not numbers") }
        let n: Int, d: Int
        switch array.shape.count {
        case 1: n = array.shape[0]; d = 1
        case 2: n = array.shape[0]; d = array.shape[1]
        default:
            let shape = "(" + array.shape.map(String.init).joined(separator: ", ") + (array.shape.count == 1 ? ",)" : ")")
            throw DataError("a dataset needs a 1-D or 2-D array, found shape \(shape)")
        }
        guard n > 0, d > 0 else { throw DataError("the array is empty (shape (\(n), \(d)))") }
        if let bad = array.values.firstIndex(where: { !$0.isFinite }) {
            let kind = array.values[bad].isNaN ? "NaN" : "infinite"
            throw DataError("row \(bad / d), column \(bad % d) is \(kind); data must be finite")
        }
        return Dataset(rows: n, dim: d, values: array.values)
    }
}
