import { z } from "zod";
import { optionalPhone, smsCode } from "./fields";

/** /confirmer-telephone: the code received by SMS. */
export const confirmPhoneSchema = z.object({ code: smsCode("phone:errors.codeFormat") });

/** A new number to confirm (a correction after sign-up, a change on the account page). */
export const newPhoneSchema = z.object({
  phone: optionalPhone.refine((phone) => phone !== undefined, { error: "validation.required" }),
});
