import Foundation
import Testing

/// Drives the real `redline` binary: golden files for the example scripts,
/// exit statuses, formats and standard input.
@Suite struct CommandLineTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Next to the test bundle in the build products directory.
    static var binary: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, products.deletingLastPathComponent(), packageRoot.appendingPathComponent(".build/debug")]
        return candidates.map { $0.appendingPathComponent("redline") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? packageRoot.appendingPathComponent(".build/debug/redline")
    }

    struct Run {
        let output: String
        let errors: String
        let status: Int32
        /// The golden form: output, then errors, then the exit status.
        var transcript: String {
            output + (errors.isEmpty ? "" : "--- stderr\n" + errors) + "--- exit \(status)\n"
        }
    }

    static func redline(_ arguments: [String], input: String? = nil, binary: URL = binary, directory: URL = packageRoot) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(output: String(decoding: output, as: UTF8.self), errors: String(decoding: errors, as: UTF8.self),
                   status: process.terminationStatus)
    }

    static var examples: [String] {
        let directory = packageRoot.appendingPathComponent("Scripts/examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".rl") }.sorted()
    }

    /// `RECORD_GOLDEN=1 swift test` rewrites the `.out` files.
    @Test(arguments: examples)
    func exampleScriptsMatchTheirGoldenFiles(name: String) throws {
        let script = "Scripts/examples/" + name
        let golden = Self.packageRoot.appendingPathComponent(script.replacingOccurrences(of: ".rl", with: ".out"))
        let run = try Self.redline(["run", "--today", "2026-03-02", script])
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try run.transcript.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(run.transcript == expected)
    }

    @Test func examplesExist() {
        #expect(Self.examples.count >= 4)
    }

    @Test func exitStatuses() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let good = directory.appendingPathComponent("good.rl").path
        let bad = directory.appendingPathComponent("bad.rl").path
        try "p(a).\n?- p(X).\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "q(a).\np(X) :- q(a).\n".write(toFile: bad, atomically: true, encoding: .utf8)

        #expect(try Self.redline(["run", good]).status == 0)
        #expect(try Self.redline(["check", good]).status == 0)
        let checked = try Self.redline(["check", bad])
        #expect(checked.status == 1)
        #expect(checked.errors.contains("bad.rl:2:3: error: variable 'X' in the head is not bound"))
        #expect(checked.errors.hasSuffix("1 error, 0 warnings\n"))
        #expect(try Self.redline(["run", bad]).status == 1)
        #expect(try Self.redline(["run", directory.appendingPathComponent("missing.rl").path]).status == 1)
        #expect(try Self.redline(["run"]).status == 3)
        #expect(try Self.redline(["run", "--format", "yaml", good]).status == 3)
        #expect(try Self.redline(["run", "--today", "soon", good]).status == 3)
        #expect(try Self.redline(["--bogus"]).status == 3)
        let help = try Self.redline(["--help"])
        #expect(help.status == 0 && help.output.contains("USAGE"))
    }

    /// Answers that cannot be written are an error, not a silent success.
    @Test func answersWrittenToAFullDeviceAreAnError() throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["-e", "?- X = 1."]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(errors.contains("redline: error: could not write the answers to standard output: No space left on device"), "\(errors)")
    }

    /// A usage error quotes the argument without its control characters.
    @Test func usageErrorsDoNotEchoControlCharacters() throws {
        let run = try Self.redline(["--format", "\u{1B}[2J", "-e", "?- p(X)."])
        #expect(run.status == 3)
        #expect(run.errors.contains("The value '�[2J' is invalid for '--format <format>'"), "\(run.errors)")
        #expect(!run.errors.contains("\u{1B}") && !run.output.contains("\u{1B}"))
    }

    @Test func checkPrintsDiagnosticsAndASummary() throws {
        let run = try Self.redline(["check", "Scripts/examples/contracts.rl", "Scripts/examples/deadlines.rl"])
        #expect(run.status == 0)
        #expect(run.output.isEmpty)
        #expect(run.errors == "ok: 2 files, 9 facts, 9 rules, 0 warnings\n")
    }

    @Test func pipedStandardInputIsAScript() throws {
        let run = try Self.redline(["--today", "2026-03-02"], input: "edge(a, b). edge(b, c).\np(X, Y) :- edge(X, Y).\np(X, Y) :- p(X, Z), edge(Z, Y).\n?- p(a, X).\n")
        #expect(run.status == 0)
        #expect(run.output == "?- p(a, X).\nX\n-\nb\nc\n2 answers\n")
        let bad = try Self.redline([], input: "?- p(X\n")
        #expect(bad.status == 1)
        #expect(bad.errors.contains("<stdin>:2:1: error: expected ',' or ')' in the arguments of 'p', found end of input"))
    }

    @Test func jsonOutputIsOneObjectPerLine() throws {
        let run = try Self.redline(["run", "--format", "json", "--today", "2026-03-02", "Scripts/examples/deadlines.rl"])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n")
        #expect(lines.count == 5)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["kind"] as? String == "query")
        }
        #expect(lines[0] == #"{"kind":"query","query":"overdue(U)","columns":["U"],"rows":[["u1"]]}"#)
    }

    @Test func theBundledScenarioIsFoundFromAnyDirectoryAndByACopiedBinary() throws {
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("redline-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let copy = elsewhere.appendingPathComponent("redline")
        try FileManager.default.copyItem(at: Self.binary, to: copy)
        for binary in [Self.binary, copy] {
            let run = try Self.redline(["-e", "?- contract_at_risk(K)."], binary: binary, directory: elsewhere)
            #expect(run.status == 0)
            #expect(run.output == "?- contract_at_risk(K).\nK\n-----------------\npentagon_contract\n1 answer\n"
                + "uncertain facts are left out of this answer; 'how likely' weighs them\n")
        }
    }

    /// A handout run started with ten "passed" lines: `--quiet` prints the
    /// failures and one summary line, and keeps the exit status.
    @Test func quietRunsSummarizeTheExpectations() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-quiet-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "p(a).\nexpect p(a).\nexpect p(a).\nexpect p(b).\n?- p(X).\n".write(toFile: directory + "/h.rl", atomically: true, encoding: .utf8)
        let quiet = try Self.redline(["run", "--quiet", directory + "/h.rl"])
        #expect(quiet.status == 2)
        #expect(!quiet.output.contains("passed:") && quiet.output.contains("FAILED: expect p(b)."))
        #expect(quiet.output.hasSuffix("1 answer\nexpect: 2 passed, 1 failed\n"), "\(quiet.output)")
        let loud = try Self.redline(["run", directory + "/h.rl"])
        #expect(loud.output.components(separatedBy: "passed: expect p(a).").count == 3 && !loud.output.contains("expect: 2 passed"))
    }

    /// Each script of a `run` starts from the loaded knowledge: a script
    /// that adds facts and rules, defines a scenario, moves the date and
    /// changes the world leaves the next script as it found it. The second
    /// script prints exactly what it prints when run alone.
    @Test func eachScriptOfARunIsOnItsOwn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-apart-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "p(1). p(2).\nscenario s: not p(1).\n".write(toFile: directory + "/kb.rl", atomically: true, encoding: .utf8)
        try "q(9).\np(X) :- q(X).\nscenario t: p(5).\nuse s.\nassume p(7).\n:at 2030-01-01\n?- p(X).\n"
            .write(toFile: directory + "/a.rl", atomically: true, encoding: .utf8)
        try "?- p(X).\n?- today(D).\n:scenarios\nexpect count p(_) = 2.\n"
            .write(toFile: directory + "/b.rl", atomically: true, encoding: .utf8)
        let common = ["run", "--today", "2026-03-02", "--kb", directory + "/kb.rl"]
        let alone = try Self.redline(common + [directory + "/b.rl"])
        let after = try Self.redline(common + [directory + "/a.rl", directory + "/b.rl"])
        #expect(alone.status == 0 && alone.output.contains("2026-03-02") && !alone.output.contains("FAILED"), "\(alone)")
        let start = try #require(after.output.range(of: "?- p(X).\n", options: .backwards))
        #expect(String(after.output[start.lowerBound...]) == alone.output, "\(after.output)")
        #expect(after.output.contains("9\n"), "the first script saw its own clauses: \(after.output)")
    }

    /// `:export` in a script of `redline run` writes the relation as the
    /// current world holds it, and `.input` reads the file back to the same
    /// facts; a file the script loads, and a path out of the script's
    /// directory, are refused, and nothing is written for them.
    @Test func aScriptExportsARelationThatReadsBackUnchanged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("redline-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try """
            .decl award(id: symbol, vendor: symbol, amount: money, start: date)
            award(a1, v1, $1,000.50, 2026-01-01). award(a2, v1, $2M, 2026-02-01). award(a3, 'DoD', $3, 2026-03-01).
            award(a4, 'x, "y"', $0.125, 2026-03-01).
            exposure(V, T) :- award(_, V, _, _), T = sum A : { award(K, V, A, S) }.
            scenario small: not award(a2, v1, $2M, 2026-02-01).

            """.write(toFile: directory + "/kb.rl", atomically: true, encoding: .utf8)
        try "use small.\n:export exposure exposure.csv\n:export award awards.csv\n:export award ../out.csv\n"
            .write(toFile: directory + "/script.rl", atomically: true, encoding: .utf8)
        try ":export award other.csv\n".write(toFile: directory + "/other.rl", atomically: true, encoding: .utf8)
        try ":load other.rl\n?- award(K, V, A, S).\n".write(toFile: directory + "/loads-other.rl", atomically: true, encoding: .utf8)
        let run = try Self.redline(["run", "--kb", directory + "/kb.rl", directory + "/script.rl", directory + "/loads-other.rl"])
        #expect(run.output.contains("exported 3 rows of exposure") && run.output.contains("exported 3 rows of award"), "\(run)")
        // A file the script loads may not export: the script is refused whole, before it runs.
        #expect(run.errors.contains("other.rl:1:1: error: ':export' runs at the prompt and in scripts of 'redline run', not in a loaded file"), "\(run)")
        #expect(!run.output.contains("answers"), "\(run)")
        #expect(run.errors.contains("will not write '../out.csv'"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/other.csv"))
        #expect(try String(contentsOfFile: directory + "/exposure.csv", encoding: .utf8) == "V,T\nDoD,3\nv1,1000.5\n\"x, \"\"y\"\"\",0.125\n")
        // Read back: the same facts as the world the script exported from.
        try """
            .decl award(id: symbol, vendor: symbol, amount: money, start: date)
            .decl back(id: symbol, vendor: symbol, amount: money, start: date)
            .input back "awards.csv"
            award(a1, v1, $1,000.50, 2026-01-01). award(a3, 'DoD', $3, 2026-03-01). award(a4, 'x, "y"', $0.125, 2026-03-01).
            expect count back(_, _, _, _) = 3.
            expect not back(a2, v1, $2M, 2026-02-01).
            same(K) :- back(K, V, A, S), award(K, V, A, S).
            expect count same(_) = 3.

            """.write(toFile: directory + "/back.rl", atomically: true, encoding: .utf8)
        let back = try Self.redline(["run", directory + "/back.rl"])
        #expect(back.status == 0 && !back.output.contains("FAILED") && !back.errors.contains("warning"), "\(back)")

        // What an attacker of the first version found: a CRLF inside a string
        // went out unquoted, a symbol's edge blanks and a term did not read
        // back, and a link to a folder outside took the file out of the script's folder.
        try """
            .decl w(s: string, y: symbol, t: term)
            w("a\\r\\nb", ' x ', f(x, "y,z")).

            """.write(toFile: directory + "/odd.rl", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: directory + "/outside", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/scripts", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory + "/scripts/link", withDestinationPath: directory + "/outside")
        try ":export w odd.csv\n:export w link/odd.csv\n".write(toFile: directory + "/scripts/odd-export.rl", atomically: true, encoding: .utf8)
        let odd = try Self.redline(["run", "--kb", directory + "/odd.rl", directory + "/scripts/odd-export.rl"])
        #expect(odd.output.contains("exported 1 row of w"), "\(odd)")
        #expect(odd.errors.contains("will not write 'link/odd.csv': it is a symbolic link"), "\(odd)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/outside/odd.csv"))
        try """
            .decl w(s: string, y: symbol, t: term)
            w("a\\r\\nb", ' x ', f(x, "y,z")).
            .decl back(s: string, y: symbol, t: term)
            .input back "scripts/odd.csv"
            expect back("a\\r\\nb", ' x ', f(x, "y,z")).
            expect count back(_, _, _) = 1.

            """.write(toFile: directory + "/odd-back.rl", atomically: true, encoding: .utf8)
        let oddBack = try Self.redline(["run", directory + "/odd-back.rl"])
        #expect(oddBack.status == 0 && !oddBack.output.contains("FAILED"), "\(oddBack)")
    }

    /// The command line's own grammar (it replaced swift-argument-parser):
    /// `--name=value`, repeats, and `--`. `--kb` takes one file per use: it
    /// took every argument up to the next option, so the README's own
    /// `redline run --kb bundled:ultimatum.rl questions.rl` lost its script.
    @Test func optionsTakeTheirValuesInEveryForm() throws {
        let json = try Self.redline(["--format=json", "-e", "?- 1 = 1.", "-e", "?- 2 = 2."])
        #expect(json.status == 0)
        #expect(json.output.split(separator: "\n").count == 2 && json.output.hasPrefix("{\"kind\":\"query\""))
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("redline-kb-\(UUID().uuidString).rl").path
        try "?- contract(K, B, C, V).\n".write(toFile: script, atomically: true, encoding: .utf8)
        let kb = try Self.redline(["run", "--kb", "Scripts/examples/contracts.rl", "--kb", "Scripts/examples/deadlines.rl", "--stats", script])
        #expect(kb.status == 0 && kb.errors.hasPrefix("redline: evaluated"), "\(kb)")
        let scriptAfterKB = try Self.redline(["run", "--kb", "bundled:ultimatum.rl", "Tests/RedlineCLITests/fixtures/questions.rl",
                                              "--today", "2026-02-25"])
        #expect(scriptAfterKB.status == 0 && scriptAfterKB.output.contains("?- "), "\(scriptAfterKB)")
        let dashes = try Self.redline(["check", "--", "--not-an-option.rl"])
        #expect(dashes.status == 1 && dashes.errors.contains("cannot read '--not-an-option.rl'"))
        let twice = try Self.redline(["--today", "2026-01-01", "--today", "2026-02-01", "-e", "?- today(D)."])
        #expect(twice.output.contains("2026-02-01"))
        let flagValue = try Self.redline(["--empty=yes"])
        #expect(flagValue.status == 3 && flagValue.errors.hasPrefix("Error: '--empty' takes no value"))
        let unknownHelp = try Self.redline(["help", "nope"])
        #expect(unknownHelp.status == 3 && unknownHelp.errors.hasPrefix("Error: Unknown subcommand 'nope'"))
        let subHelp = try Self.redline(["help", "check"])
        #expect(subHelp.status == 0 && subHelp.output.hasPrefix("OVERVIEW: Check files"))
        let typo = try Self.redline(["run", "--formt", "json", "x.rl"])
        #expect(typo.status == 3 && typo.errors.hasPrefix("Error: Unknown option '--formt'; did you mean '--format'?"))
        let badShell = try Self.redline(["--generate-completion-script", "tcsh"])
        #expect(badShell.status == 3)
    }

    @Test func shellCompletionScripts() throws {
        for shell in ["bash", "zsh", "fish"] {
            let run = try Self.redline(["--generate-completion-script", shell])
            #expect(run.status == 0)
            #expect(run.output.contains("redline"))
            #expect(run.output.contains("today"))
        }
    }
}
