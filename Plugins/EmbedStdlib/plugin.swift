import Foundation
import PackagePlugin

/// Compiles the `.ae` files of the top-level `stdlib/` folder into the target as a Swift source file,
/// so the `ae` binary carries its standard library (as Wren compiles its core library into the VM) and
/// `stdlib/` stays the single source of truth.
@main
struct EmbedStdlib: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "stdlib")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "ae" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledStdlib.swift")
        return [
            .buildCommand(
                displayName: "Embedding stdlib (\(files.count) modules)",
                executable: try context.tool(named: "EmbedStdlibTool").url,
                arguments: [output.path] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
