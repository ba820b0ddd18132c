import { useLoaderData } from "react-router";
import type { Route } from "../../routes/+types/admin.utilisateurs";

export type UsersPageData = Route.ComponentProps["loaderData"];
export type UserRow = UsersPageData["items"][number];

/** What the accounts page's loader sent, for the parts of the page that need it. */
export const useUsersPageData = () => useLoaderData<UsersPageData>();
