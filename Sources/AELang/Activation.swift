/// How a block was left early.
enum Control: UInt8 {
    case none = 0, breakLoop, continueLoop, returnValue
}

/// What a frame holds besides its slots.
struct ActivationHeader {
    let slotCount: Int
    var cells: ContiguousArray<Cell>
    var upvalues: ContiguousArray<Cell>
    var control: Control = .none
    var returned: Value = .nil
    /// False while the frame waits in its function's pool with its slots deinitialised.
    var live = true
}

/// One call's frame, in a single allocation: slots for its locals (the elements), cells for the
/// locals that closures capture, the closure's upvalues, and the pending `break`/`continue`/`return`.
final class Activation: ManagedBuffer<ActivationHeader, Value> {
    /// A frame whose slots are all unassigned.
    static func make(slotCount: Int, cellCount: Int, upvalues: ContiguousArray<Cell>) -> Activation {
        let frame = makeUninitialized(slotCount: slotCount, cellCount: cellCount, upvalues: upvalues)
        frame.slots.initialize(repeating: Value.unassigned, count: slotCount)
        return frame
    }

    /// A frame whose slots the caller must initialise, all of them, before anything else.
    @inline(__always)
    static func makeUninitialized(slotCount: Int, cellCount: Int, upvalues: ContiguousArray<Cell>) -> Activation {
        var cells = ContiguousArray<Cell>()
        if cellCount > 0 {
            cells.reserveCapacity(cellCount)
            for _ in 0..<cellCount { cells.append(Cell(Value.unassigned)) }
        }
        let buffer = Activation.create(minimumCapacity: slotCount) { _ in
            ActivationHeader(slotCount: slotCount, cells: cells, upvalues: upvalues)
        }
        return unsafeDowncast(buffer, to: Activation.self)
    }

    /// The slots; valid while the frame lives (the storage is inside the object).
    @inline(__always)
    var slots: UnsafeMutablePointer<Value> { withUnsafeMutablePointerToElements { $0 } }

    /// The header, reached through its address. `header` itself is a stored property of the standard
    /// library's ManagedBuffer, and every access to it would pay a run-time exclusivity check, which
    /// costs more than the access; no access to a frame's header overlaps another.
    @inline(__always)
    var head: UnsafeMutablePointer<ActivationHeader> { withUnsafeMutablePointerToHeader { $0 } }

    @inline(__always)
    var control: Control {
        get { head.pointee.control }
        set { head.pointee.control = newValue }
    }

    @inline(__always)
    var returned: Value {
        get { head.pointee.returned }
        set { head.pointee.returned = newValue }
    }

    @inline(__always)
    var cells: ContiguousArray<Cell> { head.pointee.cells }

    @inline(__always)
    var upvalues: ContiguousArray<Cell> { head.pointee.upvalues }

    deinit {
        withUnsafeMutablePointers { header, slots in
            guard header.pointee.live else { return }
            // Element by element: specialised for Value, cheaper than the generic array destroy.
            for i in 0..<header.pointee.slotCount { (slots + i).deinitialize(count: 1) }
        }
    }
}
