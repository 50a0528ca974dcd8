import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let levers = SessionCommand(
        name: "levers", synopsis: ":levers",
        summary: "Lists each lever (.lever) with its facts and, per column, the constants a flip search fills in where the rules leave a variable unbound.",
        example: ":levers"
    ) { context in
        let session = context.session
        let keys = session.leverKeys.sorted()
        guard !keys.isEmpty else {
            return context.console.say("no levers: declare the facts a workshop may change with '.lever pred/arity'")
        }
        var rows: [[String]] = []
        for key in keys {
            var facts: [String] = []
            for (_, table) in session.written.factTables where table.key == key {
                for row in 0..<table.count { facts.append(Fact(key.name, Array(table.row(row))).description) }
            }
            let names = session.written.relations[key.name].flatMap { $0.columns.count == key.arity ? $0.columns.map(\.name) : nil }
            let columns = (0..<key.arity).map { column in
                let constants = session.constants(for: key, column: column)
                return "\(names?[column] ?? "#\(column + 1)"): " + (constants.isEmpty ? "(none)" : constants.map(\.description).joined(separator: ", "))
            }
            rows.append(["\(key.name)/\(key.arity)", facts.isEmpty ? "(none)" : facts.joined(separator: ", "), columns.joined(separator: "; ")])
        }
        context.console.show(ResultTable(title: "", columns: ["lever", "facts", "constants by column"], rows: rows))
    }
}
