import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let undo = SessionCommand(
        name: "undo", synopsis: ":undo",
        summary: "Reverts the last change: a load, a typed clause, :at, :reset, :reload.",
        example: ":undo", promptOnly: true
    ) { context in
        guard let label = context.session.undo() else {
            return context.console.say("nothing to undo")
        }
        context.console.say("undid: \(label)")
    }
}
