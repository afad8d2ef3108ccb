// swift-tools-version: 6.0
// Peer for Benchmarks/run: the confirmation letter as a swift-mustache template. A separate
// package, so that ardoc itself does not depend on swift-mustache.
import PackageDescription

let package = Package(
  name: "MustachePeer",
  dependencies: [.package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1")],
  targets: [
    .executableTarget(name: "MustachePeer", dependencies: [.product(name: "Mustache", package: "swift-mustache")])
  ]
)
