import AELang
import AENumerics

/// Real images: the digits compiled into the binary (`digits`) and MNIST's IDX files (`load_idx`).
extension DataBuiltins {
    static let digits = Function(
        name: "digits",
        parameters: [Parameter("labels", default: .bool(false))],
        doc: """
        digits(labels: false): the 1797 8×8 handwritten digits of the UCI Optical Recognition of
        Handwritten Digits data set (E. Alpaydin and C. Kaynak, 1998; CC BY 4.0; the copy scikit-learn
        ships as load_digits()), compiled into ae: a Dataset(1797 × 64), one image a row, pixels row by
        row from the top left, each a count 0..16 of ink divided by 16, so in [0, 1]. With labels: true,
        a record {data:, labels:}, labels the digit (0-9) of each row.

            d = digits()
            show(images(d[0:20], cols: 10))
            t = digits(labels: true)
            threes = t.data[equal(t.labels, 3)]     # Dataset(183 × 64)
        """
    ) { args in
        let data = Value.dataset(Digits.images)
        guard try args.bool("labels") else { return data }
        return .record(Record(["data": data, "labels": .list(Digits.labels.map { .number(Double($0)) })]))
    }

    static let loadIdx = Function(
        name: "load_idx",
        parameters: [Parameter("path")],
        doc: """
        load_idx(path): read an IDX file, the format of MNIST's ubyte files (LeCun et al.): an image
        file (magic 0x00000803, count × rows × columns unsigned bytes) gives a Dataset with one image a
        row, pixels row by row, each byte divided by 255 so in [0, 1]; a label file (0x00000801) gives
        a list of whole numbers. A wrong magic, another element type, a truncated file or a
        gzip-compressed one (gunzip it first) is an error.

            x = load_idx("train-images-idx3-ubyte")      # Dataset(60000 × 784)
            y = load_idx("train-labels-idx1-ubyte")      # [5, 0, 4, 1, ...]
            show(images(x[0:10], shape: [28, 28]))
        """
    ) { args in
        let path = try args.context.readablePath(try args.string("path"))
        let contents = try fileOperation {
            try DatasetIdx.read(path) { n, dim in try checkSize(args, n: n, dim: dim, argument: "path") }
        }
        switch contents {
        case .images(let data, _): return .dataset(data)
        case .labels(let labels): return .list(labels.map { .number(Double($0)) })
        }
    }
}
