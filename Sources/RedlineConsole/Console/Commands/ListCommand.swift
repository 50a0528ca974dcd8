import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let list = SessionCommand(
        name: "list", synopsis: ":list [PRED[/ARITY]]",
        summary: "Shows facts and rules with their file:line, all or those of one predicate.",
        example: ":list contract_lost", completion: .predicates
    ) { context in
        let wanted = context.call.argumentText
        var name = wanted, arity: Int? = nil
        if let slash = wanted.lastIndex(of: "/"), let n = Int(wanted[wanted.index(after: slash)...]) {
            name = String(wanted[..<slash])
            arity = n
        }
        let program = context.session.written
        let clauses = program.clausesInLoadOrder {
            wanted.isEmpty || ($0.name == name && (arity == nil || $0.arity == arity))
        }
        if clauses.isEmpty && !wanted.isEmpty {
            let known = Set(program.clauses.map(\.head.predicate)).union(program.factKeys.map(\.name))
            var notes: [Diagnostic.Note] = []
            if let near = Suggestions.closest(to: name, in: known.sorted()) { notes.append(.init("did you mean '\(near)'?")) }
            return context.error("no facts or rules for '\(wanted)'", notes: notes)
        }
        let rows = clauses.map { clause in
            ["\(clause.span.file.path):\(clause.span.line)", SourceText.oneLine(clause.span.text)]
        }
        context.console.show(ResultTable(title: "", columns: ["where", "clause"], rows: rows))
    }
}
