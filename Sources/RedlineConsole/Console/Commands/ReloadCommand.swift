import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let reload = SessionCommand(
        name: "reload", synopsis: ":reload",
        summary: "Reads the loaded files again and rebuilds the session from them (all-or-nothing), then runs their expect lines again.",
        example: ":reload", promptOnly: true, changesSession: true
    ) { context in
        let (result, changed) = context.session.reload()
        // After an error, a warning such as "no fact defines contract/6" is
        // its consequence (the file's facts were not read), not news.
        context.console.report(result.accepted ? result.diagnostics : result.diagnostics.filter(\.isError))
        guard result.accepted else {
            context.console.say("not reloaded: the session is as it was")
            return
        }
        context.console.say(changed.isEmpty ? "no file changed" : "reloaded; changed: \(changed.joined(separator: ", "))")
        context.console.checkExpectationsAgain(result.statements)
    }
}
