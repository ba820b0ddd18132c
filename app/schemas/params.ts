import { z } from "zod";

/** A numeric id in a URL (`/offres/12`); anything else (`12abc`, `-1`, `1e3`) is not an id. */
export const idParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);

/** The id, or null for a URL that names nothing (the route answers 404). */
export function parseIdParam(value: string | undefined): number | null {
  const parsed = idParamSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
