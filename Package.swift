// swift-tools-version:6.0
import PackageDescription

let library: [Target.Dependency] = ["RedlineLanguage", "RedlineEngine", "RedlineSession", "RedlineConsole"]

// The engine's classes are never accessed concurrently; the dynamic
// exclusivity checks cost ~15% on joins (Scripts/bench).
let engineSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Redline",
    products: [
        .executable(name: "redline", targets: ["redline"]),
    ],
    targets: [
        // The library is four modules whose dependencies run one way, the
        // pipeline of the README: the compiler refuses a backward import.
        // Across them, what another module may use is `package`; the rest
        // is internal. No terminal code lives in any of them.
        //
        // Syntax, values, diagnostics, semantics and the checked program.
        .target(name: "RedlineLanguage", swiftSettings: engineSettings),
        // Planning, storage, evaluation, what-if worlds, models and explanations.
        // Engine/WhatIfWorlds.md: the rules of what-if worlds and the tests that pin them.
        .target(name: "RedlineEngine", dependencies: ["RedlineLanguage", "CPrefetch"], exclude: ["Engine/WhatIfWorlds.md"],
                swiftSettings: engineSettings),
        // Sessions, files, CSV input, scenarios, flips and timelines; the
        // bundled knowledge is compiled in here (BundledKnowledge.files).
        .target(name: "RedlineSession", dependencies: ["RedlineLanguage", "RedlineEngine"], swiftSettings: engineSettings,
                plugins: ["EmbedKnowledge"]),
        // Entries, :commands, completion and rendering.
        .target(name: "RedlineConsole", dependencies: ["RedlineLanguage", "RedlineEngine", "RedlineSession"], swiftSettings: engineSettings),
        // One C builtin the engine needs: __builtin_prefetch.
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        // Knowledge/ compiled into RedlineSession (BundledKnowledge.files).
        .executableTarget(name: "embed-knowledge", path: "Sources/embed-knowledge"),
        .plugin(
            name: "EmbedKnowledge",
            capability: .buildTool(),
            dependencies: ["embed-knowledge"],
            path: "Sources/EmbedKnowledgePlugin"
        ),
        // libedit through fixed-arity wrappers (Swift does not import C variadics).
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .executableTarget(
            name: "redline",
            dependencies: ["RedlineLanguage", "RedlineEngine", "RedlineSession", "RedlineConsole", "CEditLine"]
        ),
        .testTarget(name: "RedlineCoreTests", dependencies: library),
        // libFuzzer entry points, one per stage; built and run by Scripts/fuzz.
        .executableTarget(name: "fuzz-syntax", dependencies: library, path: "Sources/Fuzzing/FuzzSyntax"),
        .executableTarget(name: "fuzz-checker", dependencies: library, path: "Sources/Fuzzing/FuzzChecker"),
        .executableTarget(name: "fuzz-evaluator", dependencies: library, path: "Sources/Fuzzing/FuzzEvaluator"),
        .executableTarget(name: "fuzz-console", dependencies: library, path: "Sources/Fuzzing/FuzzConsole"),
        .executableTarget(name: "fuzz-imports", dependencies: library, path: "Sources/Fuzzing/FuzzImports"),
        // posix_openpt and friends, which Swift's Glibc module does not declare.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(name: "RedlineCLITests", dependencies: library + ["redline", "CPseudoTerminal"],
                    exclude: ["golden", "fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
