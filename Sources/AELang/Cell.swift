/// A variable that a closure captured: shared by the frame that owns it and every closure made there.
final class Cell {
    var value: Value
    /// Whether the runtime's ``CapturedCells`` lists it.
    var isTracked = false
    init(_ value: Value) { self.value = value }
}
