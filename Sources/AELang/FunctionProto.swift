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
