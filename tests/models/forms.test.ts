import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loginSchema, registrationSchema } from "../../app/schemas/auth";
import { type FormResult, parseForm } from "../../app/utils/forms";

const common = (lng: string) =>
  JSON.parse(fs.readFileSync(path.resolve("locales", lng, "common.json"), "utf8")) as Record<string, unknown>;
const locales = { fr: common("fr"), en: common("en") };

function lookup(tree: Record<string, unknown>, key: string): unknown {
  return key
    .split(".")
    .reduce<unknown>(
      (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
      tree,
    );
}

/** Every message is a locale key with a non-empty text in both languages. */
function expectTranslated(result: FormResult<unknown>) {
  if (result.ok) throw new Error("expected the form to be refused");
  for (const [field, error] of Object.entries(result.fieldErrors)) {
    const key = typeof error === "string" ? error : error.key;
    for (const [lng, tree] of Object.entries(locales)) {
      const text = lookup(tree, key);
      expect(typeof text === "string" && text.length > 0, `${field}: ${key} missing in ${lng}`).toBe(true);
    }
  }
}

function form(entries: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [key, value] of Object.entries(entries)) {
    for (const v of Array.isArray(value) ? value : [value]) fd.append(key, v);
  }
  return fd;
}

const candidate = {
  accountType: "candidat",
  firstName: "Fatoumata",
  lastName: "Sidibé",
  phone: "76 12 34 56",
  email: "",
  password: "bamako2026",
  passwordConfirm: "bamako2026",
  consent: "on",
};

const employer = {
  ...candidate,
  accountType: "employeur",
  orgName: "Atelier Traoré",
  sector: "btp",
  region: "bamako",
  rccm: "",
  nif: "",
};

function refused<T>(result: FormResult<T>) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expectTranslated(result);
  return result;
}

describe("parseForm with registrationSchema", () => {
  it("accepts a well-filled candidate form and normalises the phone", () => {
    const result = parseForm(registrationSchema, form(candidate));
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({ accountType: "candidat", firstName: "Fatoumata", phone: "+22376123456" }),
    });
  });

  it("refuses an empty form with a translated message", () => {
    const result = refused(parseForm(registrationSchema, new FormData()));
    expect(Object.keys(result.fieldErrors).length).toBeGreaterThan(0);
  });

  it("refuses an empty candidate form field by field", () => {
    const result = refused(parseForm(registrationSchema, form({ accountType: "candidat" })));
    expect(result.fieldErrors).toMatchObject({
      firstName: "validation.required",
      lastName: "validation.required",
      password: "validation.required",
      consent: "validation.consentRequired",
    });
  });

  it("asks for a phone or an e-mail address", () => {
    const result = refused(parseForm(registrationSchema, form({ ...candidate, phone: "", email: "" })));
    expect(result.fieldErrors.phone).toBe("validation.contactRequired");
  });

  it("refuses mismatched passwords", () => {
    const result = refused(parseForm(registrationSchema, form({ ...candidate, passwordConfirm: "bamako2027" })));
    expect(result.fieldErrors.passwordConfirm).toBe("validation.passwordMismatch");
  });

  it.each(["admin", "conseiller", ""])("does not let anyone register as %j", (accountType) => {
    const result = refused(parseForm(registrationSchema, form({ ...candidate, accountType })));
    expect(result.fieldErrors.accountType).toBe("validation.accountType");
  });

  it("refuses every field at 10 000 characters without crashing", () => {
    const long = "a".repeat(10_000);
    const entries = Object.fromEntries(Object.keys(employer).map((k) => [k, long]));
    // With the account type kept valid, each field says what is wrong with it.
    const result = refused(
      parseForm(registrationSchema, form({ ...entries, accountType: "employeur", consent: "on" })),
    );
    expect(result.fieldErrors).toMatchObject({
      firstName: "validation.tooLong",
      lastName: "validation.tooLong",
      phone: "validation.phoneInvalid",
      email: "validation.tooLong",
      password: "validation.passwordTooLong",
      orgName: "validation.tooLong",
      rccm: "validation.tooLong",
      nif: "validation.tooLong",
      sector: "validation.choose",
      region: "validation.choose",
    });
    // And with everything at 10 000 characters, including the account type.
    refused(parseForm(registrationSchema, form(entries)));
  });

  it.each(["firstName", "lastName", "phone", "email", "password", "consent", "accountType"])(
    "refuses the field %s sent twice (not crash, not keep one of them silently)",
    (field) => {
      const twice = { ...candidate, [field]: [candidate[field as keyof typeof candidate], "Autre"] };
      const result = refused(parseForm(registrationSchema, form(twice)));
      expect(result.fieldErrors[field]).toMatch(/^validation\./);
    },
  );

  it("is not polluted by __proto__ or constructor fields", () => {
    const fd = form(candidate);
    fd.append("__proto__", "polluted");
    fd.append("constructor", "polluted");
    fd.append("isAdmin", "1");
    fd.append("role", "admin");
    const result = parseForm(registrationSchema, fd);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.accountType).toBe("candidat");
    for (const key of ["__proto__", "constructor", "isAdmin", "role"])
      expect(Object.hasOwn(result.data, key)).toBe(false);
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe("[object Object]");

    // Refused, the values sent back are safe to spread into a page too.
    const refusedFd = form({ ...candidate, firstName: "" });
    refusedFd.append("__proto__", "polluted");
    const refusedResult = refused(parseForm(registrationSchema, refusedFd));
    expect(Object.getPrototypeOf(refusedResult.values)).toBe(Object.prototype);
    expect(typeof refusedResult.values.toString).toBe("function");
  });

  it.each([
    ["firstName", "Awa\u0000"],
    ["lastName", "Dia\u0007rra"],
    ["orgName", "Atelier\u0000Traoré"],
    ["orgName", "Atelier\u001bTraoré"],
    ["orgName", "Atelier\nTraoré"],
  ])("refuses the control character in %s %j", (field, value) => {
    const result = refused(parseForm(registrationSchema, form({ ...employer, [field]: value })));
    expect(result.fieldErrors[field]).toMatch(/^validation\.(nameInvalid|invalidCharacters)$/);
  });

  it("accepts SQL-looking text verbatim in an organisation name (it is free text)", () => {
    const orgName = "Robert'); DROP TABLE organisations;--";
    const result = parseForm(registrationSchema, form({ ...employer, orgName }));
    expect(result.ok).toBe(true);
    if (result.ok && result.data.accountType === "employeur") expect(result.data.orgName).toBe(orgName);
  });

  it.each(["Robert'); DROP TABLE users;--", "<script>alert(1)</script>", "Awa 2", "1=1"])(
    "refuses %j as a person's name with validation.nameInvalid",
    (name) => {
      const result = refused(parseForm(registrationSchema, form({ ...candidate, firstName: name, lastName: name })));
      expect(result.fieldErrors.firstName).toBe("validation.nameInvalid");
      expect(result.fieldErrors.lastName).toBe("validation.nameInvalid");
    },
  );

  it.each(["N'Diaye", "Ag Mohamed", "Maïga", "Haïdara-Touré", "Sidibé"])("accepts the name %j", (name) => {
    expect(parseForm(registrationSchema, form({ ...candidate, lastName: name })).ok).toBe(true);
  });

  it("never sends the passwords back, and keeps everything else that was typed", () => {
    const result = refused(
      parseForm(
        registrationSchema,
        form({ ...candidate, firstName: "<b>", password: "secret-123", passwordConfirm: "secret-456" }),
      ),
    );
    expect(result.values).not.toHaveProperty("password");
    expect(result.values).not.toHaveProperty("passwordConfirm");
    expect(JSON.stringify(result)).not.toContain("secret-");
    expect(result.values).toMatchObject({ firstName: "<b>", lastName: "Sidibé", phone: "76 12 34 56" });
  });
});

describe("parseForm with loginSchema", () => {
  it("accepts an identifier and a password", () => {
    expect(parseForm(loginSchema, form({ identifier: " 70 11 22 33 ", password: "x" }))).toEqual({
      ok: true,
      data: { identifier: "70 11 22 33", password: "x" },
    });
  });

  it("refuses an empty form", () => {
    const result = refused(parseForm(loginSchema, new FormData()));
    expect(result.fieldErrors).toEqual({ identifier: "validation.required", password: "validation.required" });
  });

  it("refuses 10 000-character fields without crashing and without echoing the password", () => {
    const long = "7".repeat(10_000);
    const result = refused(parseForm(loginSchema, form({ identifier: long, password: long, redirectTo: `/${long}` })));
    expect(result.fieldErrors.identifier).toBe("validation.tooLong");
    expect(result.fieldErrors.password).toBe("validation.invalidCredentials");
    expect(result.values).not.toHaveProperty("password");
  });

  it("refuses a repeated identifier or password", () => {
    const result = refused(parseForm(loginSchema, form({ identifier: ["a@b.ml", "c@d.ml"], password: ["x", "y"] })));
    expect(result.fieldErrors.identifier).toMatch(/^validation\./);
    expect(result.fieldErrors.password).toMatch(/^validation\./);
    expect(result.values).not.toHaveProperty("password");
  });

  it("refuses control characters in the identifier", () => {
    const result = refused(parseForm(loginSchema, form({ identifier: "awa@example.ml\u0000", password: "x" })));
    expect(result.fieldErrors.identifier).toBe("validation.invalidCharacters");
  });

  it("never sends the password back", () => {
    const result = refused(parseForm(loginSchema, form({ identifier: "", password: "mon-secret" })));
    expect(JSON.stringify(result)).not.toContain("mon-secret");
  });
});
