import { redirect } from "react-router";
import { getDb } from "~/utils/db.server";
import { destroySession } from "~/utils/session.server";
import type { Route } from "./+types/deconnexion";

// Logging out is a POST (a link or a prefetch must not log anyone out).
export async function action({ request }: Route.ActionArgs) {
  return destroySession(getDb(), request, "/");
}

export function loader() {
  return redirect("/");
}
