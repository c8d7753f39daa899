/// A finite number as the decimal digits of its shortest round-trip text, for rounding and formatting
/// to a number of decimals.
///
/// Rounding works on the digits a reader sees, not on the binary value: 1.005 prints as `1.005`, so
/// rounding it to 2 decimals gives 1.01 (multiplying by 100 and rounding would give 1.00, because the
/// double nearest 1.005 is slightly below it). Ties round half away from zero.
struct DecimalText {
    /// The significant digits, most significant first, each 0...9; empty for zero.
    var digits: [UInt8]
    /// Where the decimal point goes: the value is 0.d₀d₁d₂… × 10^point.
    var point: Int
    var negative: Bool

    /// The digits of a finite number; nil for nan and ±inf.
    init?(_ x: Double) {
        guard x.isFinite else { return nil }
        negative = x.sign == .minus
        // Swift's description is the shortest text that reads back exactly, e.g. "1.005", "1e-07".
        let text = "\(Swift.abs(x))"
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count > 1 ? Int(parts[1])! : 0
        let mantissa = parts[0]
        let whole = mantissa.split(separator: ".", omittingEmptySubsequences: false)[0]
        var all = mantissa.compactMap { $0.wholeNumberValue.map(UInt8.init) }
        var point = whole.count + exponent
        while let first = all.first, first == 0 { all.removeFirst(); point -= 1 }
        while let last = all.last, last == 0 { all.removeLast() }
        digits = all
        self.point = all.isEmpty ? 0 : point
    }

    var isZero: Bool { digits.isEmpty }

    /// Keeps `decimals` digits after the point (negative: rounds to tens, hundreds ...), rounding half
    /// away from zero.
    func rounded(decimals: Int) -> DecimalText {
        keeping(point + decimals)
    }

    /// Keeps the first `count` significant digits, rounding half away from zero.
    func rounded(significant count: Int) -> DecimalText {
        keeping(count)
    }

    private func keeping(_ count: Int) -> DecimalText {
        var result = self
        guard count < digits.count else { return result }
        if count < 0 {
            result.digits = []
            return result
        }
        let roundUp = digits[count] >= 5
        var kept = Array(digits[..<count])
        if roundUp {
            var i = kept.count - 1
            while i >= 0 && kept[i] == 9 { kept[i] = 0; i -= 1 }
            if i >= 0 { kept[i] += 1 } else { kept.insert(1, at: 0); result.point += 1 }
        }
        while let last = kept.last, last == 0 { kept.removeLast() }
        result.digits = kept
        if kept.isEmpty { result.point = 0 }
        return result
    }

    /// The digits as plain text with exactly `decimals` digits after the point (none when 0); no minus
    /// sign when the value is zero.
    func fixed(decimals: Int) -> String {
        var text = ""
        if point <= 0 {
            text = "0"
        } else {
            for i in 0..<point { text.append(digit(i)) }
        }
        if decimals > 0 {
            text.append(".")
            for i in point..<(point + decimals) { text.append(digit(i)) }
        }
        return (negative && !isZero ? "-" : "") + text
    }

    private func digit(_ i: Int) -> Character {
        i >= 0 && i < digits.count ? Character(String(digits[i])) : "0"
    }

    /// The value of the digits as a number (exact for the text's double).
    var value: Double {
        if isZero { return 0 }  // round(-0.4) is 0, not -0
        let text = (negative ? "-0." : "0.") + digits.map(String.init).joined() + "e\(point)"
        return Double(text)!
    }
}

/// Number formatting for `format(x, digits:, sci:)`.
enum DecimalFormat {
    /// `x` with exactly `decimals` digits after the point, rounded half away from zero; "nan", "inf",
    /// "-inf" as such.
    static func fixed(_ x: Double, decimals: Int) -> String {
        guard let d = DecimalText(x) else { return special(x) }
        return d.rounded(decimals: decimals).fixed(decimals: decimals)
    }

    /// `x` as m e n with one digit before the point of m and `decimals` after it, e.g. "1.23e-4",
    /// "5.2e4", "0.00e0" for zero.
    static func scientific(_ x: Double, decimals: Int) -> String {
        guard let d = DecimalText(x) else { return special(x) }
        if d.isZero { return fixed(0, decimals: decimals) + "e0" }
        var r = d.rounded(significant: decimals + 1)
        let exponent = r.point - 1
        r.point = 1
        return r.fixed(decimals: decimals) + "e\(exponent)"
    }

    private static func special(_ x: Double) -> String {
        x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
    }
}
