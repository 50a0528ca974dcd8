import Foundation
import Testing

/// The real binary on a pseudo-terminal: what a person at the prompt does.
@Suite(.serialized) struct REPLTests {
    static func start(_ arguments: [String] = [], home: String) throws -> PseudoTerminal {
        var environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm", "NO_COLOR": "1",
                           "PATH": "/usr/bin:/bin"]
        environment["EDITRC"] = home + "/editrc"  // keep the developer's own ~/.editrc out of the test
        return try PseudoTerminal(CommandLineTests.binary.path, arguments: arguments, environment: environment,
                                  directory: CommandLineTests.packageRoot.path)
    }

    static func temporaryHome() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-repl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func queryRecallCompleteInterruptAndQuit() throws {
        let home = try Self.temporaryHome()
        let repl = try Self.start(home: home)
        try repl.expect("Redline ")
        try repl.expect("bundled:ultimatum.rl")
        try repl.expect("redline> ")

        // A query and its answer.
        try repl.type("?- contract_at_risk(K).\r")
        try repl.expect("pentagon_contract")
        try repl.expect("1 answer")
        try repl.expect("redline> ")

        // Up recalls it; Enter runs it again.
        try repl.type("\u{1B}[A")
        try repl.expect("contract_at_risk(K).")
        try repl.type("\r")
        try repl.expect("pentagon_contract")
        try repl.expect("redline> ")

        // Tab completes a predicate name (contract_at -> contract_at_risk).
        try repl.type("?- contract_at\t")
        try repl.expect("_risk")
        try repl.type("(K).\r")
        try repl.expect("pentagon_contract")
        try repl.expect("redline> ")

        // A statement over several lines, with the continuation prompt.
        try repl.type("kept(S) :-\r")
        try repl.expect("     ... ")
        try repl.type("  ultimatum(_, _, anthropic, roll_back(S)).\r")
        try repl.expect("redline> ")

        // Ctrl-C on a half-typed statement discards it.
        try repl.type("?- kept(S), half")
        try repl.type("\u{03}")
        try repl.expect("redline> ")
        try repl.type("?- kept(S).\r")
        try repl.expect("ai_safeguards")
        try repl.expect("redline> ")

        // Ctrl-C during a long evaluation stops it and keeps the session.
        try repl.type("num(0).\r")
        try repl.expect("redline> ")
        try repl.type("num(N) :- num(M), M < 3000, N = M + 1.\r")
        try repl.expect("redline> ")
        try repl.type("slow(X) :- num(X), num(Y), num(Z), X + Y = Z + 100000.\r")
        try repl.expect("redline> ")
        try repl.type("?- slow(X).\r")
        try repl.waitForCanonicalMode()
        Thread.sleep(forTimeInterval: 0.3)
        repl.send("\u{03}")  // during the evaluation, not at a prompt
        try repl.expect("evaluation interrupted; the session is as it was")
        try repl.expect("redline> ")
        try repl.type(":list slow\r")
        try repl.expect("slow(X) :- num(X), num(Y), num(Z), X + Y = Z + 100000.")
        try repl.expect("redline> ")
        try repl.type(":undo\r")
        try repl.expect("undid: slow(X)")
        try repl.type("?- num(2999), kept(S).\r")
        try repl.expect("ai_safeguards")
        try repl.expect("redline> ")

        // Ctrl-D ends the session cleanly.
        try repl.sendEndOfInput()
        #expect(repl.waitForExit() == 0)

        let history = try String(contentsOfFile: home + "/state/redline/history", encoding: .utf8)
        #expect(history.hasPrefix("_HiStOrY_V2_\n"))
        #expect(history.contains("?-\\040contract_at_risk(K).\n"))
        // The multi-line statement is one entry.
        #expect(history.contains("kept(S)\\040:-\\040ultimatum(_,\\040_,\\040anthropic,\\040roll_back(S)).\n"))
        #expect(!history.contains("half"))
        // Recalled entries are not stored twice in a row.
        #expect(history.components(separatedBy: "?-\\040contract_at_risk(K).\n").count == 2)
        #expect(!FileManager.default.fileExists(atPath: home + "/state/redline/history.tmp-\(repl.pid)"))
    }

    @Test func historyIsKeptAcrossSessions() throws {
        let home = try Self.temporaryHome()
        let first = try Self.start(["--empty"], home: home)
        try first.expect("redline> ")
        try first.type("?- today(D).\r")
        try first.expect("redline> ")
        try first.type(":quit\r")
        #expect(first.waitForExit() == 0)

        let second = try Self.start(["--empty"], home: home)
        try second.expect("nothing loaded")
        try second.expect("redline> ")
        try second.type("\u{1B}[A")
        try second.expect(":quit")
        try second.type("\u{1B}[A")
        try second.expect("?- today(D).")
        try second.type("\r")
        try second.expect("redline> ")
        try second.sendEndOfInput()
        #expect(second.waitForExit() == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/state/redline/history")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    /// Two sessions sharing a history: each save rewrote the file from one
    /// session's memory, so the last to save dropped the other's entries.
    @Test func twoSessionsSharingAHistoryKeepBothTheirEntries() throws {
        let home = try Self.temporaryHome()
        let first = try Self.start(["--empty"], home: home)
        let second = try Self.start(["--empty"], home: home)
        try first.expect("redline> ")
        try second.expect("redline> ")
        for (repl, entry) in [(first, "?- first(1)."), (second, "?- second(2)."), (first, "?- first(3)."), (second, "?- second(4).")] {
            try repl.type(entry + "\r")
            try repl.expect("redline> ")
        }
        try first.sendEndOfInput()
        try second.sendEndOfInput()
        #expect(first.waitForExit() == 0 && second.waitForExit() == 0)
        let history = try String(contentsOfFile: home + "/state/redline/history", encoding: .utf8)
        let entries = history.split(separator: "\n").filter { $0.hasPrefix("?-") }
        #expect(entries == ["?-\\040first(1).", "?-\\040second(2).", "?-\\040first(3).", "?-\\040second(4)."], "\(history)")
    }

    /// On a full disk, the history was replaced by its first 4,096 bytes, cut
    /// mid-entry, without a word. A file-size limit stands in for the full disk.
    @Test func aHistoryCutOffByAFullDiskKeepsTheOldFile() throws {
        let home = try Self.temporaryHome()
        try FileManager.default.createDirectory(atPath: home + "/state/redline", withIntermediateDirectories: true)
        let old = "_HiStOrY_V2_\n" + (1...100).map { "?-\\040old(\($0))." }.joined(separator: "\n") + "\n"
        try old.write(toFile: home + "/state/redline/history", atomically: true, encoding: .utf8)
        var environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "TERM": "xterm", "NO_COLOR": "1",
                           "PATH": "/usr/bin:/bin", "EDITRC": home + "/editrc"]
        environment["REDLINE"] = CommandLineTests.binary.path
        // 4 blocks of 1,024 bytes: the history with the long entry does not fit.
        let repl = try PseudoTerminal("/bin/sh", arguments: ["-c", "ulimit -f 4 && exec \"$REDLINE\" --empty"],
                                      environment: environment, directory: CommandLineTests.packageRoot.path)
        try repl.expect("redline> ")
        try repl.type("?- q(\"" + String(repeating: "x", count: 5_000) + "\").\r")
        try repl.expect("warning: history not saved to \(home)/state/redline/history: File too large; the old file is kept")
        try repl.expect("redline> ")
        try repl.sendEndOfInput()
        #expect(repl.waitForExit() == 0)
        #expect(try String(contentsOfFile: home + "/state/redline/history", encoding: .utf8) == old)
    }

    /// `:save` into another folder, then a fresh process replays it: the
    /// printed command worked neither there (`--empty` with a file) nor from
    /// the other folder (its `:load` lines were confined to it).
    @Test func aSessionSavedElsewhereReplaysInAFreshProcess() throws {
        let home = try Self.temporaryHome()
        try FileManager.default.createDirectory(atPath: home + "/work", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: home + "/elsewhere", withIntermediateDirectories: true)
        try "c(k1). c(k2). c(k3).\nscenario s: not c(k1).\n".write(toFile: home + "/work/kb.rl", atomically: true, encoding: .utf8)
        let first = try Self.start([home + "/work/kb.rl"], home: home)
        try first.expect("redline> ")
        for entry in ["extra(1).", "use s.", "assume not c(k2).", ":save \(home)/elsewhere/session.rl"] {
            try first.type(entry + "\r")
            try first.expect("> ")  // the prompt names the world: redline (s)>
        }
        #expect(first.transcript.contains("replay it with: redline --replay \(home)/elsewhere/session.rl"))
        try first.sendEndOfInput()
        #expect(first.waitForExit() == 0)

        let second = try Self.start(["--replay", home + "/elsewhere/session.rl"], home: home)
        // Back in the saved world: s, with c(k2) assumed away.
        try second.expect("redline (s + 1 assumption)> ")
        try second.type("?- c(X), extra(N).\r")
        try second.expect("k3")
        try second.expect("1 answer")
        try second.expect("> ")
        try second.sendEndOfInput()
        #expect(second.waitForExit() == 0)
        #expect(!second.transcript.contains("error"), "\(second.transcript)")
    }

    @Test func ctrlCStopsALoadThatWaitsOnTheTerminal() throws {
        let home = try Self.temporaryHome()
        let repl = try Self.start(["--empty"], home: home)
        try repl.expect("redline> ")
        try repl.type("p(a).\r")
        try repl.expect("redline> ")
        // Reading the terminal itself would wait for Ctrl-D; Ctrl-C ends it.
        try repl.type(":load /dev/stdin\r")
        try repl.waitForCanonicalMode()
        Thread.sleep(forTimeInterval: 0.3)
        repl.send("\u{03}")
        try repl.expect("cannot read '/dev/stdin': reading was interrupted")
        try repl.expect("redline> ")
        try repl.type("?- p(X).\r")
        try repl.expect("1 answer")
        try repl.type(":quit\r")
        #expect(repl.waitForExit() == 0)
    }

    @Test func aHistoryThatCannotBeSavedIsReportedAndTheSessionGoesOn() throws {
        let home = try Self.temporaryHome()
        // A file where the state directory should be: the history cannot be written.
        try "not a directory\n".write(toFile: home + "/state", atomically: true, encoding: .utf8)
        let repl = try Self.start(["--empty"], home: home)
        try repl.expect("redline> ")
        try repl.type("p(a).\r")
        try repl.expect("warning: history not saved to \(home)/state/redline/history: Not a directory; the old file is kept")
        try repl.expect("redline> ")
        try repl.type("?- p(X).\r")
        try repl.expect("1 answer")
        try repl.type(":quit\r")
        #expect(repl.waitForExit() == 0)
        #expect(try String(contentsOfFile: home + "/state", encoding: .utf8) == "not a directory\n")
    }

    @Test func theBannerNamesWhatWasLoadedAndErrorsDoNotEndTheSession() throws {
        let home = try Self.temporaryHome()
        try "p(X) :- q(Y).\n".write(toFile: home + "/bad.rl", atomically: true, encoding: .utf8)
        let repl = try Self.start([home + "/bad.rl"], home: home)
        try repl.expect("error: variable 'X' in the head is not bound")
        try repl.expect("nothing loaded")
        try repl.expect("redline> ")
        try repl.type(":load bundled:ultimatum.rl\r")
        try repl.expect("loaded bundled:ultimatum.rl")
        try repl.type(":quit\r")
        #expect(repl.waitForExit() == 0)
    }

    @Test func theUsersEditrcIsHonoured() throws {
        let home = try Self.temporaryHome()
        // A macro on Ctrl-G that types a whole query.
        try "bind -s ^G \"?- today(D).\"\n".write(toFile: home + "/editrc", atomically: true, encoding: .utf8)
        let repl = try Self.start(["--empty", "--today", "2026-01-31"], home: home)
        try repl.expect("redline> ")
        try repl.type("\u{07}\r")
        try repl.expect("2026-01-31")
        try repl.expect("redline> ")
        // Multibyte characters arrive whole through the line editor's reader.
        try repl.type("?- X = \"café – 10 €\".\r")
        try repl.expect("café – 10 €")
        try repl.expect("redline> ")
        try repl.sendEndOfInput()
        #expect(repl.waitForExit() == 0)
    }
}
