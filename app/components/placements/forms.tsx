// What the placements page's forms share: which form an error belongs to, and its banner.

import { useErrorText } from "~/components/Field";
import { Notice } from "~/components/Notice";
import type { FieldErrors } from "~/utils/forms";
import type { Route } from "../../routes/+types/conseiller.placements";

export type LoaderData = Route.ComponentProps["loaderData"];
type ActionData = Route.ComponentProps["actionData"];

/** The errors of the form that was sent, if it was this one. */
export function errorsFor(actionData: ActionData, intent: string, idField?: string, id?: number) {
  const values = actionData?.values;
  if (values?.intent !== intent) return undefined;
  if (idField && values[idField] !== String(id)) return undefined;
  return actionData!.fieldErrors;
}

/** The message about the whole form (not found, already recorded, …), if any. */
export function FormAlert({ errors }: { errors?: FieldErrors }) {
  const errorText = useErrorText();
  const error = errors?.form ?? errors?.followupId ?? errors?.placementId;
  return error ? (
    <Notice tone="error" compact>
      {errorText(error)}
    </Notice>
  ) : null;
}

export type Section = { data: LoaderData; actionData: ActionData };
