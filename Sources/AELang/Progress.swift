import Foundation

/// A progress report for one long task, e.g. training: a live bar on a terminal, one line otherwise.
///
///     let bar = context.progress("train", total: 1000)
///     for i in 0..<1000 { ...; bar.update(i + 1, status: "loss 0.0123") }
///     bar.finish(status: "loss 0.0101")
public final class Progress {
    let title: String
    let total: Int
    let live: Bool
    let summary: Bool
    let write: (String) -> Void
    let start = Date()
    var lastDraw = Date.distantPast
    var finished = false

    init(title: String, total: Int, live: Bool, summary: Bool, write: @escaping (String) -> Void) {
        self.title = title
        self.total = max(total, 1)
        self.live = live
        self.summary = summary
        self.write = write
    }

    /// Seconds since the task started.
    public var elapsed: Double { Date().timeIntervalSince(start) }

    /// Reports that `step` of `total` steps are done. Redraws at most 10 times a second.
    public func update(_ step: Int, status: String) {
        guard live else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || step >= total else { return }
        lastDraw = now
        write("\r\u{1B}[2K" + line(step, status: status))
    }

    /// Ends the report: clears the bar and prints the summary line.
    public func finish(status: String) {
        guard !finished else { return }
        finished = true
        if live { write("\r\u{1B}[2K") }
        if summary { write("\(title): \(status) (\(formatSeconds(elapsed)))\n") }
    }

    func line(_ step: Int, status: String) -> String {
        let width = 24
        let fraction = min(1, Double(step) / Double(total))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let spent = elapsed
        let eta = fraction > 0 ? spent * (1 - fraction) / fraction : 0
        return "\(title) \(bar) \(step)/\(total) \(status) \(formatSeconds(spent)) eta \(formatSeconds(eta))"
    }
}

func formatSeconds(_ s: Double) -> String {
    s < 60 ? String(format: "%.1fs", s) : String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60)
}
