/// The cells that closures captured, so that the engine can break the reference cycles they form.
///
/// A closure that refers to itself, or two local functions that call each other, make a cycle (cell
/// -> function -> closure -> the same cell) that reference counting never frees. Every captured cell
/// is listed here, weakly (the list never keeps a cell, or what it holds, alive); when the engine goes
/// away it empties the cells still alive, which frees the cycles. Cells in no cycle go as soon as
/// nothing uses them; the list forgets them each time it has doubled, so it stays about as long as the
/// set of live captured variables.
final class CapturedCells {
    private struct Entry { weak var cell: Cell? }
    private var entries: [Entry] = []
    private var sweepAt = CapturedCells.minimumSweep
    private static let minimumSweep = 1024

    @inline(__always)
    func track(_ cell: Cell) {
        guard !cell.isTracked else { return }
        cell.isTracked = true
        entries.append(Entry(cell: cell))
        if entries.count >= sweepAt {
            entries.removeAll { $0.cell == nil }
            sweepAt = max(CapturedCells.minimumSweep, 2 * entries.count)
        }
    }

    /// Empties every cell still alive (breaking the cycles through them) and forgets them all.
    func clear() {
        let alive = entries.compactMap(\.cell)
        entries = []
        sweepAt = CapturedCells.minimumSweep
        for cell in alive { cell.value = .nil }
    }
}
