import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let help = SessionCommand(
        name: "help", synopsis: ":help [TOPIC]",
        summary: "Lists statements and commands, or explains one with an example.",
        example: ":help why", completion: .helpTopics
    ) { context in
        let topic = context.call.argumentText
        guard !topic.isEmpty else {
            let statements = HelpTopics.statements.map { [$0.synopsis, $0.summary] }
            let commands = CommandTable.all.map { [$0.synopsis, $0.summary] }
            context.console.show(ResultTable(title: "Statements (end each with '.')", columns: ["statement", "meaning"], rows: statements))
            context.console.show(ResultTable(title: "Commands", columns: ["command", "meaning"], rows: commands))
            context.console.say(":help TOPIC explains one, e.g. :help what if, :help :load. Tab completes; Ctrl-C stops an evaluation; Ctrl-D quits.")
            return
        }
        let name = topic.hasPrefix(":") ? String(topic.dropFirst()) : topic
        if let command = CommandTable.command(named: name) {
            context.console.say("\(command.synopsis)\n  \(command.summary)\n  example: \(command.example)")
        } else if let entry = HelpTopics.statement(named: topic) {
            context.console.say("\(entry.synopsis)\n  \(entry.summary)\n  example: \(entry.example)")
        } else {
            var notes: [Diagnostic.Note] = []
            if let near = Suggestions.closest(to: topic, in: HelpTopics.names) { notes.append(.init("did you mean '\(near)'?")) }
            context.error("no help on '\(topic)'; :help lists the topics", notes: notes)
        }
    }
}
