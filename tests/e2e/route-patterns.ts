// The portal's route patterns, read from app/routes.ts, and which of them a URL lands on.
import fs from "node:fs";
import path from "node:path";

/** Every pattern of app/routes.ts, as written there ("offres/:offerId", "*"), the index as "". */
export function routePatterns(file = path.resolve("app/routes.ts")): string[] {
  const source = fs.readFileSync(file, "utf8");
  const patterns = [...source.matchAll(/\broute\(\s*["'`]([^"'`]*)["'`]/g)].map((match) => match[1]!);
  return [...(/\bindex\(/.test(source) ? [""] : []), ...patterns];
}

/** Each pattern's route id, as React Router names it from its file ("offres/:offerId" → "routes/offres.$offerId"). */
export function routeIds(file = path.resolve("app/routes.ts")): Map<string, string> {
  const source = fs.readFileSync(file, "utf8");
  const id = (module: string) => module.replace(/\.tsx?$/, "");
  const ids = new Map(
    [...source.matchAll(/\broute\(\s*["'`]([^"'`]*)["'`],\s*["'`]([^"'`]+)["'`]/g)].map((m) => [m[1]!, id(m[2]!)]),
  );
  const index = /\bindex\(\s*["'`]([^"'`]+)["'`]/.exec(source);
  if (index) ids.set("", id(index[1]!));
  return ids;
}

/** A pattern as a path, for messages and the coverage table: "/offres/:offerId", "/", "*". */
export const shown = (pattern: string) => (pattern === "*" ? "*" : `/${pattern}`);

const segmentsOf = (pathname: string) => pathname.split("/").filter(Boolean);

function matches(pattern: string, segments: string[]): boolean {
  const parts = segmentsOf(pattern);
  return parts.length === segments.length && parts.every((part, i) => part.startsWith(":") || part === segments[i]);
}

/**
 * The pattern React Router would choose for `pathname`: the one with the most fixed segments
 * ("employeur/offres/nouvelle" before "employeur/offres/:offerId"), else the catch-all "*".
 */
export function patternOf(pathname: string, patterns: string[]): string | undefined {
  let segments: string[];
  try {
    segments = segmentsOf(pathname).map(decodeURIComponent);
  } catch {
    return patterns.includes("*") ? "*" : undefined;
  }
  const fixed = (pattern: string) => segmentsOf(pattern).filter((part) => !part.startsWith(":")).length;
  const best = patterns
    .filter((pattern) => pattern !== "*" && matches(pattern, segments))
    .sort((a, b) => fixed(b) - fixed(a))[0];
  return best ?? (patterns.includes("*") ? "*" : undefined);
}
