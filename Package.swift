// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "ardoc",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "ardoc", targets: ["ardoc"]),
    .library(name: "Templating", targets: ["Templating"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
  ],
  targets: [
    // Exact decimals, civil dates, a position-keeping JSON reader, amounts in words.
    .target(name: "Basics", dependencies: ["CSHA256"]),
    // SHA-256 rounds on the x86 SHA extensions, for Basics.SHA256 when the processor has them.
    .target(name: "CSHA256"),
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // The only module that touches libxml2 pointers.
    .target(name: "LibXML", dependencies: ["Basics", "CLibXML2"]),
    // The documents' vocabulary, shared by the modules above it: kinds, measures, locales,
    // dunning levels, meta names, the output path rule, the register entry and reply values.
    .target(name: "Vocabulary", dependencies: ["Basics"]),
    .target(name: "Templating", dependencies: ["Basics", "LibXML", "Vocabulary"]),
    .target(name: "Ledger", dependencies: ["Basics", "Vocabulary"]),
    .target(
      name: "LedgerStore",
      dependencies: ["Basics", "Ledger", "Vocabulary", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(name: "Letters", dependencies: ["Basics", "LibXML", "Templating", "Ledger", "Vocabulary"]),
    .target(name: "Validation", dependencies: ["Basics", "LibXML", "Templating", "Ledger", "Vocabulary"]),
    // What a command does, for every front: inputs, issuing a document, the batch, replies,
    // reports, PDF printing.
    .target(
      name: "Workflows",
      dependencies: [
        "Basics", "LibXML", "Templating", "Ledger", "Vocabulary", "LedgerStore", "Letters", "Validation",
      ]),
    // The web page: another thin front on Workflows (Hummingbird 2, sessions from
    // hummingbird-auth), its pages rendered by the template engine.
    .target(
      name: "WebServer",
      dependencies: [
        "Basics", "Templating", "Ledger", "Vocabulary", "LedgerStore", "Letters", "Workflows",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
      ]),
    .executableTarget(
      name: "ardoc",
      dependencies: [
        "Basics", "Templating", "Ledger", "Vocabulary", "LedgerStore", "Letters", "Validation", "Workflows",
        "WebServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "RenderBenchmark",
      dependencies: ["Basics", "LibXML", "Templating", "Ledger", "Letters", "Validation", "Vocabulary"],
      path: "Benchmarks/RenderBenchmark"
    ),
    .executableTarget(
      name: "LedgerBenchmark",
      dependencies: ["Basics", "Ledger", "LedgerStore"],
      path: "Benchmarks/LedgerBenchmark"
    ),
    .executableTarget(
      name: "ValidationBenchmark",
      dependencies: ["Basics", "Ledger", "Validation"],
      path: "Benchmarks/ValidationBenchmark"
    ),
    // Fuzz targets (Benchmarks/fuzz builds them with libFuzzer); built normally, a replayer.
    .executableTarget(
      name: "ardoc-fuzz",
      dependencies: ["Basics", "LibXML", "Templating", "Ledger", "Validation"],
      path: "Benchmarks/FuzzTargets"
    ),
    // What every test target shares: where the checkout is, and a scratch folder removed at exit.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(
      name: "BasicsTests",
      dependencies: ["TestSupport", "Basics", .product(name: "PropertyBased", package: "swift-property-based")],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(name: "LibXMLTests", dependencies: ["LibXML"]),
    .testTarget(
      name: "VocabularyTests",
      dependencies: ["Vocabulary", "Basics", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(
      name: "LedgerTests",
      dependencies: [
        "TestSupport", "Ledger", "Basics", .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "TemplatingTests",
      dependencies: [
        "TestSupport",
        "Templating", "LibXML", "Basics",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "LedgerStoreTests",
      dependencies: [
        "TestSupport", "LedgerStore", "Ledger", "Vocabulary", "Basics", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "ValidationTests",
      dependencies: ["TestSupport", "Validation", "Ledger", "LibXML", "Basics", "Templating", .product(name: "PropertyBased", package: "swift-property-based")],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "WorkflowsTests",
      dependencies: [
        "TestSupport", "Workflows", "Letters", "Vocabulary", "LedgerStore", "Ledger", "Basics", "Validation",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "LettersTests",
      dependencies: ["TestSupport", "Letters", "Ledger", "Vocabulary", "Basics", "LibXML", "Templating"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "ardocTests",
      dependencies: ["TestSupport", "ardoc", "Basics", .product(name: "GRDB", package: "GRDB.swift")]),
  ],
  swiftLanguageModes: [.v6]
)
