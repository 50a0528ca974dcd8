import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let export = SessionCommand(
        name: "export", synopsis: ":export RELATION FILE",
        summary: "Writes the relation's facts in the current world as CSV (a header row, then a row per fact) that .input reads back unchanged. At the prompt and in scripts of 'redline run', not in loaded files.",
        example: ":export exposure exposure.csv", completion: .predicates
    ) { context in
        guard context.arguments.count == 2 else { return context.usage() }
        do throws(FileWriting.Failure) {
            let export = try context.session.export(relation: context.arguments[0], to: context.arguments[1], at: context.call.span)
            context.console.say("exported \(count(export.rows, "row")) of \(context.arguments[0]) to \(FileReading.displayPath(export.path))")
        } catch {
            context.error("not exported: \(error.reason)")
        }
    }
}
