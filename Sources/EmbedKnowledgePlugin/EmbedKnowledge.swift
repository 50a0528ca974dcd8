import Foundation
import PackagePlugin

/// Compiles the files of `Knowledge/` into the library, so the bundled
/// scenario is found from any working directory and by a copied binary.
@main
struct EmbedKnowledge: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let knowledge = context.package.directoryURL.appending(path: "Knowledge")
        let names = try FileManager.default.contentsOfDirectory(atPath: knowledge.path(percentEncoded: false))
            .filter { $0.hasSuffix(".rl") || $0.hasSuffix(".csv") }
            .sorted()
        let inputs = names.map { knowledge.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledKnowledge.swift")
        return [.buildCommand(
            displayName: "Embedding the bundled knowledge (\(names.count) files)",
            executable: try context.tool(named: "embed-knowledge").url,
            arguments: [output.path(percentEncoded: false)] + inputs.map { $0.path(percentEncoded: false) },
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
