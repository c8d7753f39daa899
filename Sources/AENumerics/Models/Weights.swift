import _AEKernels

/// The parameters laid out for the kernels: hidden units padded to a multiple of 8 and grouped in
/// `Lanes` of 8, so that the inner loops run over whole SIMD vectors of hidden units. Padding units
/// have zero weights and zero bias and feed nothing to the output, so they change no result.
///
/// Layout (C = chunks of 8 units): wt[i·C + c] = W[8c ..< 8c+8, i], b[c], v[i·C + c] = V[i, 8c ..< 8c+8],
/// wsq[c] = Σ_i W[unit, i]² (for the CAE penalty), and c (d Doubles).
final class PaddedWeights {
    let dim: Int, hidden: Int, chunks: Int
    let activation: AutoEncoder.Activation
    let storage: UnsafeMutablePointer<Lanes>
    let wt: UnsafeMutablePointer<Lanes>
    let b: UnsafeMutablePointer<Lanes>
    let v: UnsafeMutablePointer<Lanes>
    let wsq: UnsafeMutablePointer<Lanes>
    let c: UnsafeMutablePointer<Double>

    init(dim d: Int, hidden h: Int, activation: AutoEncoder.Activation) {
        dim = d
        hidden = h
        self.activation = activation
        chunks = (h + 7) / 8
        let count = (2 * d + 2) * chunks
        storage = kernelBuffer(count)
        wt = storage
        b = storage + d * chunks
        v = b + chunks
        wsq = v + d * chunks
        c = kernelBuffer(d)
    }

    /// The weights as the C kernels take them.
    var kernelView: ae_weights {
        ae_weights(wt: doubles(wt), b: doubles(b), v: doubles(v), wsq: doubles(wsq), c: c, dim: dim, chunks: chunks,
                   sigmoid: activation == .sigmoid ? 1 : 0)
    }

    deinit {
        storage.deallocate()
        c.deallocate()
    }

    /// Copies the model's parameter vector θ (see ``AutoEncoder/parameters``) into the padded layout.
    func load(_ theta: UnsafePointer<Double>, tied: Bool) {
        ae_weights_load(theta, hidden, tied ? 1 : 0, doubles(wt), doubles(b), doubles(v), doubles(wsq), c, dim, chunks)
    }
}

/// Horizontal sum of 8 lanes in a fixed order (pairwise), so results never depend on the compiler's
/// choice of reduction.
@inline(__always)
func laneSum(_ x: Lanes) -> Double {
    let a = x.lowHalf + x.highHalf
    let b = a.lowHalf + a.highHalf
    return b[0] + b[1]
}

/// `count` zeroed values for the kernels, aligned to a cache line (64 bytes), so that no `Lanes` (64
/// bytes) straddles two lines. Swift aligns SIMD8<Double> to 16 bytes only, and a buffer from
/// `allocate(capacity:)` started anywhere mod 64: the fused loss at d = 10 ran 8% faster or slower
/// depending on where its buffers fell. Freed with `deallocate()`.
func kernelBuffer<T>(_ count: Int) -> UnsafeMutablePointer<T> {
    let bytes = max(1, count) * MemoryLayout<T>.stride
    let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
    return raw.bindMemory(to: T.self, capacity: max(1, count))
}

/// The doubles of a buffer of lanes, as the C kernels take them.
@inline(__always)
func doubles(_ lanes: UnsafeMutablePointer<Lanes>) -> UnsafeMutablePointer<Double> {
    UnsafeMutableRawPointer(lanes).assumingMemoryBound(to: Double.self)
}
