// Hostile input, generated: every zod schema of app/schemas/*.ts is fed random
// and hostile form data through parseForm (or the schema's own query parser).
// Tried: 10 000+ character strings, control characters, emoji, `<script>`, SQL
// fragments, wrong shapes (repeated fields → arrays), missing fields, unknown
// fields, prototype keys (__proto__, constructor, prototype). It must never
// throw, refusals must carry locale keys that exist in French and English, and
// password fields are never sent back.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { changePasswordSchema, deleteAccountSchema, languageSchema } from "../../app/schemas/account";
import {
  auditQuerySchema,
  counsellorSchema,
  parseAuditQuery,
  parseUserQuery,
  partnerActionSchema,
  userActionSchema,
  userQuerySchema,
} from "../../app/schemas/admin";
import { alertQueryFromForm } from "../../app/schemas/alert";
import { applySchema, moveSchema } from "../../app/schemas/application";
import { loginSchema, registrationSchema } from "../../app/schemas/auth";
import {
  activationSchema,
  assignSchema,
  assistedRegistrationSchema,
  candidateFileSchema,
  candidateSearchSchema,
  referSchema,
} from "../../app/schemas/candidate";
import { moderationSchema } from "../../app/schemas/moderation";
import { offerSchema } from "../../app/schemas/offer";
import { invitationSchema, invitedAccountSchema, organisationSchema } from "../../app/schemas/organisation";
import { idParamSchema, parseIdParam } from "../../app/schemas/params";
import { forgottenPasswordSchema, resetWithCodeSchema, resetWithTokenSchema } from "../../app/schemas/password";
import { placementActionSchema } from "../../app/schemas/placement";
import { parsePlacementsQuery } from "../../app/schemas/placement-lists";
import { profileSchema } from "../../app/schemas/profile";
import { reportSchema } from "../../app/schemas/report";
import { parseReportFilters } from "../../app/schemas/report-filters";
import { parseSearchQuery, searchQuerySchema } from "../../app/schemas/search";
import { type FieldError, parseForm } from "../../app/utils/forms";
import { discriminator, fieldNames, hostileForm, hostileString, intents, PROTOTYPE_KEYS } from "../helpers/hostile";

const RUNS = 200;
const TODAY = "2026-06-15";
const SECRET_FIELDS = ["password", "passwordConfirm", "currentPassword", "newPassword", "code"];

// ---- locale keys ----

const localeCache = new Map<string, unknown>();
function localeFile(lang: string, ns: string): unknown {
  const file = path.resolve(__dirname, "../../locales", lang, `${ns}.json`);
  if (!localeCache.has(file)) {
    let json: unknown = null;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      json = null;
    }
    localeCache.set(file, json);
  }
  return localeCache.get(file);
}

function hasKey(lang: string, fullKey: string) {
  const [ns, key] = fullKey.includes(":") ? fullKey.split(":", 2) : ["common", fullKey];
  let node: unknown = localeFile(lang, ns!);
  for (const part of key!.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

function missingKeys(errors: Record<string, FieldError>) {
  return Object.values(errors)
    .map((error) => (typeof error === "string" ? error : error.key))
    .filter((key) => !hasKey("fr", key) || !hasKey("en", key));
}

type AnySchema = z.ZodType;

const FORM_SCHEMAS: Record<string, AnySchema> = {
  registrationSchema,
  loginSchema,
  offerSchema,
  organisationSchema,
  invitationSchema,
  invitedAccountSchema,
  "profileSchema(consent needed)": profileSchema({ consentNeeded: true, today: TODAY }),
  "profileSchema(consent given)": profileSchema({ consentNeeded: false, today: TODAY }),
  assistedRegistrationSchema: assistedRegistrationSchema(TODAY),
  candidateSearchSchema,
  assignSchema,
  candidateFileSchema,
  referSchema,
  activationSchema,
  forgottenPasswordSchema,
  resetWithCodeSchema,
  resetWithTokenSchema,
  applySchema,
  moveSchema,
  placementActionSchema,
  reportSchema,
  moderationSchema,
  userQuerySchema,
  auditQuerySchema,
  counsellorSchema,
  userActionSchema,
  partnerActionSchema,
  changePasswordSchema,
  deleteAccountSchema,
  languageSchema,
  searchQuerySchema,
};

function checkFormResult(name: string, form: FormData) {
  let result: ReturnType<typeof parseForm>;
  try {
    result = parseForm(FORM_SCHEMAS[name]!, form);
  } catch (error) {
    throw new Error(`${name}: parseForm threw ${String(error)}`);
  }
  if (result.ok) return;
  expect(missingKeys(result.fieldErrors), `${name}: unknown locale keys`).toEqual([]);
  for (const secret of SECRET_FIELDS) expect(Object.hasOwn(result.values, secret)).toBe(false);
  expect(Object.getPrototypeOf(result.fieldErrors)).toBe(Object.prototype);
}

describe("every form schema survives hostile form data", () => {
  for (const name of Object.keys(FORM_SCHEMAS)) {
    const schema = FORM_SCHEMAS[name]!;
    const fields = fieldNames(schema);

    it(`${name} (${fields.length} fields): never throws, refuses with locale keys, hides passwords`, () => {
      expect(fields.length, `${name}: no field found, the test would prove nothing`).toBeGreaterThan(0);
      fc.assert(
        fc.property(hostileForm(fields, intents(schema), discriminator(schema)), (entries) => {
          const form = new FormData();
          for (const [key, value] of entries) form.append(key, value);
          checkFormResult(name, form);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it("the bare schemas answer safeParse on values no form sends (null, numbers, prototype-laden objects)", () => {
    const weird = fc.oneof(
      fc.anything(),
      fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": 1}}')),
      fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, "intent", "password"), hostileString(), { maxKeys: 4 }),
    );
    fc.assert(
      fc.property(weird, (value) => {
        for (const schema of Object.values(FORM_SCHEMAS)) schema.safeParse(value);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  // Found by the property above: these four refinements ran on any input
  // (`when: () => true` or `value as {...}`) and threw a TypeError on null.
  it("registration, offer, invited account and counsellor schemas refuse null instead of throwing", () => {
    for (const schema of [registrationSchema, offerSchema, invitedAccountSchema, counsellorSchema]) {
      expect(() => schema.safeParse(null)).not.toThrow();
      expect(schema.safeParse(null).success).toBe(false);
    }
  });

  it("parseForm keeps the prototype intact when __proto__ or constructor are posted", () => {
    const form = new FormData();
    form.append("__proto__", "<script>alert(1)</script>");
    form.append("constructor", "x");
    form.append("prototype", "y");
    const result = parseForm(loginSchema, form);
    expect(result.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call({})).toBe("[object Object]");
  });
});

describe("query parsers survive hostile URLs", () => {
  const params = (keys: string[]) =>
    hostileForm(keys, []).map((entries) => {
      const search = new URLSearchParams();
      for (const [key, value] of entries) search.append(key, value);
      return search;
    });

  it("parseSearchQuery, parseUserQuery, parseAuditQuery, parsePlacementsQuery and parseReportFilters never throw", () => {
    const keys = [
      ...["q", "type", "region", "secteur", "contrat", "tri", "page"],
      ...["role", "statut", "acteur", "action", "du", "au", "periode", "partenaire"],
      ...["vue", "echeance", "suivi", "employeur", "mes", "fin", "candidat"],
    ];
    fc.assert(
      fc.property(params(keys), (search) => {
        const query = parseSearchQuery(search);
        expect(query).toBeTypeOf("object");
        expect(parseUserQuery(search)).toBeTypeOf("object");
        expect(parseAuditQuery(search)).toBeTypeOf("object");
        expect(parsePlacementsQuery(search)).toBeTypeOf("object");
        expect(parseReportFilters(search, TODAY)).toBeTypeOf("object");
      }),
      { numRuns: RUNS },
    );
  });

  it("alertQueryFromForm never throws and refuses with a locale key that exists", () => {
    fc.assert(
      fc.property(params(["q", "type", "region", "secteur", "contrat"]), (search) => {
        const result = alertQueryFromForm(search);
        if (!result.ok) expect(missingKeys({ alert: result.error })).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("parseIdParam only gives positive safe integers, and null otherwise", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), fc.integer().map(String), fc.constant(undefined)), (value) => {
        const id = parseIdParam(value);
        if (id !== null) {
          expect(Number.isSafeInteger(id) && id > 0).toBe(true);
          expect(idParamSchema.safeParse(value).success).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("a 10 MB value is refused by its length, at once", () => {
  const HUGE = "a".repeat(10 * 1024 * 1024);

  /** Every (schema, branch, field) with the 10 MB value in that field and a real branch chosen. */
  const cases = Object.entries(FORM_SCHEMAS).flatMap(([name, schema]) => {
    const key = discriminator(schema);
    const branches = intents(schema);
    return (branches.length > 0 ? branches : [undefined]).flatMap((intent) =>
      fieldNames(schema)
        .filter((field) => field !== key || intent === undefined)
        .map((field) => ({ name, intent, field, key })),
    );
  });

  it(`in every field of every form schema (${cases.length} cases): never throws, is quick, and no check runs after the length`, () => {
    expect(cases.length).toBeGreaterThan(100);
    // A control character at the end: a character check that still ran would add its own issue.
    const value = `${HUGE}\u0007`;
    for (const { name, intent, field, key } of cases) {
      const input: Record<string, string> = intent === undefined ? {} : { [key]: intent };
      input[field] = value;
      const label = `${name}${intent ? `[${intent}]` : ""}.${field}`;
      const started = performance.now();
      let result: ReturnType<(typeof FORM_SCHEMAS)[string]["safeParse"]>;
      try {
        result = FORM_SCHEMAS[name]!.safeParse(input);
      } catch (error) {
        throw new Error(`${label}: threw ${String(error).slice(0, 200)}`);
      }
      expect.soft(performance.now() - started, label).toBeLessThan(1000);
      if (result.success) continue;
      const issues = result.error.issues.filter((issue) => issue.path[0] === field);
      expect
        .soft(
          issues.map((issue) => issue.message),
          label,
        )
        .toHaveLength(Math.min(issues.length, 1));
    }
  });

  it.each([
    ["reportSchema", "details", { reason: "money" }, "moderation:report.errors.detailsTooLong"],
    ["applySchema", "message", {}, "applications:errors.messageTooLong"],
    ["loginSchema", "identifier", { password: "x" }, "validation.tooLong"],
    ["registrationSchema", "firstName", { accountType: "candidat" }, "validation.tooLong"],
    ["offerSchema", "description", {}, "validation.tooLong"],
    ["moderationSchema", "reason", { intent: "offer.reject", offerId: "1" }, "moderation:errors.reasonTooLong"],
    ["candidateFileSchema", "body", { intent: "note.add" }, "validation.tooLong"],
    ["organisationSchema", "description", {}, "validation.tooLong"],
  ] as const)("%s.%s says it is too long, even with a control character at its end", (name, field, others, message) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(others)) form.append(key, value);
    form.append(field, `${HUGE}\n\u0007`);
    const started = performance.now();
    const result = parseForm(FORM_SCHEMAS[name]!, form);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[field]).toBe(message);
  });
});

describe("a date the portal cannot count with is refused, never stored", () => {
  // Adding months or days to 9999-12-31 gives "+010000-…", which no page can show.
  it.each([
    ["moveSchema", { to: "hired", startDate: "9999-12-31" }, "startDate", "applications:errors.startDateInvalid"],
    [
      "moveSchema",
      { to: "interview", interviewAt: "9999-12-31T10:00", place: "Bamako" },
      "interviewAt",
      "applications:errors.interviewAtInvalid",
    ],
    [
      "placementActionSchema",
      { intent: "end", placementId: "1", endedOn: "9999-12-31", reason: "moved" },
      "endedOn",
      "placements:errors.dateInvalid",
    ],
    [
      "placementActionSchema",
      { intent: "followup", followupId: "1", stillEmployed: "yes", doneOn: "2999-01-01" },
      "doneOn",
      "placements:errors.dateInvalid",
    ],
    ["offerSchema", { startDate: "9999-12-31" }, "startDate", "validation.dateInvalid"],
    ["offerSchema", { closingDate: "0000-01-01" }, "closingDate", "offer.form.dateRequired"],
  ] as const)("%s: %s", (name, fields, field, message) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    const result = parseForm(FORM_SCHEMAS[name]!, form);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[field]).toBe(message);
  });

  it("the journal's period drops such a date", () => {
    expect(parseAuditQuery(new URLSearchParams("du=0000-01-01&au=9999-12-31"))).toMatchObject({
      du: undefined,
      au: undefined,
    });
  });
});
