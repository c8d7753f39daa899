import Foundation

// Usage: EmbedStdlibTool OUTPUT.swift [--variable NAME] FILE...
// Writes a Swift file defining `NAME` (default `stdlibSources`), a dictionary from each file's name
// without its extension ("paper", "digits") to its text. The EmbedFiles plugin embeds stdlib/*.ae and
// data/*.txt with it: a string literal compiles fast where a large array literal would not.
var arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write("usage: EmbedStdlibTool OUTPUT.swift [--variable NAME] FILE...\n".data(using: .utf8)!)
    exit(64)
}
arguments.removeFirst()
var variable = "stdlibSources"
if arguments.first == "--variable", arguments.count >= 2 {
    variable = arguments[1]
    arguments.removeFirst(2)
}
var swift = "// Generated at build time by EmbedStdlibTool. Edit the embedded files, not this.\n"
swift += "let \(variable): [String: String] = [\n"
for path in arguments {
    let url = URL(fileURLWithPath: path)
    let name = url.deletingPathExtension().lastPathComponent
    let text = try String(contentsOf: url, encoding: .utf8)
    // A raw string with enough #s that no sequence in the source can end it early.
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    swift += "    \"\(name)\": \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes),\n"
}
swift += "]\n"
try swift.write(toFile: output, atomically: true, encoding: .utf8)
