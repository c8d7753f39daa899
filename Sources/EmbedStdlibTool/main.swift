import Foundation

// Usage: EmbedStdlibTool OUTPUT.swift FILE.ae...
// Writes a Swift file defining `stdlibSources`, a dictionary from module name ("paper") to source text.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write("usage: EmbedStdlibTool OUTPUT.swift FILE.ae...\n".data(using: .utf8)!)
    exit(64)
}
var swift = "// Generated from stdlib/*.ae at build time. Edit the .ae files, not this.\n"
swift += "let stdlibSources: [String: String] = [\n"
for path in arguments.dropFirst() {
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
