import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let load = SessionCommand(
        name: "load", synopsis: ":load FILE...",
        summary: "Loads files as one set: if any has an error, the session stays as it was.",
        example: ":load workshop.rl contracts.rl", completion: .files, changesSession: true
    ) { context in
        guard !context.arguments.isEmpty else { return context.usage() }
        let session = context.session
        let before = (facts: session.written.factCount, rules: session.written.ruleCount)
        let loaded = session.load(paths: context.arguments)
        context.console.report(loaded.diagnostics)
        guard loaded.accepted else {
            context.console.say("nothing loaded: the session is as it was")
            return
        }
        let facts = session.written.factCount - before.facts, rules = session.written.ruleCount - before.rules
        context.console.say("loaded \(context.arguments.joined(separator: ", ")): \(count(facts, "fact")), \(count(rules, "rule"))")
        context.console.runQuietly(loaded.statements, checkedAt: loaded.checkedAt)
    }
}
