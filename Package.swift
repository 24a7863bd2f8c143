// swift-tools-version:6.1
import PackageDescription

/// Language settings every target of ours shares: explicit `any`, imports that
/// are internal unless a module re-exports them on purpose.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Erkend",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "erkend", targets: ["erkend"]),
        .library(name: "LinkedData", targets: ["LinkedData"]),
        .library(name: "ErkendCore", targets: ["ErkendCore"]),
        .library(name: "ErkendStore", targets: ["ErkendStore"]),
        .library(name: "ErkendInterop", targets: ["ErkendInterop"]),
        .library(name: "ErkendServer", targets: ["ErkendServer"]),
        .library(name: "ErkendCredentials", targets: ["ErkendCredentials"]),
        .library(name: "ErkendPostgres", targets: ["ErkendPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // Already in the graph through Hummingbird; named for the SMTP client (ErkendServer/Mail).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        // Already in the graph through postgres-nio; the SMTP client's STARTTLS uses it too.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        // The PostgreSQL backend (ErkendPostgres) for installations of several nodes.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // multipart/form-data for the upload forms of the web pages (ErkendServer/Pages/Imports).
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        // Metrics for Prometheus at /metrics (ErkendServer/Operations).
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "ErkendCore",
            swiftSettings: strictSettings
        ),
        .target(
            name: "LinkedData",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Contexts")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendCredentials",
            dependencies: ["ErkendCore", "LinkedData", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "QRCode",
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendTemplates",
            path: "Templates",
            resources: [.copy("Pages"), .copy("Static"), .copy("Translations"), .copy("Mail")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendStore",
            dependencies: [
                "ErkendCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Group-commit batch sizes for /metrics (a no-op unless `erkend serve` sets up the registry).
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendPostgres",
            dependencies: [
                "ErkendCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendInterop",
            dependencies: [
                "ErkendCore",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendServer",
            dependencies: [
                .product(name: "MultipartKit", package: "multipart-kit"),
                "ErkendCore",
                "ErkendStore",
                "ErkendInterop",
                "QRCode",
                "ErkendTemplates",
                "ErkendCredentials",
                "LinkedData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "erkend",
            dependencies: [
                "ErkendCore",
                "ErkendStore",
                "ErkendPostgres",
                "ErkendInterop",
                "ErkendServer",
                "ErkendCredentials",
                "LinkedData",
                "QRCode",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                // `erkend migrate-data` reads every SQLite table and writes every PostgreSQL one with SQL.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ErkendTestSupport",
            dependencies: ["ErkendCore", "ErkendStore", "ErkendInterop", "ErkendPostgres"],
            path: "Tests/ErkendTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErkendCoreTests",
            dependencies: [
                "ErkendCore", "ErkendTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LinkedDataTests",
            dependencies: [
                "LinkedData",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErkendCredentialsTests",
            dependencies: [
                "ErkendCredentials", "ErkendCore", "ErkendStore", "ErkendTestSupport", "LinkedData",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "QRCodeTests",
            dependencies: ["QRCode"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErkendStoreTests",
            dependencies: ["ErkendStore", "ErkendTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErkendPostgresTests",
            dependencies: ["ErkendPostgres", "ErkendStore", "ErkendInterop", "ErkendTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErkendInteropTests",
            dependencies: ["ErkendInterop", "ErkendTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ErkendServerTests",
            dependencies: [
                "ErkendServer", "ErkendTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "erkend", "ErkendServer", "ErkendTestSupport", "ErkendCredentials", "LinkedData",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
