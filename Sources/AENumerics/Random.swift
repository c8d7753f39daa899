import RealModule
import _AEKernels

/// xoshiro256** (Blackman & Vigna, 2018): a small, fast generator with a 2^256 − 1 period that passes
/// BigCrush. Seeded through SplitMix64, as its authors recommend, so that nearby seeds give unrelated
/// streams.
///
/// Parallel work never shares a generator: each fixed block of work gets its own stream,
/// `Xoshiro256(seed: seed, stream: block)`, so results are the same for any number of threads.
public struct Xoshiro256: RandomNumberGenerator {
    var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var sm = seed
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// An independent stream for block `stream` of a computation seeded with `seed`.
    public init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03) &+ stream)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * uniform()
    }

    /// A standard normal variate (Marsaglia's polar method; the second variate is discarded so that
    /// the stream position does not depend on call history).
    public mutating func normal() -> Double {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * Double.log(s) / s).squareRoot()
            }
        }
    }

    /// Fills `out` with standard normal variates: the numbers `normal()` would give, call after call,
    /// bit for bit, leaving the generator where those calls would (RandomTests checks both). Twice
    /// as fast for many: a block's accepted pairs are first collected without a branch (the polar
    /// method rejects one pair in five, at random: a mispredicted branch each time), then their
    /// logarithms taken in one loop, then u·√(t / s) in vectors (ae_polar_scale).
    public mutating func fillNormal(_ out: UnsafeMutableBufferPointer<Double>) {
        let block = 256
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * block) { scratch in
            let us = scratch.baseAddress!, ss = us + block
            var done = 0
            while done < out.count {
                let count = min(block, out.count - done)
                var k = 0
                while k < count {
                    let u = 2 * uniform() - 1
                    let v = 2 * uniform() - 1
                    let s = u * u + v * v
                    us[k] = u
                    ss[k] = s
                    k += s > 0 && s < 1 ? 1 : 0
                }
                // The logarithms (library calls), then u·√(t / s) in a vectorized kernel: the same
                // operations on the same numbers as normal()'s.
                let t = out.baseAddress! + done
                for i in 0..<count { t[i] = -2 * Double.log(ss[i]) }
                ae_polar_scale(count, us, ss, t)
                done += count
            }
        }
    }

    /// A normal variate with the given mean and standard deviation.
    public mutating func normal(mean: Double, sd: Double) -> Double {
        mean + sd * normal()
    }

    /// A uniform integer in 0..<n.
    public mutating func index(_ n: Int) -> Int {
        Int(next(upperBound: UInt64(n)))
    }
}
