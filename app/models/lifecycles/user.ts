// The account's lifecycle: active, disabled by an admin, or deleted (an empty
// tombstone). There is no status column: the status is read from
// users.disabledAt and users.deletedAt, which user.server.ts beside it is the
// only code to set. The admin's page asks it which buttons to show.
import { type LifecycleRole, lifecycle, movesFrom } from "./lifecycle";

export const USER_STATUSES = ["active", "disabled", "deleted"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const userLifecycle = lifecycle({
  entity: "user",
  statuses: USER_STATUSES,
  moves: [
    // An admin shuts an account out (setDisabled), never their own nor the last active admin's.
    {
      action: "disable",
      from: ["active"],
      to: "disabled",
      by: ["admin"],
      guard: "notYourselfNorLastAdmin",
      audit: "admin.user_disabled",
    },
    {
      action: "enable",
      from: ["disabled"],
      to: "active",
      by: ["admin"],
      guard: "notOnYourself",
      audit: "admin.user_enabled",
    },
    // The person themselves (with their password: deleteOwnAccount), an admin, or the chore that
    // deletes candidates silent for 24 months (anonymiseAccount).
    {
      action: "delete",
      from: ["active", "disabled"],
      to: "deleted",
      by: ["owner", "admin", "system"],
      audit: "account.deleted",
    },
  ],
});

export type UserAction = (typeof userLifecycle.moves)[number]["action"];

/** The status an account is in, read from its columns. */
export const userStatus = (user: { disabledAt: Date | null; deletedAt: Date | null }): UserStatus =>
  user.deletedAt ? "deleted" : user.disabledAt ? "disabled" : "active";

/** The moves a role may make on an account in this status, in the table's order. */
export const userActionsFor = (status: UserStatus, role: LifecycleRole) =>
  movesFrom(userLifecycle, status, role).map((move) => move.action);
