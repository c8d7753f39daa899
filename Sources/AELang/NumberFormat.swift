/// The shortest text that reads back as exactly `x`: `3`, `0.1`, `-2.5e-07`, `inf`, `nan`.
///
/// Whole numbers print without a fraction (`3`, not `3.0`) so that values round-trip through the
/// language's own syntax.
public func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    if x == x.rounded(), abs(x) < 1e16 {
        if x == 0 { return x.sign == .minus ? "-0" : "0" }
        return String(Int64(x))
    }
    return x.description
}
