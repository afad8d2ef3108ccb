/// What a user of the web page may do. A salesperson sees the customers of their own
/// contracts; finance, legal and admin see every customer; only finance and admin run the
/// month's batch; only legal and admin write a legal demand; admin manages users.
public enum UserRole: String, Sendable, CaseIterable, Codable {
  case salesperson, finance, legal, admin

  /// Sees every customer, not only those of their contracts.
  public var seesAllCustomers: Bool { self != .salesperson }
  /// Runs the month's batch.
  public var runsBatches: Bool { self == .finance || self == .admin }
  /// Writes a legal demand.
  public var writesLegalDemands: Bool { self == .legal || self == .admin }
}
