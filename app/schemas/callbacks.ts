// The call-back list's address (which tab, which page) and its one-button forms.
import { z } from "zod";
import type { CallbackStatus } from "~/models/callback-requests.server";
import { pageParam, parseListQuery } from "./list-query";
import { idField } from "./params";

/** Each tab's word in the address, and the requests it lists. */
export const CALLBACK_TABS = { ouvertes: "open", miennes: "mine", faites: "done" } as const satisfies Record<
  string,
  CallbackStatus
>;
export type CallbackTab = keyof typeof CALLBACK_TABS;

export function parseCallbacksQuery(params: URLSearchParams) {
  const asked = params.get("vue");
  const tab = (Object.keys(CALLBACK_TABS) as CallbackTab[]).find((t) => t === asked) ?? "ouvertes";
  const { query, ignored } = parseListQuery({ page: pageParam }, params);
  if (asked && asked !== tab) ignored.push("vue");
  return { tab, page: query.page, ignored };
}

export const callbackActionSchema = z.object({
  intent: z.enum(["take", "complete", "release"], { error: "callbacks:errors.invalid" }),
  callbackId: idField("callbacks:errors.invalid"),
});
export type CallbackAction = z.output<typeof callbackActionSchema>;
