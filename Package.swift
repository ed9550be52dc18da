// swift-tools-version:6.0
import PackageDescription

let strictness: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Netra",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "netra", targets: ["netra"]),
        .library(name: "NetraCore", targets: ["NetraCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf-kit", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .target(
            name: "NetraCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/Rulebook"), .copy("Resources/Calendars")],
            swiftSettings: strictness
        ),
        .target(
            name: "NetraStore",
            dependencies: [
                "NetraCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            swiftSettings: strictness
        ),
        // The SMTP client that delivers notifications (no SMTP package is in the fixed set).
        .target(
            name: "NetraMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictness
        ),
        .target(
            name: "NetraWeb",
            dependencies: [
                "NetraCore",
                "NetraStore",
                "NetraMail",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Resources/Views"), .copy("Resources/Assets"), .copy("Resources/openapi.yaml")],
            swiftSettings: strictness
        ),
        .executableTarget(
            name: "netra",
            dependencies: [
                "NetraCore",
                "NetraStore",
                "NetraWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictness
        ),
        // libFuzzer targets for the parsers of untrusted input; see scripts/fuzz.sh.
        .executableTarget(name: "netra-fuzz", dependencies: ["NetraCore"], swiftSettings: strictness),
        // Well-formed sample files and the test SMTP server's spool, for the tests (not part of any product).
        .target(name: "NetraSamples", dependencies: ["NetraCore"], swiftSettings: strictness),
        .testTarget(name: "NetraCoreTests", dependencies: ["NetraCore", "NetraSamples"], resources: [.copy("Fixtures")], swiftSettings: strictness),
        .testTarget(name: "NetraMailTests", dependencies: ["NetraMail", "NetraSamples"], swiftSettings: strictness),
        .testTarget(name: "NetraStoreTests", dependencies: ["NetraStore", "NetraCore", "NetraSamples", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strictness),
        .testTarget(
            name: "NetraWebTests",
            dependencies: [
                "NetraWeb",
                "NetraCore",
                "NetraStore",
                "NetraSamples",
                "NetraMail",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentKit", package: "fluent-kit"),
            ],
            // The approved HTML of the public pages, read by path (PublicPageSnapshotTests).
            exclude: ["Snapshots"],
            swiftSettings: strictness
        ),
    ],
    swiftLanguageModes: [.v6]
)
