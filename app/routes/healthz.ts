import { getDb, migrationState } from "~/utils/db.server";
import type { Route } from "./+types/healthz";

export function loader(_: Route.LoaderArgs) {
  const headers = { "Cache-Control": "no-store" };
  try {
    const db = getDb();
    db.$client.prepare("SELECT 1").get();
    const { applied, expected } = migrationState(db);
    const ok = applied >= expected;
    return Response.json(
      { status: ok ? "ok" : "degraded", database: "reachable", migrations: { applied, expected } },
      { status: ok ? 200 : 503, headers },
    );
  } catch {
    return Response.json({ status: "down", database: "unreachable" }, { status: 503, headers });
  }
}
