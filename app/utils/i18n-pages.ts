import type { Locale } from "./i18n";

/**
 * The pages written in Bambara, by route id: what visitors and candidates read. Any other page
 * (employers, counsellors, admins, moderation) is shown in French to a person who chose Bambara.
 */
export const BAMBARA_ROUTES: ReadonlySet<string> = new Set([
  "root",
  "routes/home",
  "routes/offres._index",
  "routes/offres.$offerId",
  "routes/offres.$offerId.postuler",
  "routes/entreprises.$orgId",
  "routes/partenariats._index",
  "routes/partenariats.$programmeId",
  "routes/inscription",
  "routes/connexion",
  "routes/candidat._index",
  "routes/candidat.profil",
  "routes/candidat.candidatures",
  "routes/candidat.alertes",
  "routes/candidat.favoris",
  "routes/candidat.compte",
  "routes/confirmer-telephone",
  "routes/mot-de-passe-oublie",
  "routes/nouveau-mot-de-passe",
  "routes/confidentialite",
  "routes/not-found",
]);

// Only the names of the Bambara files: their texts stay in their own chunks.
const BAMBARA_NAMESPACES = new Set(
  Object.keys(import.meta.glob("../../locales/bm/*.json")).map((file) => file.replace(/^.*\/|\.json$/g, "")),
);

export type RouteMatch = { id: string; handle?: unknown };

/** The namespaces the matched routes declare in `handle.i18n`. */
export const routeNamespaces = (matches: RouteMatch[]) => [
  ...new Set(matches.flatMap((match) => (match.handle as { i18n?: string[] } | undefined)?.i18n ?? [])),
];

/**
 * The language a page is shown in: the one chosen, except that a page not (yet) in Bambara, or one
 * of whose namespaces has no Bambara file, is shown whole in French, and says so in `<html lang>`.
 */
export function pageLocale(chosen: Locale, matches: RouteMatch[]): Locale {
  if (chosen !== "bm") return chosen;
  const written =
    matches.every((match) => BAMBARA_ROUTES.has(match.id)) &&
    routeNamespaces(matches).every((ns) => BAMBARA_NAMESPACES.has(ns));
  return written ? "bm" : "fr";
}
