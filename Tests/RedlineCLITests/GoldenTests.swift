import Foundation
import Testing

/// Whole invocations of the binary against golden transcripts in `golden/`:
/// each front end (run, check, -e, piped input), each format, each exit status.
/// `RECORD_GOLDEN=1 swift test` rewrites them.
@Suite struct GoldenTests {
    struct Case: CustomStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var input: String? = nil
        var description: String { name }
    }

    static let today = ["--today", "2026-03-02"]
    static let fixtures = "Tests/RedlineCLITests/fixtures/"

    static let cases: [Case] = [
        Case(name: "run-text", arguments: ["run"] + today + ["Scripts/examples/contracts.rl"]),
        Case(name: "run-json", arguments: ["run", "--format", "json"] + today + ["Scripts/examples/contracts.rl"]),
        Case(name: "run-markdown", arguments: ["run", "--format", "markdown"] + today + ["Scripts/examples/contracts.rl"]),
        Case(name: "run-kb", arguments: ["run", "--kb", "bundled:ultimatum.rl"] + today + [fixtures + "questions.rl"]),
        Case(name: "run-errors", arguments: ["run"] + today + [fixtures + "broken.rl", "Scripts/examples/deadlines.rl"]),
        Case(name: "run-errors-json", arguments: ["run", "--format", "json"] + today + [fixtures + "broken.rl"]),
        Case(name: "run-failed-expect", arguments: ["run"] + today + [fixtures + "expectations.rl"]),
        Case(name: "run-failed-expect-json", arguments: ["run", "--format", "json"] + today + [fixtures + "expectations.rl"]),
        Case(name: "e-why-dot", arguments: today + ["--format", "dot", "-e", "why contract_at_risk(pentagon_contract)."]),
        Case(name: "e-what-if-dot", arguments: today + ["--format", "dot", "-e", "what if rolls_back(anthropic, ai_safeguards)."]),
        Case(name: "e-worlds-json", arguments: today + ["--format", "json", "-e", "what if rolls_back(anthropic, ai_safeguards).", "-e", "compare comply, defy.",
                                                        "-e", "why contract_at_risk(pentagon_contract).", "-e", "why not bound_to_pause(anthropic, more_powerful_models).",
                                                        "-e", "what would flip contract_at_risk(pentagon_contract).",
                                                        "-e", "timeline contract_lost(pentagon_contract) from 2026-02-26 to 2026-03-01."]),
        Case(name: "e-worlds-markdown", arguments: today + ["--format", "markdown", "-e", "compare comply, restore.", "-e", "why not bound_to_pause(anthropic, more_powerful_models)."]),
        Case(name: "e-defeasible", arguments: today + ["Scripts/examples/defaults.rl", "-e", "?- flies(X).", "-e", "why -flies(tweety).",
                                                       "-e", "why not flies(tweety).", "-e", "why not flies(harry).",
                                                       "-e", "what if not superior(r2, r1) ?- flies(X)."]),
        Case(name: "e-defeasible-json", arguments: today + ["--format", "json", "Scripts/examples/defaults.rl", "-e", "why -flies(tweety)."]),
        Case(name: "e-likelihoods-json", arguments: today + ["--format", "json", "-e", "how likely contract_lost(K) at 2026-03-02?",
                                                             "-e", "what moves complies(anthropic, hegseth_ultimatum)?"]),
        Case(name: "e-likelihoods-markdown", arguments: today + ["--format", "markdown", "-e", "why likely complies(anthropic, hegseth_ultimatum)?",
                                                                 "-e", "how likely exposure(C, T)?"]),
        Case(name: "check-ok", arguments: ["check", "Knowledge/ultimatum.rl"]),
        Case(name: "check-errors", arguments: ["check", fixtures + "broken.rl"]),
        Case(name: "e-one", arguments: today + ["-e", "?- contract_at_risk(K)."]),
        Case(name: "e-several", arguments: today + ["-e", "?- in_force(P).", "-e", ":list blacklist_threatened", "-e", ":at"]),
        Case(name: "e-markdown", arguments: today + ["--format", "markdown", "-e", "?- claims(C, X)."]),
        Case(name: "e-error", arguments: ["--empty", "-e", "?- p(X"]),
        Case(name: "e-files", arguments: today + ["Scripts/examples/contracts.rl", "-e", "?- at_risk(K)."]),
        Case(name: "stdin-script", arguments: ["--empty"] + today,
             input: "edge(a, b). edge(b, c).\npath(X, Y) :- edge(X, Y).\npath(X, Y) :- path(X, Z), edge(Z, Y).\n?- path(a, X).\n:at 2026-12-24\n?- today(D).\n"),
        Case(name: "stdin-json", arguments: ["--format", "json"] + today, input: "?- contract(K, B, V, A).\n?- nothing(X).\n"),
        Case(name: "stdin-refused-load", arguments: ["--empty"], input: ":load Tests/RedlineCLITests/fixtures/broken.rl\n?- contract(K, V).\n"),
        Case(name: "usage-unknown-option", arguments: ["--bogus"]),
        Case(name: "usage-empty-and-files", arguments: ["--empty", "a.rl"]),
        Case(name: "usage-bad-date", arguments: ["--today", "tomorrow", "-e", "?- today(D)."]),
        Case(name: "usage-bad-format", arguments: ["run", "--format", "yaml", "Scripts/examples/contracts.rl"]),
        Case(name: "version", arguments: ["--version"]),
    ]

    @Test(arguments: cases)
    func invocationMatchesItsGoldenTranscript(_ invocation: Case) throws {
        let golden = CommandLineTests.packageRoot.appendingPathComponent("Tests/RedlineCLITests/golden/\(invocation.name).out")
        let run = try CommandLineTests.redline(invocation.arguments, input: invocation.input)
        let shown = invocation.arguments.map { $0.contains(where: { " ?()*$'".contains($0) }) ? "'\($0)'" : $0 }
        let transcript = "$ redline " + shown.joined(separator: " ") + (invocation.input == nil ? "" : " < input") + "\n" + run.transcript
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try transcript.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(transcript == expected)
    }

    @Test func everyExitStatusHasAGoldenCase() throws {
        var statuses = Set<String>()
        for invocation in Self.cases {
            let golden = CommandLineTests.packageRoot.appendingPathComponent("Tests/RedlineCLITests/golden/\(invocation.name).out")
            let text = try String(contentsOf: golden, encoding: .utf8)
            if let last = text.split(separator: "\n").last { statuses.insert(String(last)) }
        }
        #expect(statuses.isSuperset(of: ["--- exit 0", "--- exit 1", "--- exit 2", "--- exit 3"]))
    }
}
