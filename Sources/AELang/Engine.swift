import Foundation
import AEFiles

/// An ae interpreter: its globals, builtins, options and output sinks. The CLI, the REPL, the tests and
/// any other host drive the language only through this class.
///
///     let engine = Engine()
///     engine.register(Builtins.all)
///     let value = try engine.run("x = 3\nx * 2")      // .number(6)
///     print(engine.describe(value))                   // 6
///
/// Not thread-safe, except `cancel()` and `interruptFlag`, which another thread or a signal handler
/// may use while a script runs.
public final class Engine {
    public let options: EngineOptions
    /// Polled by the evaluator and long builtins; `cancel()` sets it. A host may share one flag with
    /// its signal handler (the CLI does: the handler then touches nothing but atomics).
    public let interruptFlag: InterruptFlag
    /// Module lookup for `import "name"`: the script's directory, then these paths (AE_PATH), then
    /// `bundledModules`.
    public var searchPaths: [String] = []
    /// Modules compiled into the host: name -> source (the stdlib).
    public var bundledModules: [String: String] = [:]
    /// The host's own module lookup for `import "name"`: returns the module's source, or nil when the
    /// host has no such module. Asked after the file system (which is searched only when
    /// `options.allowFileRead` is set) and before `bundledModules`.
    public var moduleLoader: ((String) -> String?)?

    /// Where `show(x)` draws when the host can show more than text: called with the object (a
    /// figure), it returns true when it displayed it (a notebook cell gets the figure's
    /// ``HostObject/richDisplay``), false to have it drawn as text.
    public var display: ((any HostObject) -> Bool)? {
        get { context.display }
        set { context.display = newValue }
    }

    let runtime: Runtime
    let context: CallContext
    private let diagnostics: (String) -> Void
    var modules: [String: Module] = [:]
    var directory: String?
    private var running = 0
    /// The topics of the registered builtins, in the order they first appeared (`help()` lists them so).
    private(set) var topicOrder: [String] = []
    /// Where scripts run: a worker thread with a 512 MiB stack, kept for the engine's lifetime.
    let largeStack = LargeStack()

    /// `output` and `diagnostics` are called from the thread the engine runs scripts on, not the
    /// host's, hence `@Sendable` (a closure written at the top level of a Swift 6 `main.swift` would
    /// otherwise be isolated to the main actor and stop the program when called from there).
    public init(options: EngineOptions = EngineOptions(),
                interruptFlag: InterruptFlag = InterruptFlag(),
                output: @escaping @Sendable (String) -> Void = { text in print(text, terminator: "") },
                diagnostics: @escaping @Sendable (String) -> Void = { text in FileHandle.standardError.write(Data(text.utf8)) }) {
        self.options = options
        self.diagnostics = diagnostics
        self.interruptFlag = interruptFlag
        context = CallContext(options: options, interruptFlag: interruptFlag, output: output, diagnostics: diagnostics)
        runtime = Runtime(options: options, context: context, interruptFlag: interruptFlag)
        context.invoke = { [unowned runtime] function, arguments in try runtime.callFromNative(function, arguments) }
        let core = coreBuiltins()
        register(core)
        runtime.rangeFunction = core.first { $0.name == "range" }
        runtime.appendFunction = core.first { $0.name == "append" }
        setGlobal("args", .list([]))
        setGlobal("ans", .nil)
        // An ordinary global: a script may rebind it (`pi = 3`) without affecting other engines.
        setGlobal("pi", .number(Double.pi))
    }

    deinit {
        // Values nested very deeply (a list in a list ... a million times) are freed recursively:
        // free them on the large stack too. Emptying the captured cells frees the cycles closures make.
        let globals = runtime.globals, capturedCells = runtime.capturedCells
        _ = try? largeStack.run {
            globals.restore((names: [], values: []))
            capturedCells.clear()
        }
    }

    /// Interrupts the running script (thread-safe): it stops with an `.interrupted` error.
    ///
    /// The request stays set until the host calls `interruptFlag.clear()`: a cancel that lands just
    /// before `run` starts stops that run too, and every later run, until cleared.
    public func cancel() { interruptFlag.set() }

    /// Registers a builtin; it replaces a global of the same name.
    public func register(_ function: Function) {
        setGlobal(function.name, .function(function))
        if let topic = function.topic, !topicOrder.contains(topic) { topicOrder.append(topic) }
        // `for i in range(n)` counts without a list only with the core range; a replacement is called.
        if function.name == "range" { runtime.rangeFunction = nil }
        if function.name == "append" { runtime.appendFunction = nil }
    }

    public func register(_ functions: [Function]) {
        for function in functions { register(function) }
    }

    /// Creates or replaces a global variable, e.g. `args` from the command line.
    public func setGlobal(_ name: String, _ value: Value) {
        let index = runtime.globals.define(name)
        runtime.globals.storage[index] = value
    }

    /// The value of a global, or nil when it does not exist (or was never assigned).
    public func global(_ name: String) -> Value? {
        guard let index = runtime.globals.index(of: name) else { return nil }
        let value = runtime.globals.storage[index]
        return value.isUnassigned ? nil : value
    }

    /// Builtins and user globals, sorted.
    public var globalNames: [String] {
        runtime.globals.names.filter { global($0) != nil }.sorted()
    }

    // MARK: Running

    /// Runs a whole script. Returns the value of the last statement.
    @discardableResult
    public func run(_ source: String, file: String = "<input>") throws -> Value {
        try execute(source, file: file).value
    }

    /// Runs a script file; imports look in its directory first. The host names the file, so this
    /// reads it whatever `options.allowFileRead` says (which governs what the script itself reads).
    @discardableResult
    public func runFile(_ path: String) throws -> Value {
        let source = try Engine.readScript(path)
        return try inDirectory(of: path) { try run(source, file: path) }
    }

    /// Parses and resolves a script file without running it (`ae --check FILE`); its imports are
    /// resolved from its own directory first, as `runFile` would.
    public func checkFile(_ path: String) throws {
        let source = try Engine.readScript(path)
        try inDirectory(of: path) { try check(source, file: path) }
    }

    private func inDirectory<T>(of path: String, _ body: () throws -> T) rethrows -> T {
        let saved = directory
        directory = containingFolder(of: path)
        defer { directory = saved }
        return try body()
    }

    private static func readScript(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScriptError(kind: .runtime, message: "cannot read '\(path)'", file: path, line: 0, column: 0)
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw ScriptError(kind: .runtime, message: "'\(path)' is not UTF-8 text", file: path, line: 0, column: 0)
        }
        return source
    }

    /// Parses and resolves only (`ae --check`): throws the syntax and resolve errors, runs nothing.
    public func check(_ source: String, file: String) throws {
        let saved = runtime.globals.snapshot()
        let savedModules = modules
        defer {
            runtime.globals.restore(saved)
            modules = savedModules
        }
        _ = try largeStack.run { [self] in try compile(source, file: file) }
    }

    /// Runs one REPL entry. Returns the value to echo: nil for assignments, statements and nil values,
    /// and for an entry that ends with `;` (as in Julia and MATLAB), whose value is still stored in `ans`.
    /// A returned value is also stored in `ans`.
    public func evaluateInteractive(_ source: String, file: String = "<repl>") throws -> Value? {
        let (value, isExpression) = try execute(source, file: file, interactive: true)
        guard isExpression, value != .nil else { return nil }
        setGlobal("ans", value)
        return endsWithSemicolon(source) ? nil : value
    }

    private func execute(_ source: String, file: String, interactive: Bool = false) throws -> (value: Value, isExpression: Bool) {
        // The flag is not cleared here: a Ctrl-C (or `cancel()`) that lands just before the run starts
        // must still stop it. The host clears the flag when it wants a fresh start.
        return try largeStack.run { [self] in
            let (code, isExpression) = try compile(source, file: file, interactive: interactive)
            if interruptFlag.isSet {
                throw ScriptError(kind: .interrupted, message: "interrupted", file: file, line: 1, column: 1)
            }
            if running == 0 {
                runtime.startRun()
                context.deadline = runtime.deadline
            }
            running += 1
            defer { running -= 1 }
            let value = try code(Activation.make(slotCount: 0, cellCount: 0, upvalues: []))
            return (value, isExpression)
        }
    }

    /// Parse, resolve and compile. Throws ScriptError (one error) or ScriptErrors (several).
    private func compile(_ source: String, file name: String, interactive: Bool = false) throws -> (Code, Bool) {
        let file = SourceFile(name: name, text: source)
        let nodes = try parse(source, file)
        var resolver = Resolver(globals: runtime.globals, file: file, importer: { [unowned self] in try load($0) })
        resolver.allowsLaterGlobals = interactive
        let savedFile = currentFile
        currentFile = file
        defer { currentFile = savedFile }
        resolver.resolveProgram(nodes)
        try Engine.throwing(resolver.errors)
        let code = Compiler(runtime: runtime, file: file).compileProgram(nodes)
        return (code, nodes.last?.isExpression ?? false)
    }

    private func parse(_ source: String, _ file: SourceFile) throws -> [Node] {
        let (nodes, errors) = parseRecovering(source, file)
        try Engine.throwing(errors)
        return nodes
    }

    /// The nodes the parser made, recovering after each error, and those errors.
    func parseRecovering(_ source: String, _ file: SourceFile) -> (nodes: [Node], errors: [ScriptError]) {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        file.comments = lexer.lineComments
        var parser = Parser(tokens: tokens, file: file, maxNesting: options.maxNesting)
        let nodes = parser.parseProgram()
        return (nodes, parser.errors)
    }

    private static func throwing(_ errors: [ScriptError]) throws {
        if errors.count == 1 { throw errors[0] }
        if errors.count > 1 { throw ScriptErrors(errors: errors) }
    }

    /// Finds, parses, resolves and compiles a module for `import` (once per engine).
    func load(_ ref: ModuleRef) throws -> Module {
        if let module = modules[ref.name] { return module }
        var looked: [String] = []
        var source: String?
        var path = ref.name
        var origin = ImportedModule.Origin.file
        // Without the file-reading capability, `import` may not read files either.
        let directories = options.allowFileRead ? [directory ?? FileManager.default.currentDirectoryPath] + searchPaths : []
        for dir in directories {
            let candidate = (dir as NSString).appendingPathComponent(ref.name + ".ae")
            looked.append(dir)
            if let text = try? String(contentsOfFile: candidate, encoding: .utf8) {
                source = text
                path = candidate
                break
            }
        }
        if source == nil, let loaded = moduleLoader?(ref.name) {
            source = loaded
            path = "<module>/\(ref.name).ae"
            origin = .host
        }
        if source == nil, let bundled = bundledModules[ref.name] {
            source = bundled
            path = "<stdlib>/\(ref.name).ae"
            origin = .bundled
        }
        guard let source else {
            let known = bundledModules.keys.sorted()
            throw ScriptError(kind: .resolve, message: "cannot find module '\(ref.name)'", file: nil,
                              location: ref.location,
                              hint: didYouMean(ref.name, among: known)
                                ?? (looked.isEmpty ? "no module of that name (the engine may not read files)"
                                    : "looked for \(ref.name).ae in \(looked.joined(separator: ", "))\(known.isEmpty ? "" : " and the bundled modules")"))
                .placed(in: currentFile)
        }
        let file = SourceFile(name: path, text: source)
        let module = Module(name: ref.name, file: file, origin: origin)
        modules[ref.name] = module
        do {
            let nodes = try parse(source, file)
            var resolver = Resolver(globals: runtime.globals, file: file, importer: { [unowned self] in try load($0) })
            let savedFile = currentFile
            currentFile = file
            defer { currentFile = savedFile }
            resolver.resolveProgram(nodes)
            try Engine.throwing(resolver.errors)
            module.code = Compiler(runtime: runtime, file: file).compileProgram(nodes)
        } catch {
            modules[ref.name] = nil
            throw error
        }
        return module
    }

    /// The file being resolved, for placing import errors.
    var currentFile: SourceFile?

    // MARK: Inspecting

    /// How a value prints in the REPL: round-trippable, strings quoted, host objects by `summary`.
    public func describe(_ value: Value) -> String {
        AELang.describe(value, quoted: true)
    }

    /// The doc of a builtin or user function (the comment block above its `fn`), or nil.
    public func help(_ name: String) -> String? {
        guard case .function(let function) = global(name) else { return nil }
        return Engine.doc(of: function)
    }

    static func doc(of function: Function) -> String {
        if function.isNative { return function.doc }
        let head = "fn " + function.signature
        return function.doc.isEmpty ? head : head + "\n\n" + function.doc
    }
}

extension ScriptError {
    /// The same error with the file and source line of `file` (when the location was made without).
    func placed(in file: SourceFile?) -> ScriptError {
        guard let file else { return self }
        return ScriptError(kind: kind, message: message, file: file.name, line: line, column: column, length: length,
                           hint: hint, traceback: traceback, sourceLine: file.line(line))
    }
}
