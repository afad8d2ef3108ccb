import Basics

/// Writes a ledger as canonical `ardoc-ledger/1` JSON: the form the store keeps, which reads
/// back to the same ledger. Amounts are decimal strings, exactly as held.
public enum LedgerWriter {
  /// The ledger as canonical JSON; without `issuer`, the issuer is left out (a customer's
  /// slice in the store, which keeps the issuer once, read back with
  /// ``LedgerReader/parseJSON(_:file:issuer:)``).
  public static func json(_ ledger: Ledger, issuer withIssuer: Bool = true) -> [UInt8] {
    let w = JSONWriter()
    write(ledger, issuer: withIssuer, to: w)
    return w.bytes
  }

  /// The SHA-256 of ``json(_:issuer:)``, hashed as it is written: a large ledger's text is
  /// never held whole.
  public static func digest(_ ledger: Ledger) -> [UInt8] {
    var stream = SHA256.Stream()
    let w = JSONWriter { stream.update($0) }
    write(ledger, issuer: true, to: w)
    w.flush()
    return stream.finish()
  }

  static func write(_ ledger: Ledger, issuer withIssuer: Bool, to w: JSONWriter) {
    w.object {
      w.field("format", LedgerReader.format)
      if withIssuer {
        w.key("issuer")
        issuer(ledger.issuer, w)
      }
      w.key("customers")
      w.array(ledger.customers) { customer($0, w) }
      w.key("contracts")
      w.array(ledger.contracts) { contract($0, w) }
      w.key("invoices")
      w.array(ledger.invoices) { i in
        w.object {
          w.field("number", i.number)
          w.field("contract", i.contract)
          w.field("issuedOn", i.issuedOn.iso)
          w.field("dueOn", i.dueOn.iso)
          w.field("amount", i.amount.description)
          w.field("deliveryReceipt", i.deliveryReceipt)
        }
      }
      w.key("payments")
      w.array(ledger.payments) { p in
        w.object {
          w.field("id", p.id)
          w.field("customer", p.customer)
          w.field("receivedOn", p.receivedOn.iso)
          w.field("amount", p.amount.description)
          w.field("currency", p.currency)
          w.field("reference", p.reference)
          w.key("appliesTo")
          w.array(p.appliesTo) { w.string($0) }
        }
      }
      w.key("credits")
      w.array(ledger.credits) { c in
        w.object {
          w.field("number", c.number)
          w.field("invoice", c.invoice)
          w.field("issuedOn", c.issuedOn.iso)
          w.field("amount", c.amount.description)
        }
      }
    }
  }

  static func bank(_ b: BankAccount, _ w: JSONWriter) {
    w.object {
      w.field("name", b.name)
      w.field("account", b.account)
      w.field("accountName", b.accountName)
    }
  }

  /// The issuer alone, as the store keeps it once per ledger.
  public static func json(_ issuer: Issuer) -> [UInt8] {
    let w = JSONWriter()
    self.issuer(issuer, w)
    return w.bytes
  }

  static func issuer(_ i: Issuer, _ w: JSONWriter) {
    w.object {
      w.field("name", i.name)
      w.field("taxId", i.taxId)
      w.field("address", i.address)
      w.field("phone", i.phone)
      w.key("bank")
      bank(i.bank, w)
      w.key("contact")
      w.object {
        w.field("name", i.contact.name)
        w.field("title", i.contact.title)
        w.field("phone", i.contact.phone)
        w.field("email", i.contact.email)
      }
      if let legal = i.legal {
        w.key("legal")
        w.object {
          w.field("firm", legal.firm)
          w.field("lawyer", legal.lawyer)
          w.field("license", legal.license)
        }
      }
    }
  }

  static func customer(_ c: Customer, _ w: JSONWriter) {
    w.object {
      w.field("id", c.id)
      w.field("name", c.name)
      w.field("taxId", c.taxId)
      w.field("address", c.address)
      w.field("nonMalicious", c.nonMalicious)
      if let f = c.finance {
        w.key("finance")
        w.object {
          if let v = f.budgetRequired { w.field("budgetRequired", v) }
          w.field("invoiceRequirements", f.invoiceRequirements)
          if let v = f.bookClosingDay { w.field("bookClosingDay", v) }
          if let v = f.bankClosingDay { w.field("bankClosingDay", v) }
          if let v = f.transferDays { w.field("transferDays", v) }
          w.field("creditRating", f.creditRating)
          if let v = f.creditLimit { w.field("creditLimit", v.description) }
          if let b = f.bank {
            w.key("bank")
            bank(b, w)
          }
        }
      }
      w.key("contacts")
      w.array(c.contacts) { p in
        w.object {
          w.field("name", p.name)
          w.field("title", p.title)
          w.field("phone", p.phone)
          w.field("email", p.email)
          w.field("address", p.address)
          w.key("roles")
          w.array(p.roles) { w.string($0.rawValue) }
          if let conf = p.paymentOwnerConfirmation {
            w.key("paymentOwnerConfirmation")
            w.object {
              w.field("confirmedOn", conf.confirmedOn.iso)
              w.field("method", conf.method.rawValue)
              w.field("confirmedBy", conf.confirmedBy)
              w.field("evidence", conf.evidence)
            }
          }
        }
      }
    }
  }

  static func contract(_ k: Contract, _ w: JSONWriter) {
    w.object {
      w.field("id", k.id)
      w.field("customer", k.customer)
      w.field("project", k.project)
      w.field("salesperson", k.salesperson)
      if let v = k.signedOn { w.field("signedOn", v.iso) }
      w.field("currency", k.currency)
      w.field("amount", k.amount.description)
      w.key("items")
      w.array(k.items) { item in
        w.object {
          w.field("name", item.name)
          w.field("spec", item.spec)
          w.field("quantity", item.quantity.description)
          w.field("unit", item.unit)
          if let v = item.unitPrice { w.field("unitPrice", v.description) }
        }
      }
      if let a = k.acceptance {
        w.key("acceptance")
        w.object {
          w.field("criteria", a.criteria)
          w.field("method", a.method)
          if let v = a.acceptedOn { w.field("acceptedOn", v.iso) }
          w.field("acceptedBy", a.acceptedBy)
        }
      }
      w.key("paymentTerms")
      w.array(k.paymentTerms) { t in
        w.object {
          w.field("milestone", t.milestone)
          w.field("percent", t.percent.description)
          if let v = t.dueOn { w.field("dueOn", v.iso) }
        }
      }
      if let d = k.dunningStart {
        w.key("dunningStart")
        w.object {
          w.field("daysOverdue", d.daysOverdue)
          w.field("minAmount", d.minAmount.description)
        }
      }
      if let i = k.lateInterest {
        w.key("lateInterest")
        w.object {
          if let daily = i.dailyRate {
            w.field("dailyRate", daily.description)
          } else {
            w.field("annualRate", i.annualRate.description)
            w.field("basis", i.basis.rawValue)
          }
          if !i.clause.isEmpty { w.field("clause", i.clause) }
        }
      }
      w.key("issues")
      w.array(k.issues) { issue in
        w.object {
          w.field("description", issue.description)
          w.field("open", issue.open)
          if let v = issue.since { w.field("since", v.iso) }
        }
      }
      w.field("installment", k.installment)
    }
  }
}
