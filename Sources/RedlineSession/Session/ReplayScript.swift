import RedlineLanguage
import RedlineEngine
extension Session {
    /// A script that rebuilds this session when loaded into an empty one:
    /// `:load` lines for files (absolute paths, so it replays from anywhere),
    /// the clauses and declarations typed at the prompt, the date, the
    /// scenarios, the current world and its assumptions.
    /// Typed queries are left out: replaying must not print old answers.
    package func replayScript() -> String {
        var text = """
            % A Redline session, saved by :save. Replay it with
            %   redline --replay THIS-FILE    or, at the prompt,    :replay THIS-FILE
            % File paths are absolute; typed clauses follow the files.
            % (:load THIS-FILE loads it as anyone's file: confined to its folder,
            % and its 'use' and 'assume' lines stay inside it.)

            """
        for source in sources {
            switch source.origin {
            case .file(let path):
                text += ":load \(Session.quoted(Session.absolute(path)))\n"
            case .text(let file):
                text += "\n% typed as \(file.path)\n"
                let parsed = Parser.parse(file)
                var spans = parsed.facts.tables.flatMap { table in (0..<table.count).map { parsed.facts.span(table, row: $0) } }
                for statement in parsed.statements {
                    switch statement {
                    case .clause, .declaration, .uncertain: spans.append(statement.span)
                    default: continue
                    }
                }
                for span in spans.sorted(by: { $0.start < $1.start }) { text += span.text + "\n" }
            }
        }
        text += "\n:at \(baselineDate)\n"
        if !scenarios.isEmpty { text += "\n" }
        // A scenario a loaded file defines comes back with its :load line.
        let loaded = Set(program.files.map { ObjectIdentifier($0) })
        for scenario in scenarios where !loaded.contains(ObjectIdentifier(scenario.span.file)) || isTyped(scenario.span.file) {
            text += SourceText.oneLine(scenario.span.text) + "\n"
        }
        if worldName != "baseline" { text += "use \(worldName).\n" }
        if !assumptions.isEmpty { text += "assume " + assumptions.map(\.written).joined(separator: ", ") + ".\n" }
        return text
    }

    /// Whether a source is text typed at the prompt (saved as such) rather than a file.
    private func isTyped(_ file: SourceFile) -> Bool {
        sources.contains { if case .text(let typed) = $0.origin { typed === file } else { false } }
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix(FileReading.bundledPrefix) { return path }
        let base = FileReading.currentDirectory
        return base == "/" ? "/" + path : base + "/" + FileReading.displayPath(path)
    }

    static func quoted(_ path: String) -> String {
        path.contains(" ") || path.contains("\t") ? "\"\(path)\"" : path
    }
}
