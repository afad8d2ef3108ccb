import Foundation
import HummingbirdBcrypt
import LedgerStore
import Vocabulary

/// The web page's users: names, roles and bcrypt password hashes in the store.
public enum Accounts {
  /// bcrypt's cost: about a quarter of a second a login on this machine, so a stolen store
  /// cannot be tried at speed.
  static let cost: UInt8 = 11

  /// Why a user was not added or removed.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// Adds a user with the password (read from standard input by the CLI, never logged).
  public static func add(name: String, role: UserRole, password: String, store: LedgerStore) throws -> UserAccount {
    // A salesperson's user name is the name their contracts give, which may hold a space.
    guard !name.isEmpty, name.count <= 64, name.trimmingCharacters(in: .whitespaces) == name,
      name.allSatisfy({ $0.isLetter || $0.isNumber || "._- ".contains($0) })
    else {
      throw Problem(
        description:
          "error: user name '\(name)' must be 1 to 64 letters, digits, spaces, '.', '_' or '-', with no space at either end"
      )
    }
    guard password.count >= 8 else {
      throw Problem(description: "error: the password must have at least 8 characters")
    }
    let account = UserAccount(name: name, role: role, passwordHash: Bcrypt.hash(password, cost: cost))
    if let taken = try store.addUser(account) {
      throw Problem(
        description: taken == name
          ? "error: a user named '\(name)' exists already; remove it first to change it"
          : "error: '\(name)' differs from the user '\(taken)' only in case; choose another name, or remove that user first"
      )
    }
    return account
  }

  /// The user whose password this is, or nil (unknown name or wrong password: one answer, so
  /// the page does not tell which names exist).
  static func verify(name: String, password: String, store: LedgerStore) throws -> UserAccount? {
    guard let account = try store.user(name) else {
      // The same work as a real check, so timing does not tell either.
      _ = Bcrypt.verify(password, hash: dummyHash)
      return nil
    }
    return Bcrypt.verify(password, hash: account.passwordHash) ? account : nil
  }

  static let dummyHash = Bcrypt.hash("not a password of anyone", cost: cost)
}
