import Foundation
import Testing

/// The README's examples, run as written: every `redline> ` entry of its
/// transcripts against the bundled scenario (the output shown must be what
/// the binary prints), and every command line it shows in backquotes that
/// names files that exist. The README's own `redline run --kb ...` example
/// failed for months because nothing ran it.
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// (entry, output) pairs of the fenced transcripts that start at the
    /// bundled scenario's prompt; a continued entry (`...`) joins its lines.
    static func transcriptEntries() -> [(entry: String, output: String)] {
        var pairs: [(String, String)] = []
        var inBlock = false, entry: String?, output: [String] = []
        func flush() {
            if let entry { pairs.append((entry, output.joined(separator: "\n"))) }
            entry = nil
            output = []
        }
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                flush()
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("redline> ") {
                flush()
                entry = String(line.dropFirst("redline> ".count))
            } else if entry != nil, line.hasPrefix("     ...   ") {
                entry! += "\n" + line.dropFirst("     ...   ".count)
            } else if entry != nil {
                output.append(line)
            }
        }
        return pairs
    }

    @Test func theTranscriptsPrintWhatTheBinaryPrints() throws {
        let entries = Self.transcriptEntries()
        #expect(entries.count >= 8, "found \(entries.count) entries")
        // One process, all entries in order, as at the prompt; the tour's
        // date is the story's. A statement given with -e is echoed before its
        // output; a clause or a `:command` is not, and is not compared.
        var arguments: [String] = []
        for (entry, _) in entries { arguments += ["-e", entry] }
        let run = try CommandLineTests.redline(arguments)
        #expect(run.errors.isEmpty, "\(run.errors)")
        let compared = entries.filter { entry in
            !entry.entry.hasPrefix(":") && !entry.entry.contains(":-") && !entry.output.contains("<input ")
        }
        #expect(compared.count >= 7)
        var printed = Substring(run.output)
        for (index, (entry, expected)) in compared.enumerated() {
            guard let start = printed.range(of: entry + "\n") else {
                Issue.record("no output for \(entry)")
                continue
            }
            printed = printed[start.upperBound...]
            let end = index + 1 < compared.count ? printed.range(of: compared[index + 1].entry + "\n")?.lowerBound : nil
            let output = printed[..<(end ?? printed.endIndex)]
            #expect(Self.matches(String(output), expected), "README shows for \(entry):\n\(expected)\nthe binary printed:\n\(output)")
        }
    }

    /// The five-minute tour is the tour script's: its entries are the
    /// statements after each `%% readme` line of ultimatum-tour.rl, in order
    /// (Scripts/readme-tour writes them; the test above checks their output).
    @Test func theTourIsTheTourScripts() throws {
        let tour = try String(contentsOf: CommandLineTests.packageRoot.appendingPathComponent("Scripts/examples/ultimatum-tour.rl"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marked = tour.indices.dropLast().filter { tour[$0].trimmingCharacters(in: .whitespaces) == "%% readme" }.map { tour[$0 + 1] }
        #expect(marked.count >= 6)
        let lines = Self.readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let marker = try #require(lines.firstIndex { $0.hasPrefix("<!-- tour:") }, "the README has no tour marker")
        let end = try #require(lines[(marker + 2)...].firstIndex(of: "```"))
        let shown = lines[(marker + 2)..<end].filter { $0.hasPrefix("redline> ") }.map { String($0.dropFirst("redline> ".count)) }
        #expect(shown == marked, "run Scripts/readme-tour")
    }

    /// Whether `output` is `expected`, where a line `...` in `expected`
    /// stands for any lines, and the output of a `:list` may follow.
    static func matches(_ output: String, _ expected: String) -> Bool {
        let segments = expected.components(separatedBy: "\n...\n")
        var rest = Substring(output)
        for (index, segment) in segments.enumerated() {
            let text = segment + (index == segments.count - 1 ? "\n" : "")
            if index == 0 {
                guard rest.hasPrefix(text) else { return false }
                rest = rest.dropFirst(text.count)
            } else {
                guard let found = rest.range(of: text) else { return false }
                rest = rest[found.upperBound...]
            }
        }
        // What follows belongs to entries that print no echo (`:list`).
        return rest.isEmpty || rest.hasPrefix("where ")
    }

    /// Command lines in backquotes (`redline run --kb bundled:ultimatum.rl
    /// questions.rl`) whose files exist: each runs as written, with its
    /// script files looked up among the test fixtures and the examples.
    @Test func theCommandLinesItShowsRun() throws {
        let pattern = try Regex(#"`(redline (?:run|check)[^`]*)`"#)
        var ran = 0
        for match in Self.readme.matches(of: pattern) {
            let line = String(match.output[1].substring ?? "")
            var arguments = line.split(separator: " ").dropFirst().map(String.init)
            // `redline run` named in prose is not an example.
            guard arguments.count > 1, !arguments.contains(where: { $0.contains("...") || $0.uppercased() == $0 && $0.count > 1 && !$0.hasPrefix("-") }) else { continue }
            arguments = arguments.map { argument in
                guard argument.hasSuffix(".rl"), !argument.hasPrefix("bundled:") else { return argument }
                for folder in ["Tests/RedlineCLITests/fixtures/", "Scripts/examples/"]
                where FileManager.default.fileExists(atPath: CommandLineTests.packageRoot.appendingPathComponent(folder + argument).path) {
                    return folder + argument
                }
                return argument
            }
            guard arguments.allSatisfy({ !$0.hasSuffix(".rl") || $0.hasPrefix("bundled:")
                || FileManager.default.fileExists(atPath: CommandLineTests.packageRoot.appendingPathComponent($0).path) }) else { continue }
            let run = try CommandLineTests.redline(arguments)
            #expect(run.status == 0 || run.status == 2, "\(line): exit \(run.status)\n\(run.errors)")
            #expect(!run.errors.contains("Error:"), "\(line): \(run.errors)")
            ran += 1
        }
        #expect(ran >= 1, "no command line of the README ran")
    }
}
