// The filters of a staff list (a GET form). A value that makes no sense is dropped,
// never an error page, and the page says which filters it left out.
import { z } from "zod";

/** Far beyond any real list; keeps a hand-typed page=1e308 an ordinary number. */
export const MAX_PAGE = 10_000;
export const pageParam = z.coerce.number().int().min(1).max(MAX_PAGE);

/** Whole days a queue item has waited at least: the age filter's choices. */
export const AGE_CHOICES = ["2", "7", "30"] as const;
export const ageParam = z.enum(AGE_CHOICES).transform(Number);

type Shape = Record<string, z.ZodType>;
export type ListQuery<S extends Shape> = { [K in keyof S]?: z.output<S[K]> };

/** Each key of `shape` read from the address; a value its schema refuses is left out and named in `ignored`. */
export function parseListQuery<S extends Shape>(shape: S, params: URLSearchParams) {
  const query: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === "") continue;
    const parsed = schema.safeParse(raw.trim());
    if (parsed.success) query[key] = parsed.data;
    else ignored.push(key);
  }
  return { query: query as ListQuery<S>, ignored };
}

/** The address of a list with these filters (empty ones left out) on this page (the first left out). */
export function listHref(path: string, filters: Record<string, string | number | boolean | undefined>, page = 1) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || value === false || key === "page") continue;
    params.set(key, value === true ? "1" : String(value));
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
