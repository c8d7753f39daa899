import Foundation
import PackagePlugin

/// Compiles text files of a top-level folder into a target as one generated Swift source file, so the
/// `ae` binary carries them and the folder stays the single source of truth (as Wren compiles its core
/// library into the VM):
///   AEStdlib  the `.ae` modules of `stdlib/`, as `stdlibSources`.
@main
struct EmbedFiles: BuildToolPlugin {
    /// What each target embeds: folder, file extension, Swift variable.
    static let embedded: [String: (folder: String, ext: String, variable: String)] = [
        "AEStdlib": ("stdlib", "ae", "stdlibSources"),
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let spec = EmbedFiles.embedded[target.name] else {
            Diagnostics.error("EmbedFiles does not know what to embed in target '\(target.name)'")
            return []
        }
        let folder = context.package.directoryURL.appending(path: spec.folder)
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == spec.ext }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "Embedded-\(spec.folder).swift")
        return [
            .buildCommand(
                displayName: "Embedding \(spec.folder)/ (\(files.count) files)",
                executable: try context.tool(named: "EmbedStdlibTool").url,
                arguments: [output.path, "--variable", spec.variable] + files.map(\.path),
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
