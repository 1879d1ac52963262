// swift-tools-version: 6.1
// The libFuzzer target over the whole pipeline (bytes → decoding → HTML → extraction → JSON).
// A separate package so the normal build never includes it; scripts/fuzz.sh builds and runs it.
import PackageDescription

let package = Package(
    name: "minutes-fuzz",
    dependencies: [.package(name: "minutes", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzPipeline",
            dependencies: [.product(name: "Minutes", package: "minutes")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
