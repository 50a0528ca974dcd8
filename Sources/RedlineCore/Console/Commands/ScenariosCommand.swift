extension SessionCommand {
    static let scenarios = SessionCommand(
        name: "scenarios", synopsis: ":scenarios",
        summary: "Lists the named worlds, the baseline first.",
        example: ":scenarios"
    ) { context in
        let session = context.session
        context.console.show(ResultTable(
            title: "", columns: ["scenario", "interventions", "date"],
            rows: [["baseline", "(none)", session.today.description]]))
    }
}
