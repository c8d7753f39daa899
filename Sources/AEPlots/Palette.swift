/// A colour as 8-bit red, green and blue.
public struct RGB: Equatable, Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#E69F00`: the form SVG attributes take.
    public var hex: String {
        let digits = Array("0123456789ABCDEF")
        var s = "#"
        for c in [red, green, blue] {
            s.append(digits[Int(c >> 4)])
            s.append(digits[Int(c & 15)])
        }
        return s
    }

    /// The nearest colour of the xterm 256-colour cube (codes 16–231), for terminals.
    public var xterm256: Int {
        func level(_ c: UInt8) -> Int { Int((Double(c) / 255 * 5).rounded()) }
        return 16 + 36 * level(red) + 6 * level(green) + level(blue)
    }
}

/// Colours that colour-blind readers can tell apart.
public enum Palette {
    /// The Okabe–Ito palette (Okabe & Ito 2008), without black, in the order layers take them. Yellow
    /// comes last: it is the hardest to see on white.
    public static let okabeIto: [RGB] = [
        RGB(0xE6, 0x9F, 0x00),  // orange
        RGB(0x56, 0xB4, 0xE9),  // sky blue
        RGB(0x00, 0x9E, 0x73),  // bluish green
        RGB(0xCC, 0x79, 0xA7),  // reddish purple
        RGB(0x00, 0x72, 0xB2),  // blue
        RGB(0xD5, 0x5E, 0x00),  // vermillion
        RGB(0xF0, 0xE4, 0x42),  // yellow
    ]

    /// Axis lines, text and arrows of a single-colour field.
    public static let ink = RGB(0x22, 0x22, 0x22)
    /// Grid lines.
    public static let grid = RGB(0xE5, 0xE5, 0xE5)

    /// The i-th colour of the cycle.
    public static func color(_ index: Int) -> RGB { okabeIto[index % okabeIto.count] }

    /// A point of the viridis colour map (t in [0, 1], clamped): perceptually uniform, readable in grey and
    /// by colour-blind readers. Piecewise linear between nine samples of the original map.
    public static func sequential(_ t: Double) -> RGB {
        let stops: [(Double, Double, Double)] = [
            (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
            (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
        ]
        let u = (t.isFinite ? min(max(t, 0), 1) : 0) * Double(stops.count - 1)
        let k = min(Int(u), stops.count - 2)
        let f = u - Double(k)
        func mix(_ a: Double, _ b: Double) -> UInt8 { UInt8((a + (b - a) * f).rounded()) }
        let (a, b) = (stops[k], stops[k + 1])
        return RGB(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }
}
