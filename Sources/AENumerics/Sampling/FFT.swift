#if canImport(Glibc)
import Glibc
#endif

/// In-place iterative radix-2 Cooley–Tukey FFT of (re, im); the length must be a power of two.
/// `inverse` computes the unnormalised inverse transform (divide by n yourself).
func fft(_ re: inout [Double], _ im: inout [Double], inverse: Bool = false) {
    let n = re.count
    precondition(n == im.count && n > 0 && n & (n - 1) == 0)
    // Bit-reversal permutation.
    var j = 0
    for i in stride(from: 1, to: n, by: 1) {
        var bit = n >> 1
        while j & bit != 0 { j ^= bit; bit >>= 1 }
        j |= bit
        if i < j { re.swapAt(i, j); im.swapAt(i, j) }
    }
    var length = 2
    while length <= n {
        let angle = (inverse ? 2 : -2) * Double.pi / Double(length)
        let half = length / 2
        // Twiddles computed directly (not by repeated multiplication) to keep round-off at O(ε log n).
        let wr = (0..<half).map { cos(angle * Double($0)) }
        let wi = (0..<half).map { sin(angle * Double($0)) }
        var start = 0
        while start < n {
            for k in 0..<half {
                let a = start + k, b = a + half
                let tr = re[b] * wr[k] - im[b] * wi[k]
                let ti = re[b] * wi[k] + im[b] * wr[k]
                re[b] = re[a] - tr; im[b] = im[a] - ti
                re[a] += tr; im[a] += ti
            }
            start += length
        }
        length <<= 1
    }
}

/// The autocovariances γ₀ … γₙ₋₁ of x (divisor n, mean removed), by FFT of the series zero-padded to a
/// power of two ≥ 2n (so no circular wrap-around): O(n log n) instead of O(n²).
public func autocovariance(_ x: [Double]) -> [Double] {
    let n = x.count
    guard n > 0 else { return [] }
    let mean = x.reduce(0, +) / Double(n)
    var size = 1
    while size < 2 * n { size <<= 1 }
    var re = [Double](repeating: 0, count: size)
    var im = [Double](repeating: 0, count: size)
    for i in 0..<n { re[i] = x[i] - mean }
    fft(&re, &im)
    for k in 0..<size {
        re[k] = re[k] * re[k] + im[k] * im[k]
        im[k] = 0
    }
    fft(&re, &im, inverse: true)
    let scale = 1 / (Double(size) * Double(n))
    return (0..<n).map { re[$0] * scale }
}
