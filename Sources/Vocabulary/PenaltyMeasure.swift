/// The measures a penalty notice announces.
public enum PenaltyMeasure: String, Sendable, CaseIterable {
  case stopSupply = "stop-supply"
  case stopService = "stop-service"
  case revokeLicense = "revoke-license"
  case legalDemand = "legal-demand"
}
