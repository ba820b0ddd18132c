// The forms of a partnership's staff page, read and carried out: each refusal
// comes back as the form's message, with what was typed, never as an error page.
import { partnershipActionSchema } from "~/schemas/partnerships";
import { isoToday } from "~/utils/dates";
import type { Db } from "~/utils/db.server";
import type { Flash } from "~/utils/flash.server";
import { type FieldErrors, type FormValues, formValues, parseForm } from "~/utils/forms";
import { CV_FORM_MAX_BYTES, readFormWithin } from "~/utils/upload.server";
import { transitionPartnership } from "./lifecycles/partnership.server";
import {
  addPartnershipDocument,
  addPartnershipNote,
  assignPartnership,
  removePartnershipDocument,
  reschedulePartnership,
} from "./partnership-work.server";

/** A refused form: which one (`intent`, and the move for the moves' forms), its messages and values. */
export type RefusedPartnershipForm = {
  intent: string;
  action?: string;
  fieldErrors: FieldErrors;
  values: FormValues;
  formError?: string;
};

type Outcome =
  | { ok: true; flash: Flash; anchor: string }
  | { ok: false; status: 400 | 404 | 413; refused: RefusedPartnershipForm };

export type StaffActor = { userId: number; role: "counsellor" | "admin"; ip?: string };

const E = "partnerships:errors";

/** Reasons the write paths give that belong to one field of the form rather than to the whole form. */
const FIELD_OF_REASON: Record<string, string> = {
  date_in_future: "happenedOn",
  date_before_request: "happenedOn",
  missing_reason: "declineReason",
  missing_note: "note",
  dueInPast: "nextStepDue",
  notCounsellor: "counsellorId",
  "cv.empty": "file",
  "cv.tooLarge": "file",
  "cv.notPdf": "file",
};

export async function runPartnershipPageAction(
  db: Db,
  request: Request,
  partnershipId: number,
  actor: StaffActor,
): Promise<Outcome> {
  const read = await readFormWithin(request, CV_FORM_MAX_BYTES);
  if (!read.ok) {
    const refused = { intent: "document.add", fieldErrors: { file: `${E}.cv.tooLarge` }, values: {} };
    return { ok: false, status: read.status, refused };
  }
  const formData = read.formData;
  const values = formValues(formData);
  const intent = String(formData.get("intent") ?? "");
  const refuse = (reason: string, status: 400 | 413 = 400): Outcome => {
    const field = FIELD_OF_REASON[reason];
    const message = `${E}.${reason}`;
    return {
      ok: false,
      status: reason === "notFound" ? 404 : status,
      refused: {
        intent,
        action: values.action,
        fieldErrors: field ? { [field]: message } : {},
        values,
        formError: field ? undefined : message,
      },
    };
  };
  const form = parseForm(partnershipActionSchema, formData);
  if (!form.ok) {
    const { form: whole, ...fieldErrors } = form.fieldErrors;
    // An unknown form or move (a stale page, a hand-made post) is the whole form's error.
    const formError =
      whole ?? (fieldErrors.intent ? `${E}.invalid` : fieldErrors.action ? `${E}.notAllowed` : undefined);
    return {
      ok: false,
      status: 400,
      refused: { intent, action: values.action, fieldErrors, values, formError: formError as string | undefined },
    };
  }
  const input = form.data;
  const by = { userId: actor.userId, ip: actor.ip };
  const today = isoToday();
  switch (input.intent) {
    case "move": {
      if (input.nextStepDue && input.nextStepDue < today) return refuse("dueInPast");
      const moved = db.transaction((tx) =>
        transitionPartnership(tx, {
          partnershipId,
          action: input.action,
          actor: { userId: actor.userId, roles: [actor.role] },
          happenedOn: input.happenedOn,
          note: input.note || null,
          declineReason: input.declineReason ?? null,
          nextStepDue: input.nextStepDue ?? null,
          ip: actor.ip,
        }),
      );
      if (!moved.ok) return refuse(moved.reason);
      const flash = { message: "partnerships:flash.moved", detail: `partnerships:status.${moved.to}` };
      return { ok: true, flash, anchor: "#steps" };
    }
    case "take":
    case "release":
    case "assign": {
      const to = input.intent === "take" ? actor.userId : input.intent === "release" ? null : input.counsellorId;
      const done = assignPartnership(db, partnershipId, to, by);
      if (!done.ok) return refuse(done.reason);
      const message = { take: "taken", release: "released", assign: "assigned" }[input.intent];
      return { ok: true, flash: { message: `partnerships:flash.${message}` }, anchor: "#counsellor" };
    }
    case "note": {
      const done = addPartnershipNote(db, partnershipId, input.note, by);
      if (!done.ok) return refuse(done.reason);
      return { ok: true, flash: { message: "partnerships:flash.noted" }, anchor: "#timeline" };
    }
    case "reschedule": {
      if (input.nextStepDue < today) return refuse("dueInPast");
      const done = reschedulePartnership(db, partnershipId, input.nextStepDue, by);
      if (!done.ok) return refuse(done.reason);
      return { ok: true, flash: { message: "partnerships:flash.rescheduled" }, anchor: "#next-step" };
    }
    case "document.add": {
      const file = formData.get("file");
      if (!(file instanceof File) || file.size === 0) return refuse("cv.empty");
      const upload = { label: input.label, name: file.name, bytes: Buffer.from(await file.arrayBuffer()) };
      const done = addPartnershipDocument(db, partnershipId, upload, by);
      if (!done.ok) return refuse(done.reason, done.reason === "cv.tooLarge" ? 413 : 400);
      return { ok: true, flash: { message: "partnerships:flash.documentAdded" }, anchor: "#documents" };
    }
    case "document.remove": {
      const done = removePartnershipDocument(db, partnershipId, input.documentId, by);
      if (!done.ok) return refuse(done.reason);
      return { ok: true, flash: { message: "partnerships:flash.documentRemoved" }, anchor: "#documents" };
    }
  }
}
