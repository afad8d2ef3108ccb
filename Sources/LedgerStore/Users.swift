import Basics
import Foundation
import GRDB
import Vocabulary

/// A user of the web page: a name, a role and a password hash (never the password).
public struct UserAccount: Sendable, Equatable {
  public let name: String
  public let role: UserRole
  /// A salted slow hash (bcrypt), as the web server made it.
  public let passwordHash: String
  public let createdAt: String

  public init(name: String, role: UserRole, passwordHash: String, createdAt: String = "") {
    self.name = name
    self.role = role
    self.passwordHash = passwordHash
    self.createdAt = createdAt
  }
}

extension LedgerStore {
  /// Adds a user; when a user's name is the same but for case (`li.na`, `LI.NA`: two people
  /// who would be told apart by case alone), nothing changes and that user's name is returned.
  public func addUser(_ user: UserAccount) throws(StoreError) -> String? {
    do {
      return try queue.write { db in
        let lower = user.name.lowercased()
        for name in try String.fetchAll(db, sql: "SELECT name FROM users") where name.lowercased() == lower {
          return name
        }
        try db.execute(
          sql: "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
          arguments: [user.name, user.role.rawValue, user.passwordHash, LedgerStore.now()])
        return nil
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  /// Removes a user; false when there is none of that name.
  public func removeUser(_ name: String) throws(StoreError) -> Bool {
    do {
      return try queue.write { db in
        try db.execute(sql: "DELETE FROM users WHERE name = ?", arguments: [name])
        return db.changesCount > 0
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  public func users() throws(StoreError) -> [UserAccount] {
    do {
      return try queue.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").compactMap(LedgerStore.user)
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  public func user(_ name: String) throws(StoreError) -> UserAccount? {
    do {
      return try queue.read { db in
        try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).flatMap(LedgerStore.user)
      }
    } catch {
      throw describe(error, path: path)
    }
  }

  static func user(_ row: Row) -> UserAccount? {
    guard let role = UserRole(rawValue: row["role"]) else { return nil }
    return UserAccount(name: row["name"], role: role, passwordHash: row["password_hash"], createdAt: row["created_at"])
  }
}
