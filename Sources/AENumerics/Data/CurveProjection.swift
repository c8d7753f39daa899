/// Where a point lands on a built-in data curve (the spiral, the 10-D manifold): the closest point of
/// the curve, its parameter, its arc-length position, and the distance.
///
/// `manifold_distance` uses `distance`; `coverage` bins `arcPosition` (0 at the start of the curve,
/// `length` at its end) to find the fraction of the curve that has samples nearby.
public struct CurveProjection: Equatable {
    /// The curve parameter of the closest point.
    public let t: Double
    /// The arc length from the start of the curve to the closest point.
    public let arcPosition: Double
    /// The closest point of the curve.
    public let point: [Double]
    /// The Euclidean distance from the query point to `point`.
    public let distance: Double

    public init(t: Double, arcPosition: Double, point: [Double], distance: Double) {
        self.t = t
        self.arcPosition = arcPosition
        self.point = point
        self.distance = distance
    }
}

/// A smooth 1-d curve embedded in `dimension`-D space around which a built-in data set concentrates.
///
///     let curve: any DataCurve = SpiralCurve()
///     curve.nearest(to: [0.1, 0.2]).distance
public protocol DataCurve {
    /// The dimension of the space the curve lives in.
    var dimension: Int { get }
    /// The range of the curve parameter t.
    var parameterRange: ClosedRange<Double> { get }
    /// The total arc length.
    var length: Double { get }
    /// The point at parameter t.
    func point(_ t: Double) -> [Double]
    /// The closest point of the curve to `x` (`x.count == dimension`).
    func nearest(to x: [Double]) -> CurveProjection
}

extension DataCurve {
    /// The distance from `x` to the curve.
    public func distance(to x: [Double]) -> Double { nearest(to: x).distance }
}

extension DataCurve {
    /// The closest curve point of every row of `data` (`data.dim == dimension`), computed in fixed
    /// blocks of rows on up to `threads` threads; each row's answer is independent of the others, so
    /// the result is the same for any thread count.
    ///
    ///     let distances = SpiralCurve().nearest(toRowsOf: samples).map(\.distance)
    public func nearest(toRowsOf data: Dataset, threads: Int = 0) -> [CurveProjection] {
        precondition(data.dim == dimension, "the data has \(data.dim) columns, the curve lives in \(dimension)-D")
        let placeholder = CurveProjection(t: 0, arcPosition: 0, point: [], distance: 0)
        var out = [CurveProjection](repeating: placeholder, count: data.n)
        let blockSize = 64
        let blocks = (data.n + blockSize - 1) / blockSize
        out.withUnsafeMutableBufferPointer { buffer in
            let results = buffer
            parallelBlocks(blocks, threads: threads) { block in
                for i in block * blockSize ..< min(data.n, (block + 1) * blockSize) {
                    results[i] = self.nearest(to: data.row(i))
                }
            }
        }
        return out
    }
}
