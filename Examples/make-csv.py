#!/usr/bin/env python3
"""Writes Examples/ledger-csv/ from Examples/ledger.json (the two must import identically).

Run after editing ledger.json: python3 Examples/make-csv.py
"""
import csv, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
ledger = json.load(open(os.path.join(here, "ledger.json"), encoding="utf-8"))
out = os.path.join(here, "ledger-csv")
os.makedirs(out, exist_ok=True)

def write(name, header, rows):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row])

g = lambda d, *path: (lambda v: v)(__import__("functools").reduce(lambda a, k: (a or {}).get(k), path, d))

i = ledger["issuer"]
write("issuer.csv", ["name", "taxId", "address", "phone", "bankName", "bankAccount", "bankAccountName",
      "contactName", "contactTitle", "contactPhone", "contactEmail", "lawFirm", "lawyer", "lawyerLicense"],
      [[i["name"], i.get("taxId"), i.get("address"), i.get("phone"), g(i, "bank", "name"), g(i, "bank", "account"),
        g(i, "bank", "accountName"), g(i, "contact", "name"), g(i, "contact", "title"), g(i, "contact", "phone"),
        g(i, "contact", "email"), g(i, "legal", "firm"), g(i, "legal", "lawyer"), g(i, "legal", "license")]])

write("customers.csv", ["id", "name", "taxId", "address", "nonMalicious", "budgetRequired", "invoiceRequirements",
      "bookClosingDay", "bankClosingDay", "transferDays", "creditRating", "creditLimit", "bankName", "bankAccount"],
      [[c["id"], c["name"], c.get("taxId"), c.get("address"), c.get("nonMalicious"),
        g(c, "finance", "budgetRequired"), g(c, "finance", "invoiceRequirements"), g(c, "finance", "bookClosingDay"),
        g(c, "finance", "bankClosingDay"), g(c, "finance", "transferDays"), g(c, "finance", "creditRating"),
        g(c, "finance", "creditLimit"), g(c, "finance", "bank", "name"), g(c, "finance", "bank", "account")]
       for c in ledger["customers"]])

write("contacts.csv", ["customer", "name", "title", "phone", "email", "address", "roles", "confirmedOn",
      "confirmationMethod", "confirmedBy", "evidence"],
      [[c["id"], p["name"], p.get("title"), p.get("phone"), p.get("email"), p.get("address"), ";".join(p.get("roles", [])),
        g(p, "paymentOwnerConfirmation", "confirmedOn"), g(p, "paymentOwnerConfirmation", "method"),
        g(p, "paymentOwnerConfirmation", "confirmedBy"), g(p, "paymentOwnerConfirmation", "evidence")]
       for c in ledger["customers"] for p in c.get("contacts", [])])

write("contracts.csv", ["id", "customer", "project", "salesperson", "signedOn", "currency", "amount",
      "acceptanceCriteria", "acceptanceMethod", "acceptedOn", "acceptedBy", "dunningDaysOverdue", "dunningMinAmount",
      "interestRate", "interestBasis", "interestClause", "installment"],
      [[k["id"], k["customer"], k.get("project"), k.get("salesperson"), k.get("signedOn"), k.get("currency"), k["amount"],
        g(k, "acceptance", "criteria"), g(k, "acceptance", "method"), g(k, "acceptance", "acceptedOn"),
        g(k, "acceptance", "acceptedBy"), g(k, "dunningStart", "daysOverdue"), g(k, "dunningStart", "minAmount"),
        g(k, "lateInterest", "annualRate"), g(k, "lateInterest", "basis"), g(k, "lateInterest", "clause"),
        k.get("installment")]
       for k in ledger["contracts"]])

write("contract_items.csv", ["contract", "name", "spec", "quantity", "unit", "unitPrice"],
      [[k["id"], t["name"], t.get("spec"), t["quantity"], t.get("unit"), t.get("unitPrice")]
       for k in ledger["contracts"] for t in k.get("items", [])])
write("payment_terms.csv", ["contract", "milestone", "percent", "dueOn"],
      [[k["id"], t.get("milestone"), t["percent"], t.get("dueOn")] for k in ledger["contracts"] for t in k.get("paymentTerms", [])])
write("project_issues.csv", ["contract", "description", "open", "since"],
      [[k["id"], t["description"], t.get("open"), t.get("since")] for k in ledger["contracts"] for t in k.get("issues", [])])
write("invoices.csv", ["number", "contract", "issuedOn", "dueOn", "amount", "deliveryReceipt"],
      [[v["number"], v["contract"], v["issuedOn"], v["dueOn"], v["amount"], v.get("deliveryReceipt")] for v in ledger["invoices"]])
write("payments.csv", ["id", "customer", "receivedOn", "amount", "currency", "reference", "appliesTo"],
      [[p["id"], p["customer"], p["receivedOn"], p["amount"], p.get("currency"), p.get("reference"), ";".join(p.get("appliesTo", []))]
       for p in ledger["payments"]])
write("credits.csv", ["number", "invoice", "issuedOn", "amount"],
      [[c["number"], c["invoice"], c["issuedOn"], c["amount"]] for c in ledger["credits"]])
print("wrote", out)
