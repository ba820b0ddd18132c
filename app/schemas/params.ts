import { z } from "zod";

/**
 * A record's id as a URL (`/offres/12`, `?fin=12`) or a form (`notificationId`) writes it;
 * anything else (`12abc`, `-1`, `1e3`, `007`) is not an id.
 */
const ID = /^[1-9]\d{0,11}$/;

export const isId = (value: string) => ID.test(value);

export const idParamSchema = z.string().regex(ID).transform(Number);

/** The id, or null for a value that names nothing (the route answers 404 or 400). */
export function parseIdParam(value: unknown): number | null {
  const parsed = idParamSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A posted id field; a value that is not an id is refused with `error`, as an id that names nothing is. */
export const idField = (error: string) => z.string({ error }).trim().regex(ID, { error }).transform(Number);
