import AELang
import AENumerics
import AEPlots

/// `images(data, shape:, cols:)`: rows of a dataset drawn as a grid of greyscale pictures.
extension PlotBuiltins {
    /// The most pixels one image figure draws: an SVG rectangle (or a terminal cell) each.
    static let maxImagePixels = 1_000_000

    static let images = Function(
        name: "images",
        parameters: [Parameter("data"), Parameter("shape", default: .nil), Parameter("cols", default: .number(10)),
                     Parameter("range", default: .list([.number(0), .number(1)])), Parameter("title", default: .nil)],
        doc: """
        images(data, shape: nil, cols: 10, range: [0, 1], title: nil): each row of data (a Dataset, a
        list of rows, or one row as a list of numbers) drawn as a greyscale image of shape [rows,
        columns] pixels (default: square, as 8×8 for 64 values), cols images to a row. Values from
        range[0] (white paper) to range[1] (black ink), clamped; range: "each" stretches each image
        from its own smallest value to its largest (directions, differences). In the terminal each
        character is one pixel wide and two tall (half blocks; without colour, a pixel is ink from half
        the range up). A figure of images goes in panels(...) beside others but not in figure(...).

            d = digits()
            show(images(d[0:30], cols: 10))
            fig = images(d[0:100], title: "digits")      # save(fig, "digits.svg") writes it
            images(d[0] - d[1], range: "each")
        """
    ) { args in
        let data: Dataset
        if case .list(let items) = args["data"], case .number = items.first {
            let row = try args.numbers("data")
            data = Dataset(rows: 1, dim: row.count, values: row)
        } else {
            data = try args.dataset("data")
        }
        try DataBuiltins.checkFinite(data, args, "data")
        let (count, overflow) = data.n.multipliedReportingOverflow(by: data.dim)
        guard !overflow, count <= maxImagePixels else {
            throw NativeError("images(): \(data.n) images of \(data.dim) pixels is more than the \(maxImagePixels) pixels one figure draws",
                              argument: "data", hint: "draw some of the rows: images(d[0:100])")
        }
        let (height, width) = try imageShape(args, dim: data.dim)
        let cols = try args.int("cols", in: 1...100)
        let scaling: ImageGrid.Scaling
        if case .string(let s) = args["range"] {
            guard s == "each" else {
                throw NativeError("images(): range is [lo, hi] or \"each\", not \"\(s)\"", argument: "range")
            }
            scaling = .eachImage
        } else {
            guard let r = try PlotOptions.limits(args["range"], name: "range", owner: "images(): ") else {
                throw NativeError("images(): range is [lo, hi] or \"each\", not nil", argument: "range")
            }
            scaling = .range(r)
        }
        let grid = ImageGrid(pixels: data.values, count: data.n, height: height, width: width,
                             columns: min(cols, data.n), scaling: scaling)
        return result(Figure(title: try PlotOptions.text(args, "title"), layers: [.images(grid)]))
    }

    /// [rows, columns] of one image: the `shape` argument, whose product must be the row length, or
    /// the square side when the row length is a square.
    static func imageShape(_ args: Arguments, dim: Int) throws -> (Int, Int) {
        guard !args.isNil("shape") else {
            let side = Int(Double(dim).squareRoot().rounded())
            guard side * side == dim else {
                throw NativeError("images(): rows of \(dim) values are not square images", argument: "data",
                                  hint: "give their shape: images(d, shape: [rows, columns])")
            }
            return (side, side)
        }
        let shape = try args.numbers("shape")
        guard shape.count == 2, shape.allSatisfy({ $0 >= 1 && $0 == $0.rounded() && $0 <= 1e6 }) else {
            throw NativeError("images(): shape must be two whole numbers >= 1, [rows, columns]", argument: "shape")
        }
        let (h, w) = (Int(shape[0]), Int(shape[1]))
        guard h * w == dim else {
            throw NativeError("images(): shape [\(h), \(w)] has \(h * w) pixels but the rows of data have \(dim) values",
                              argument: "shape")
        }
        return (h, w)
    }
}
