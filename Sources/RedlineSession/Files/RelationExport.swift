import RedlineLanguage
import RedlineEngine

/// `:export rel FILE`: a relation's facts in the current world written as
/// CSV that `.input rel "FILE"` reads back unchanged, sorted as answers are.
/// The header names the columns as the relation's `.decl` does, else as
/// its first rule's head does (`exposure(V, T)`: V, T), else c1, c2, ...
/// A path written in a file is read from the file's directory and must stay
/// at or below it, as `.input` paths do.
extension Session {
    package struct Export: Sendable {
        package let rows: Int
        package let path: String
    }

    /// `span` is the command's: its file is the one the path is written in.
    package func export(relation name: String, to written: String, at span: SourceSpan) throws(FileWriting.Failure) -> Export {
        let sourcePath = span.file.path
        guard let arity = analysis.arities[name]?.arity else {
            var reason = "no relation '\(name)' to export"
            if let near = Suggestions.closest(to: name, in: Array(analysis.arities.keys)) { reason += "; did you mean '\(near)'?" }
            throw FileWriting.Failure(reason: reason)
        }
        guard arity > 0 else {
            throw FileWriting.Failure(reason: "'\(name)' has no columns to write; ask it with '?- \(name).'")
        }
        let path = FileReading.resolve(written, relativeTo: sourcePath)
        if !allowFilesAnywhere, let refusal = FileReading.writeConfinementFailure(written: written, resolved: path, namedIn: sourcePath) {
            throw FileWriting.Failure(reason: "will not write '\(written)': \(refusal.reason)")
        }
        let key = PredicateKey(name: name, arity: arity)
        let variables = (0..<arity).map { Term.variable("Column#\($0)", span) }
        let answer: QueryAnswer
        do {
            answer = try self.answer([.positive(Atom(predicate: name, args: variables, span: span, nameSpan: span))])
        } catch {
            throw FileWriting.Failure(reason: error.message)
        }
        try FileWriting.writeAtomically(CSVOutput.table(columnNames(of: key), answer.rows.map { $0.map(CSVOutput.cell) }), to: path)
        return Export(rows: answer.rows.count, path: path)
    }

    private func columnNames(of key: PredicateKey) -> [String] {
        if let declaration = program.relations[key.name], declaration.columns.count == key.arity {
            return declaration.columns.map(\.name)
        }
        let fallback = (1...max(key.arity, 1)).map { "c\($0)" }.prefix(key.arity)
        guard let rule = program.clauses.first(where: { !$0.isFact && $0.head.key == key }) else { return Array(fallback) }
        var names: [String] = []
        for (index, arg) in rule.head.args.enumerated() {
            if case .variable(let name, _) = arg, !names.contains(name) { names.append(name) } else { names.append(fallback[index]) }
        }
        return names
    }
}
