import Foundation
import PackagePlugin

/// Compiles the `.txt` files of the top-level `data/` folder (the digits of `digits()`) into the
/// target as a Swift source file, so the `ae` binary needs no data file at run time and `data/` stays
/// the single source of truth.
@main
struct EmbedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "data")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedDataFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding data (\(files.count) files)",
                executable: try context.tool(named: "EmbedStdlibTool").url,
                arguments: [output.path, "--variable", "embeddedDataFiles"] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
