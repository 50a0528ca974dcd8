// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Redline",
    products: [
        .executable(name: "redline", targets: ["redline"]),
        .library(name: "RedlineCore", targets: ["RedlineCore"]),
    ],
    targets: [
        // Language, engine and session: no terminal code lives here.
        .target(
            name: "RedlineCore",
            dependencies: ["CPrefetch"],
            swiftSettings: [
                // The engine's classes are never accessed concurrently; the
                // dynamic exclusivity checks cost ~15% on joins (Scripts/bench).
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ],
            plugins: ["EmbedKnowledge"]
        ),
        // One C builtin the engine needs: __builtin_prefetch.
        .target(name: "CPrefetch", path: "Sources/CPrefetch"),
        // Knowledge/ compiled into RedlineCore (BundledKnowledge.files).
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
            dependencies: ["RedlineCore", "CEditLine"]
        ),
        .testTarget(name: "RedlineCoreTests", dependencies: ["RedlineCore"]),
        // libFuzzer entry points, one per stage; built and run by Scripts/fuzz.
        .executableTarget(name: "fuzz-syntax", dependencies: ["RedlineCore"], path: "Sources/Fuzzing/FuzzSyntax"),
        .executableTarget(name: "fuzz-checker", dependencies: ["RedlineCore"], path: "Sources/Fuzzing/FuzzChecker"),
        .executableTarget(name: "fuzz-evaluator", dependencies: ["RedlineCore"], path: "Sources/Fuzzing/FuzzEvaluator"),
        .executableTarget(name: "fuzz-console", dependencies: ["RedlineCore"], path: "Sources/Fuzzing/FuzzConsole"),
        .executableTarget(name: "fuzz-imports", dependencies: ["RedlineCore"], path: "Sources/Fuzzing/FuzzImports"),
        // posix_openpt and friends, which Swift's Glibc module does not declare.
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal"),
        .testTarget(name: "RedlineCLITests", dependencies: ["RedlineCore", "redline", "CPseudoTerminal"],
                    exclude: ["golden", "fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
