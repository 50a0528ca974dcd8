import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let at = SessionCommand(
        name: "at", synopsis: ":at [DATE]",
        summary: "Shows or sets the evaluation date seen by today(D).",
        example: ":at 2026-03-01", changesSession: true
    ) { context in
        let text = context.call.argumentText
        guard !text.isEmpty else {
            let session = context.session
            let origin = session.todayIsExplicit || session.program.storyDate == nil ? "" : " (the knowledge's .today)"
            // A dated scenario in use evaluates at its own date.
            if session.currentDate != session.baselineDate {
                return context.console.say("today is \(session.currentDate) in \(session.worldName) (the scenario's date); the session's date is \(session.baselineDate)\(origin)")
            }
            return context.console.say("today is \(session.baselineDate)\(origin)")
        }
        guard let value = Value.parse(text), case .date = value else {
            return context.error("':at' needs a date written YYYY-MM-DD, not '\(text)'")
        }
        context.session.setToday(value)
        context.console.say("today is \(value)")
    }
}
