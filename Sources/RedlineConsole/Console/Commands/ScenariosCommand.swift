import RedlineLanguage
import RedlineEngine
import RedlineSession
extension SessionCommand {
    static let scenarios = SessionCommand(
        name: "scenarios", synopsis: ":scenarios",
        summary: "Lists the named worlds, the baseline first, and marks the current one.",
        example: ":scenarios"
    ) { context in
        let session = context.session
        func mark(_ name: String) -> String { session.worldName == name ? "*" : "" }
        var rows = [[mark("baseline"), "baseline", "(none)", session.baselineDate.description, "-"]]
        for scenario in session.scenarios {
            let interventions = scenario.interventions.isEmpty ? "(none)" : scenario.interventions.map(\.written).joined(separator: ", ")
            rows.append([mark(scenario.name), scenario.name, interventions,
                         (scenario.date ?? session.baselineDate).description, "\(scenario.span.file.path):\(scenario.span.line)"])
        }
        context.console.show(ResultTable(title: "", columns: ["", "scenario", "interventions", "date", "defined at"], rows: rows))
        if !session.assumptions.isEmpty {
            context.console.say("assumed in the current world: " + session.assumptions.map(\.written).joined(separator: ", "))
        }
    }
}
