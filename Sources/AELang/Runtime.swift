import Foundation

/// A variable that a closure captured: shared by the frame that owns it and every closure made there.
final class Cell {
    var value: Value
    /// Whether the runtime's ``CapturedCells`` lists it.
    var isTracked = false
    init(_ value: Value) { self.value = value }
}

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

/// Marks a variable that exists but was not assigned yet (a global assigned later in the script, a
/// local assigned only in a branch not taken).
final class Unassigned: HostObject {
    static let typeName = "unassigned"
    static let shared = Unassigned()
    var summary: String { "<unassigned>" }
}

let unassigned = Value.object(Unassigned.shared)

extension Value {
    @inline(__always) var isUnassigned: Bool {
        if case .object(let o) = self { return o === Unassigned.shared }
        return false
    }
}

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
        frame.slots.initialize(repeating: unassigned, count: slotCount)
        return frame
    }

    /// A frame whose slots the caller must initialise, all of them, before anything else.
    @inline(__always)
    static func makeUninitialized(slotCount: Int, cellCount: Int, upvalues: ContiguousArray<Cell>) -> Activation {
        var cells = ContiguousArray<Cell>()
        if cellCount > 0 {
            cells.reserveCapacity(cellCount)
            for _ in 0..<cellCount { cells.append(Cell(unassigned)) }
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

/// A compiled ae function: what every closure made from one `fn` shares.
final class FunctionProto {
    let name: String
    let file: SourceFile
    let location: SourceLocation
    let parameterNames: [String]
    let parameterCount: Int
    let slotCount: Int
    /// Per slot, the index of its cell, or -1 when no closure captures it.
    let cellIndex: [Int]
    let cellCount: Int
    /// Parameters whose slot is captured: (slot, cell) to copy after binding.
    let capturedParameters: [(slot: Int, cell: Int)]
    let hasUpvalues: Bool
    let defaults: [Code?]
    /// A `let`, so that calling it needs no retain of the closure's context.
    let body: Code
    /// Frames of finished calls, reused by the next calls: saves an allocation and a free per call.
    /// A plain buffer rather than an array: a push or pop is then a load and a store, with none of
    /// the array's uniqueness checks (they cost as much as the rest of a recursive call's frame work).
    private let pool = UnsafeMutablePointer<Activation>.allocate(capacity: FunctionProto.poolCapacity)
    private var pooled = 0
    private static let poolCapacity = 32

    /// A frame for a call of `function` (whose closure this is), its slots uninitialised (the caller
    /// initialises all of them).
    @inline(__always)
    func makeFrame(_ function: Function) -> Activation {
        if cellCount == 0, pooled > 0 {
            pooled &-= 1
            let frame = (pool + pooled).move()
            if hasUpvalues { frame.head.pointee.upvalues = function.closure.unsafelyUnwrapped.upvalues }
            frame.head.pointee.live = true
            return frame
        }
        return Activation.makeUninitialized(slotCount: slotCount, cellCount: cellCount,
                                            upvalues: function.closure.unsafelyUnwrapped.upvalues)
    }

    /// Puts a frame back in the pool when nothing else (a closure made in the call) holds it.
    @inline(__always)
    func recycle(_ frame: consuming Activation) {
        // Consuming, so that the frame moves into the pool without a retain (and the caller's release).
        var frame = frame
        guard cellCount == 0, pooled < FunctionProto.poolCapacity, isKnownUniquelyReferenced(&frame) else { return }
        let slots = frame.slots
        for i in 0..<slotCount { (slots + i).deinitialize(count: 1) }
        frame.head.pointee.live = false
        // Only a `return` stores a value here: most calls skip the store (an outlined destroy).
        if frame.head.pointee.control == .returnValue { frame.head.pointee.returned = .nil }
        frame.head.pointee.control = .none
        if hasUpvalues { frame.head.pointee.upvalues = [] }
        (pool + pooled).initialize(to: consume frame)
        pooled &+= 1
    }

    deinit {
        pool.deinitialize(count: pooled)
        pool.deallocate()
    }

    init(name: String, file: SourceFile, location: SourceLocation, parameterNames: [String],
         slotCount: Int, cellIndex: [Int], hasUpvalues: Bool, defaults: [Code?], body: @escaping Code) {
        self.hasUpvalues = hasUpvalues
        self.defaults = defaults
        self.body = body
        self.name = name
        self.file = file
        self.location = location
        self.parameterNames = parameterNames
        self.parameterCount = parameterNames.count
        self.slotCount = slotCount
        self.cellIndex = cellIndex
        self.cellCount = cellIndex.filter { $0 >= 0 }.count
        capturedParameters = parameterNames.indices.compactMap { slot in
            cellIndex[slot] >= 0 ? (slot, cellIndex[slot]) : nil
        }
    }
}

/// A function written in ae: its compiled code and the variables it captured.
final class Closure {
    let proto: FunctionProto
    let upvalues: ContiguousArray<Cell>

    init(proto: FunctionProto, upvalues: ContiguousArray<Cell>) {
        self.proto = proto
        self.upvalues = upvalues
    }
}

/// Compiled code: a Swift closure over slot indices, run against the current frame.
typealias Code = (Activation) throws -> Value
typealias Condition = (Activation) throws -> Bool

/// Compiled code kept in an array. The struct keeps the closure in its natural representation, so
/// calling it needs no reabstraction thunks (which closures stored directly in generic containers do).
struct CodeRef {
    let run: Code
    init(_ run: @escaping Code) { self.run = run }
}

/// The engine's global variables, builtins included, by index (the resolver hands out the indices).
/// The values live in a manually grown buffer so that compiled code reads a global with one load and
/// no bounds check (indices come from the resolver, so they are always valid).
final class Globals {
    private(set) var storage: UnsafeMutablePointer<Value>
    private var capacity: Int
    private(set) var count = 0
    var names: [String] = []
    var indices: [String: Int] = [:]

    init() {
        capacity = 256
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func index(of name: String) -> Int? { indices[name] }

    /// The index of `name`, creating an unassigned global when it does not exist yet.
    func define(_ name: String) -> Int {
        if let index = indices[name] { return index }
        if count == capacity {
            let bigger = UnsafeMutablePointer<Value>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        (storage + count).initialize(to: unassigned)
        indices[name] = count
        names.append(name)
        count += 1
        return count - 1
    }

    /// A copy of the table (names and values), to restore after a `check` that defined names.
    func snapshot() -> (names: [String], values: [Value]) {
        (names, (0..<count).map { storage[$0] })
    }

    func restore(_ snapshot: (names: [String], values: [Value])) {
        storage.deinitialize(count: count)
        count = 0
        names = []
        indices = [:]
        for (name, value) in zip(snapshot.names, snapshot.values) {
            storage[define(name)] = value
        }
    }
}

/// The evaluator's state for one engine: globals, limits, the step counter, the call depth.
final class Runtime {
    let options: EngineOptions
    let globals = Globals()
    /// The variables closures captured, emptied when the engine goes away.
    let capturedCells = CapturedCells()
    let context: CallContext
    let interruptFlag: InterruptFlag
    /// `unassigned`, kept here so that hot paths need no lazy-global check.
    let unset = unassigned
    var depth = 0
    var steps = 0
    var nextCheck = 0
    var deadline: Date?
    /// The `range` builtin, so that `for i in range(n)` can count without building a list.
    var rangeFunction: Function?
    /// The `append` builtin, so that `xs = append(xs, x)` can append in place.
    var appendFunction: Function?
    /// Where the builtin now running was called from (for errors in functions it calls back).
    var nativeCallSite: (SourceFile, SourceLocation)?
    /// The builtin now running, if any: whether the ae functions it calls may hand it packed lists.
    var nativeFunction: Function?

    init(options: EngineOptions, context: CallContext, interruptFlag: InterruptFlag) {
        self.options = options
        self.context = context
        self.interruptFlag = interruptFlag
    }

    /// Called before each run: resets the step budget and the deadline.
    func startRun() {
        steps = 0
        depth = 0
        nextCheck = 0
        deadline = options.deadline.map { Date().addingTimeInterval($0) }
    }

    /// Counts one step (a loop iteration or a call); every 1024 steps checks the interrupt flag, the
    /// deadline and the step limit.
    @inline(__always)
    func tick(_ file: SourceFile, _ location: SourceLocation) throws {
        steps &+= 1
        if steps >= nextCheck { try slowCheck(file, location) }
    }

    func slowCheck(_ file: SourceFile, _ location: SourceLocation) throws {
        if interruptFlag.isSet {
            throw ScriptError(kind: .interrupted, message: "interrupted", file: file, location: location)
        }
        if let maxSteps = options.maxSteps, steps > maxSteps {
            throw ScriptError(kind: .limit, message: "step limit exceeded (\(maxSteps) steps)", file: file,
                              location: location, hint: "raise EngineOptions.maxSteps, or look for an endless loop")
        }
        if let deadline, Date() > deadline {
            throw ScriptError(kind: .limit,
                              message: "time limit exceeded (\(formatNumber(options.deadline ?? 0)) s)",
                              file: file, location: location)
        }
        nextCheck = steps + 1024
        if let maxSteps = options.maxSteps { nextCheck = min(nextCheck, maxSteps + 1) }
    }

    /// The check on sizes of lists and strings a script builds.
    @inline(__always)
    func checkSize(_ count: Int, _ file: SourceFile, _ location: SourceLocation) throws {
        if count > options.maxElements {
            throw ScriptError(kind: .limit,
                              message: "size limit exceeded: \(count) elements (limit \(options.maxElements))",
                              file: file, location: location)
        }
    }
}
