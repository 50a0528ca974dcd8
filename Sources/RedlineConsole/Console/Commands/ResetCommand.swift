import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let reset = SessionCommand(
        name: "reset", synopsis: ":reset",
        summary: "Forgets every loaded file and typed clause (:undo brings them back).",
        example: ":reset", promptOnly: true, changesSession: true
    ) { context in
        context.session.reset()
        context.console.say("the session is empty (:undo brings it back)")
    }
}
