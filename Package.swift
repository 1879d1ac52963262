// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "minutes",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Minutes", targets: ["Minutes"]),
        .executable(name: "minutes", targets: ["minutes"]),
        // The HTTP service (`minutes serve`); see README, "Service".
        .executable(name: "minutes-server", targets: ["minutes-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        // The service only: the Minutes library and the CLI link none of these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0", traits: []),
        // The corpus database only (docs/index.md).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // System ICU. Only the C shim includes its headers: Foundation on Linux carries its own
        // ICU with clashing type names (see README, "ICU layout").
        .systemLibrary(
            name: "CICU",
            pkgConfig: "icu-uc icu-i18n",
            providers: [.apt(["libicu-dev"])]
        ),
        .target(name: "ICUShim", dependencies: ["CICU"]),
        .target(name: "ICUText", dependencies: ["ICUShim"]),
        // System libxml2 (its HTML parser), layered like ICU: libxml2's headers include the
        // system ICU, so only the C shim includes them.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "HTMLShim", dependencies: ["CLibXML2"]),
        // A rule file's YAML as the rules read it, and its embedded form (see RuleNode).
        .target(name: "RuleTree", dependencies: [.product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "embed-rules", dependencies: ["ICUText", "RuleTree"]),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["embed-rules"]),
        .target(
            name: "Minutes",
            dependencies: ["ICUText", "HTMLShim", "RuleTree", .product(name: "Yams", package: "Yams")],
            plugins: ["EmbedRules"]
        ),
        // The corpus database (docs/index.md) on SQLite: kept out of `Minutes`, so the library
        // does not depend on a database.
        .target(name: "MinutesIndex", dependencies: ["Minutes", .product(name: "GRDB", package: "GRDB.swift"),
                                                 // SQLite's C interface, to bind and step bulk statements (BulkRows)
                                                 .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // What the CLI and the service share: jobs, JSONL records, the worker that turns a job into
        // encoded output, output formats.
        .target(name: "MinutesBatch", dependencies: ["Minutes", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "minutes",
            dependencies: ["Minutes", "MinutesBatch", "MinutesIndex", "ICUText", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Yams", package: "Yams")],
            // The Swift runtime and Foundation linked in: the dynamic loader's symbol binding for
            // them was most of the CLI's start-up once the rules compile lazily (README, "Benchmark").
            // Foundation's own libraries are named, as `swift build --static-swift-stdlib` does.
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]
                + ["CoreFoundation", "_FoundationICU", "_FoundationCollections", "_FoundationCShims", "swiftSynchronization", "stdc++"]
                .map { .linkedLibrary($0, .when(platforms: [.linux])) }
        ),
        // The start-up reference of `minutes bench`: a Swift program that links Foundation and
        // reads stdin (`swift build -c release --product swift-hello`).
        .executableTarget(name: "swift-hello"),
        .target(
            name: "MinutesServer",
            dependencies: ["Minutes", "MinutesBatch",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "Prometheus", package: "swift-prometheus"),
                           .product(name: "HTTPTypes", package: "swift-http-types"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio")],
            resources: [.embedInCode("openapi.yaml")]  // a link to docs/openapi.yaml, served at /openapi.yaml
        ),
        .executableTarget(
            name: "minutes-server",
            dependencies: ["MinutesServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Runs the built CLI for the test targets that test it.
        .target(name: "CLITestSupport", path: "Tests/CLITestSupport"),
        .testTarget(name: "MinutesTests", dependencies: ["Minutes", "MinutesBatch", "ICUText", "CLITestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "MinutesServerTests", dependencies: ["MinutesServer", "Minutes", "MinutesBatch", .product(name: "Logging", package: "swift-log")]),
        // Apart from MinutesTests: GRDB's SQL operators (==, ||, < on expressions) in scope make
        // plain boolean expressions there too slow to type-check.
        .testTarget(name: "MinutesIndexTests", dependencies: ["Minutes", "MinutesIndex", "CLITestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v5]
)
