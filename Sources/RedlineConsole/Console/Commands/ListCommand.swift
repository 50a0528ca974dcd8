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
        func wantedKey(_ key: PredicateKey) -> Bool { wanted.isEmpty || (key.name == name && (arity == nil || key.arity == arity)) }
        let clauses = program.clausesInLoadOrder(where: wantedKey)
        // Uncertain facts (`0.6 :: p(a).`) among the clauses, in load order.
        let choices = program.uncertain.filter { $0.alternatives.contains { wantedKey($0.atom.key) } }
        if clauses.isEmpty && choices.isEmpty && !program.evidence.contains(where: { wantedKey($0.atom.key) }) && !wanted.isEmpty {
            let known = Set(program.clauses.map(\.head.predicate)).union(program.factKeys.map(\.name))
            var notes: [Diagnostic.Note] = []
            if let near = Suggestions.closest(to: name, in: known.sorted()) { notes.append(.init("did you mean '\(near)'?")) }
            return context.error("no facts or rules for '\(wanted)'", notes: notes)
        }
        var spans = clauses.map(\.span)
        // Evidence (`given ...`) conditions every likelihood: listed with the rest.
        let evidence = program.evidence.filter { wantedKey($0.atom.key) }
        if !choices.isEmpty || !evidence.isEmpty {
            var fileOrder: [ObjectIdentifier: Int] = [:]
            for (index, file) in program.files.enumerated() { fileOrder[ObjectIdentifier(file)] = index }
            func position(_ span: SourceSpan) -> (Int, Int) { (fileOrder[ObjectIdentifier(span.file)] ?? Int.max, span.start) }
            spans = (spans + choices.map(\.span) + evidence.map(\.span)).sorted { position($0) < position($1) }
        }
        let given = Set(evidence.map { [$0.span.start, $0.span.end] })
        let rows = spans.map { span in
            ["\(span.file.path):\(span.line)", given.contains([span.start, span.end]) ? "given \(SourceText.oneLine(span.text))." : SourceText.oneLine(span.text)]
        }
        context.console.show(ResultTable(title: "", columns: ["where", "clause"], rows: rows))
    }
}
