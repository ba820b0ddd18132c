import { z } from "zod";

/**
 * A numeric id in a URL (`/offres/12`, `?fin=12`) or a posted button (`notificationId`);
 * anything else (`12abc`, `-1`, `1e3`, `007`) is not an id.
 */
export const idParamSchema = z
  .string()
  .regex(/^[1-9]\d{0,14}$/)
  .transform(Number);

/** The id, or null for a value that names nothing (the route answers 404 or 400). */
export function parseIdParam(value: unknown): number | null {
  const parsed = idParamSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
