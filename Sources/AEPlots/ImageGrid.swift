/// Greyscale images in a grid, filled row by row (handwritten digits, what a model makes of them).
/// A figure that holds one is drawn as the images alone, without axes.
///
///     let digits = ImageGrid(pixels: rows.flatMap { $0 }, count: rows.count, height: 8, width: 8, columns: 10)
///     let svg = SVGRenderer().render(.single(Figure(title: "digits", layers: [.images(digits)])))
public struct ImageGrid: Equatable {
    /// How pixel values become grey levels.
    public enum Scaling: Equatable {
        /// Values from lower (paper) to upper (ink), clamped.
        case range(ClosedRange<Double>)
        /// Each image from its own smallest value (paper) to its largest (ink): directions, differences.
        case eachImage
    }

    /// The images one after another, each `height` rows of `width` pixels from the top left.
    public var pixels: [Double]
    /// Images in `pixels`.
    public var count: Int
    /// Pixel rows of one image.
    public var height: Int
    /// Pixels in a row of one image.
    public var width: Int
    /// Images in a row of the grid.
    public var columns: Int
    /// How values become grey levels.
    public var scaling: Scaling

    /// `count` images of `height` × `width` pixels, `columns` to a row.
    public init(pixels: [Double], count: Int, height: Int, width: Int, columns: Int,
                scaling: Scaling = .range(0...1)) {
        precondition(count >= 1 && height >= 1 && width >= 1 && columns >= 1)
        precondition(pixels.count == count * height * width, "pixels do not match count × height × width")
        self.pixels = pixels; self.count = count; self.height = height; self.width = width
        self.columns = columns; self.scaling = scaling
    }

    /// Rows of images in the grid.
    public var rows: Int { (count + columns - 1) / columns }

    /// The ink of every pixel of image k in [0, 1] (0 paper, 1 ink), row by row. A non-finite value,
    /// or a flat image under `eachImage`, is paper.
    public func levels(_ k: Int) -> [Double] {
        let size = height * width
        let image = pixels[k * size ..< (k + 1) * size]
        let (lower, upper): (Double, Double)
        switch scaling {
        case .range(let r): (lower, upper) = (r.lowerBound, r.upperBound)
        case .eachImage:
            let finite = image.filter(\.isFinite)
            (lower, upper) = (finite.min() ?? 0, finite.max() ?? 0)
        }
        guard upper > lower else { return [Double](repeating: 0, count: size) }
        return image.map { v in v.isFinite ? min(max((v - lower) / (upper - lower), 0), 1) : 0 }
    }
}
