// The throwaway host package of .ci/host-package.sh: an embedder's program that depends on ae by
// version. Runs the script named on the command line through an engine with the numerical builtins
// and prints what the script prints.
import AEBindings
import AELang
import Foundation

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: host SCRIPT.ae\n".utf8))
    exit(64)
}
var options = EngineOptions()
options.quiet = true
options.allowFileRead = true
// Engine takes @Sendable closures: it calls them from its own thread, so in Swift 6 these are not
// main-actor isolated although they are written at the top level of main.swift.
let engine = Engine(options: options, output: { text in print(text, terminator: "") },
                    diagnostics: { text in FileHandle.standardError.write(Data(text.utf8)) })
engine.register(Builtins.all)
do {
    _ = try engine.runFile(CommandLine.arguments[1])
} catch let error as ScriptError {
    FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
    exit(70)
}
