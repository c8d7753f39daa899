import AELang

/// Collects what an engine prints.
final class OutputSink {
    var text = ""
}

/// An engine whose output goes to `sink`.
func makeEngine(_ configure: (inout EngineOptions) -> Void = { _ in }) -> (Engine, OutputSink) {
    var options = EngineOptions()
    configure(&options)
    let sink = OutputSink()
    let engine = Engine(options: options, output: { sink.text += $0 }, diagnostics: { _ in })
    return (engine, sink)
}

/// The error a script raises (the first, when there are several), or nil.
func scriptError(_ engine: Engine, _ source: String, file: String = "t.ae") -> ScriptError? {
    do {
        try engine.run(source, file: file)
        return nil
    } catch let error as ScriptError {
        return error
    } catch let errors as ScriptErrors {
        return errors.errors.first
    } catch {
        return nil
    }
}
