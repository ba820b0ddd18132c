// A convention's terms in force are its latest version (`conventions.currentVersion`): joined the same way by
// every query that reads what a convention says today (an amendment adds a version, never rewrites one).
import { and, eq } from "drizzle-orm";
import { conventions, conventionVersions } from "../../db/schema";

/** Join condition of `conventionVersions` to the version in force of `conventions`. */
export const versionInForce = and(
  eq(conventionVersions.conventionId, conventions.id),
  eq(conventionVersions.version, conventions.currentVersion),
)!;
