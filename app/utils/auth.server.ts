import { data, redirect } from "react-router";
import type { Role } from "../../db/schema";
import { getDb } from "./db.server";
import { getSessionUser, type SessionUser } from "./session.server";

/** Where each role lands after logging in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  candidat: "/candidat",
  employeur: "/employeur",
  conseiller: "/conseiller",
  admin: "/admin",
};

export function getUser(request: Request) {
  return getSessionUser(getDb(), request);
}

/** The logged-in user, or a redirect to the login page that comes back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/connexion?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

/** The logged-in user if they have one of these roles; a 403 page otherwise. */
export async function requireRole<R extends Role>(request: Request, ...roles: R[]): Promise<SessionUser & { role: R }> {
  const user = await requireUser(request);
  if (!(roles as Role[]).includes(user.role)) {
    throw data({ reason: "forbidden" }, { status: 403 });
  }
  return user as SessionUser & { role: R };
}

/** Pages for visitors only (login, registration) send a logged-in user to their space. */
export async function requireAnonymous(request: Request) {
  const user = await getUser(request);
  if (user) throw redirect(HOME_BY_ROLE[user.role]);
}
