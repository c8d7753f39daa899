#if canImport(Glibc)
import Glibc
#endif

/// Convergence and efficiency diagnostics of several chains of one scalar quantity, following the Stan
/// reference manual and Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021), "Rank-normalization,
/// folding, and localization: an improved R̂", Bayesian Analysis 16(2).
///
/// Input: `chains[m][i]`, M chains of equal length N.
public enum ChainDiagnostics {
    /// Rank-normalised split-R̂ (Vehtari et al. 2021, eq. 4–5): the maximum of the split-R̂ of the
    /// rank-normalised draws and of the rank-normalised folded draws |θ − median|. ≈ 1 for converged
    /// chains; the authors recommend using samples only when it is below 1.01.
    public static func rhat(_ chains: [[Double]]) -> Double {
        let split = splitChains(chains)
        guard split.count >= 2, split[0].count >= 2 else { return .nan }
        let bulk = basicRhat(rankNormalize(split))
        let median = quantile(split.flatMap { $0 }, 0.5)
        let folded = basicRhat(rankNormalize(split.map { $0.map { abs($0 - median) } }))
        return max(bulk, folded)
    }

    /// Bulk effective sample size: the ESS of the rank-normalised split chains.
    public static func essBulk(_ chains: [[Double]]) -> Double {
        ess(rankNormalize(splitChains(chains)))
    }

    /// Tail ESS: the minimum of the ESS of the indicators θ ≤ q₀.₀₅ and θ ≤ q₀.₉₅ (split chains).
    public static func essTail(_ chains: [[Double]]) -> Double {
        let split = splitChains(chains)
        let all = split.flatMap { $0 }
        guard !all.isEmpty else { return .nan }
        let q05 = quantile(all, 0.05), q95 = quantile(all, 0.95)
        let low = ess(split.map { $0.map { $0 <= q05 ? 1 : 0 } })
        let high = ess(split.map { $0.map { $0 <= q95 ? 1 : 0 } })
        return min(low, high)
    }

    /// ESS of the mean of the raw draws (split chains, no rank normalisation): what the Monte Carlo
    /// standard error of the mean uses, MCSE = sd / √ESS.
    public static func essMean(_ chains: [[Double]]) -> Double {
        ess(splitChains(chains))
    }

    /// The effective sample size of M chains of length N (Stan's definition):
    /// ρ̂ₜ = 1 − (W − mean over chains of γₜ,ₘ) / var⁺ from FFT autocovariances γₜ,ₘ, summed in pairs
    /// Pₜ = ρ̂₂ₜ + ρ̂₂ₜ₊₁ while positive (Geyer's initial positive sequence), made monotone (Geyer's
    /// initial monotone sequence); τ̂ = −1 + 2 Σ ρ̂ₜ, ESS = M·N / τ̂ (τ̂ at least 1/log₁₀(M·N), as in Stan).
    public static func ess(_ chains: [[Double]]) -> Double {
        let m = chains.count
        guard m >= 1 else { return .nan }
        let n = chains[0].count
        guard n >= 5, chains.allSatisfy({ $0.count == n }) else { return .nan }
        let acov = chains.map(autocovariance)
        let means = chains.map { $0.reduce(0, +) / Double(n) }
        let meanVar = acov.map { $0[0] }.reduce(0, +) / Double(m) * Double(n) / Double(n - 1)
        var varPlus = meanVar * Double(n - 1) / Double(n)
        if m > 1 { varPlus += variance(means) }
        guard varPlus > 0, varPlus.isFinite else { return .nan }
        func meanAcov(_ t: Int) -> Double { acov.map { $0[t] }.reduce(0, +) / Double(m) }

        var rho = [Double](repeating: 0, count: n)
        var rhoEven = 1.0
        var rhoOdd = 1 - (meanVar - meanAcov(1)) / varPlus
        rho[0] = rhoEven
        rho[1] = rhoOdd
        var t = 1
        while t < n - 3 && rhoEven + rhoOdd > 0 {
            rhoEven = 1 - (meanVar - meanAcov(t + 1)) / varPlus
            rhoOdd = 1 - (meanVar - meanAcov(t + 2)) / varPlus
            if rhoEven + rhoOdd >= 0 {
                rho[t + 1] = rhoEven
                rho[t + 2] = rhoOdd
            }
            t += 2
        }
        let maxT = t - 2
        if rhoEven > 0 { rho[maxT + 1] = rhoEven }
        // Initial monotone sequence: each pair sum no larger than the one before.
        t = 1
        while t <= maxT - 2 {
            if rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t] {
                rho[t + 1] = (rho[t - 1] + rho[t]) / 2
                rho[t + 2] = rho[t + 1]
            }
            t += 2
        }
        let total = Double(m * n)
        var tau = -1 + 2 * rho[0...maxT].reduce(0, +) + rho[maxT + 1]
        tau = max(tau, 1 / log10(total))
        return total / tau
    }

    /// The split-R̂ of already split (or any) chains, without rank normalisation:
    /// √(var⁺ / W), var⁺ = (N−1)/N·W + B/N.
    public static func basicRhat(_ chains: [[Double]]) -> Double {
        let m = chains.count, n = chains.first?.count ?? 0
        guard m >= 2, n >= 2 else { return .nan }
        let means = chains.map { $0.reduce(0, +) / Double(n) }
        let w = chains.map(variance).reduce(0, +) / Double(m)
        let bOverN = variance(means)
        let varPlus = Double(n - 1) / Double(n) * w + bOverN
        return w > 0 ? (varPlus / w).squareRoot() : (bOverN > 0 ? .infinity : .nan)
    }

    /// Each chain cut into its first and second half (the middle draw of an odd length is dropped).
    public static func splitChains(_ chains: [[Double]]) -> [[Double]] {
        chains.flatMap { chain -> [[Double]] in
            let half = chain.count / 2
            return [Array(chain[0..<half]), Array(chain[(chain.count - half)...])]
        }
    }

    /// Pooled ranks (ties get their average rank) mapped through the normal quantile:
    /// z = Φ⁻¹((r − 3/8) / (S + 1/4)) (Blom's offset, Vehtari et al. 2021 eq. 14).
    public static func rankNormalize(_ chains: [[Double]]) -> [[Double]] {
        let all = chains.flatMap { $0 }
        let s = all.count
        let order = all.indices.sorted { all[$0] < all[$1] }
        var ranks = [Double](repeating: 0, count: s)
        var i = 0
        while i < s {
            var j = i
            while j + 1 < s && all[order[j + 1]] == all[order[i]] { j += 1 }
            let average = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = average }
            i = j + 1
        }
        let z = ranks.map { normalQuantile(($0 - 0.375) / (Double(s) + 0.25)) }
        var out = [[Double]](), offset = 0
        for chain in chains {
            out.append(Array(z[offset..<offset + chain.count]))
            offset += chain.count
        }
        return out
    }
}

/// Sample variance with divisor n − 1 (0 for fewer than two values).
func variance(_ x: [Double]) -> Double {
    guard x.count >= 2 else { return 0 }
    let mean = x.reduce(0, +) / Double(x.count)
    return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
}

/// The q-quantile of x by linear interpolation between order statistics (NumPy's default, type 7).
func quantile(_ x: [Double], _ q: Double) -> Double {
    let sorted = x.sorted()
    guard !sorted.isEmpty else { return .nan }
    let position = q * Double(sorted.count - 1)
    let lo = Int(position.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (position - Double(lo)) * (sorted[hi] - sorted[lo])
}

/// Φ⁻¹(p), the standard normal quantile: Acklam's rational approximation (relative error 1.2e-9)
/// refined by one Halley step on erfc, giving full double precision.
public func normalQuantile(_ p: Double) -> Double {
    guard p > 0 && p < 1 else { return p == 0 ? -.infinity : (p == 1 ? .infinity : .nan) }
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
             6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let dd = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    var x: Double
    if p < low {
        let q = (-2 * log(p)).squareRoot()
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((dd[0] * q + dd[1]) * q + dd[2]) * q + dd[3]) * q + 1)
    } else if p <= 1 - low {
        let q = p - 0.5, r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = (-2 * log(1 - p)).squareRoot()
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((dd[0] * q + dd[1]) * q + dd[2]) * q + dd[3]) * q + 1)
    }
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
}
