import Foundation

/// The evaluator's state for one engine: globals, limits, the step counter, the call depth.
final class Runtime {
    let options: EngineOptions
    let globals = Globals()
    /// The variables closures captured, emptied when the engine goes away.
    let capturedCells = CapturedCells()
    let context: CallContext
    let interruptFlag: InterruptFlag
    /// `Value.unassigned`, kept here so that hot paths need no lazy-global check.
    let unassigned = Value.unassigned
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
