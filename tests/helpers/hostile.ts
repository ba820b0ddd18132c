// Generators of hostile form data for the property tests (fast-check).
import fc from "fast-check";
import type { z } from "zod";

export const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

const FRAGMENTS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  "1; DELETE FROM offers",
  '" OR ""="',
  'NEAR(a b) OR * AND "',
  "%00",
  "\u0000",
  "\u0007\u001b[31m",
  "\r\n\t",
  "\u202e\u200b\ufeff",
  "😀👩🏾‍🔧🇲🇱",
  "Ɲ߷ߞ",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, typed as plain text.
  "${7*7}{{7*7}}",
  "../../etc/passwd",
  "-1",
  "0",
  "1e308",
  "NaN",
  "Infinity",
  "9007199254740993",
  "2026-02-30",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "on",
  "",
  " ",
];

/** One hostile value: huge, control characters, markup, SQL, emoji, numbers as text... */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("a", "é", "😀", "<", "'", "\u0001", "9"), fc.integer({ min: 10_000, max: 12_000 }))
        .map(([char, n]) => char.repeat(n)),
    },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join(" ")) },
  );
}

/**
 * Form entries (key, value): some of the real fields (each maybe repeated),
 * hostile values, and hostile extra keys (prototype keys, unknown names).
 * `intents` are real values of a discriminator so every branch gets reached.
 */
export function hostileForm(
  fields: string[],
  intents: string[],
  key = "intent",
): fc.Arbitrary<Array<[string, string]>> {
  const value = intents.length > 0 ? fc.oneof(hostileString(), fc.constantFrom(...intents)) : hostileString();
  // Each chosen field once, or repeated up to three times.
  const entriesFor = (name: string) =>
    fc.array(value, { minLength: 1, maxLength: 3 }).map((values) => values.map((v): [string, string] => [name, v]));
  const realEntries = fc.subarray(fields).chain((chosen) => fc.tuple(...chosen.map(entriesFor)));
  const intentEntry =
    intents.length > 0
      ? fc.option(
          fc.constantFrom(...intents).map((v) => [[key, v]] as Array<[string, string]>),
          { nil: [] },
        )
      : fc.constant([] as Array<[string, string]>);
  const extraKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 12 }), hostileString());
  const extraEntries = fc.array(fc.tuple(extraKey, hostileString()), { maxLength: 3 });
  return fc
    .tuple(intentEntry, realEntries, extraEntries)
    .map(([intent, real, extra]) => [...intent, ...real.flat(), ...extra]);
}

type AnySchema = z.ZodType;

/** The field names a schema knows (objects, discriminated unions, refined or piped objects). */
export function fieldNames(schema: AnySchema): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === "object") return Object.keys(def.shape as object);
  if (def.type === "union") return [...new Set((def.options as AnySchema[]).flatMap(fieldNames))];
  if (def.type === "pipe") return fieldNames(def.in as AnySchema);
  return [];
}

/** Real values the discriminators take, so that the generator reaches every branch. */
export function intents(schema: AnySchema): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === "pipe") return intents(def.in as AnySchema);
  if (def.type !== "union") return [];
  const key = discriminator(schema);
  return (def.options as AnySchema[]).flatMap((option) => {
    const shape = (option as unknown as { _zod: { def: { shape?: Record<string, AnySchema> } } })._zod.def.shape ?? {};
    const intent = shape[key] as unknown as { _zod: { def: { values?: unknown[] } } } | undefined;
    return (intent?._zod.def.values ?? []).filter((v): v is string => typeof v === "string");
  });
}

/** The field that picks the branch of a discriminated union ("intent", "accountType"). */
export function discriminator(schema: AnySchema): string {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === "pipe") return discriminator(def.in as AnySchema);
  return typeof def.discriminator === "string" ? def.discriminator : "intent";
}

type Fields = Record<string, string | string[]>;

/**
 * A valid form where some fields are dropped, repeated or given a hostile
 * value, plus hostile extra keys: it gets past the first checks and reaches
 * the model functions with almost-valid input.
 */
export function mutatedForm(valid: Fields): fc.Arbitrary<Array<[string, string]>> {
  const keys = Object.keys(valid);
  const change = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: "keep" as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: "drop" as const }) },
    { weight: 2, arbitrary: hostileString().map((value) => ({ kind: "replace" as const, value })) },
    { weight: 1, arbitrary: hostileString().map((value) => ({ kind: "repeat" as const, value })) },
  );
  const extraKey = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), hostileString());
  // Mostly one or two fields changed, so that the rest of the form stays valid.
  const changes = fc
    .tuple(
      fc.subarray(
        keys.map((_, i) => i),
        { maxLength: 2 },
      ),
      fc.tuple(...keys.map(() => change)),
      fc.boolean(),
    )
    .map(([picked, drawn, all]) => drawn.map((c, i) => (all || picked.includes(i) ? c : { kind: "keep" as const })));
  return fc.tuple(changes, fc.array(fc.tuple(extraKey, hostileString()), { maxLength: 2 })).map(([changes, extra]) => {
    const entries: Array<[string, string]> = [];
    keys.forEach((key, i) => {
      const original = valid[key]!;
      const values = Array.isArray(original) ? original : [original];
      const c = changes[i]!;
      if (c.kind === "drop") return;
      if (c.kind === "replace") entries.push([key, c.value]);
      else for (const v of values) entries.push([key, v]);
      if (c.kind === "repeat") entries.push([key, c.value]);
    });
    return [...entries, ...extra];
  });
}
