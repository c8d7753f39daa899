import AEData

/// The 1797 8×8 handwritten digits of the UCI Optical Recognition of Handwritten Digits data set
/// (Alpaydin & Kaynak, 1998; CC BY 4.0), the copy scikit-learn ships as `load_digits()`, compiled
/// into the binary from Sources/AEData/DigitsText.swift (format and source in data/README.md).
///
///     let (images, labels) = (Digits.images, Digits.labels)   // 1797 × 64 in [0, 1]; 0...9
public enum Digits {
    /// Pixels per side of an image.
    public static let side = 8

    /// The images as rows of 64 pixels, row by row from the top left, each the count of ink pixels in
    /// a 4×4 block of the original 32×32 bitmap divided by 16, so in [0, 1].
    public static var images: Dataset { parsed.images }

    /// The digit each row shows, 0...9, in the order of `images`.
    public static var labels: [Int] { parsed.labels }

    /// Parsed once, on first use (a Swift static is initialised once, safely across threads).
    private static let parsed: (images: Dataset, labels: [Int]) = parse(BundledData.text("digits") ?? "")

    /// Lines of `LABEL PIXELS`, 64 pixels each one character of `0-9a-g` (0...16). The file is part of
    /// the build, so a malformed line is a build defect, not a user's error.
    static func parse(_ text: String) -> (images: Dataset, labels: [Int]) {
        let pixels = side * side
        var values = [Double](), labels = [Int]()
        values.reserveCapacity(1797 * pixels)
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let bytes = Array(line)
            precondition(bytes.count == pixels + 2 && bytes[1] == UInt8(ascii: " "), "malformed line in the digits text")
            labels.append(Int(bytes[0]) - 48)
            for b in bytes[2...] {
                let v = b <= UInt8(ascii: "9") ? Int(b) - 48 : Int(b) - 87
                precondition((0...16).contains(v), "malformed pixel in the digits text")
                values.append(Double(v) / 16)
            }
        }
        precondition(!labels.isEmpty, "the digits text is not compiled in")
        return (Dataset(rows: labels.count, dim: pixels, values: values), labels)
    }
}
