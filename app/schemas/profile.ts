import { z } from "zod";
import { MAX_AGE, MAX_TRADES, MIN_AGE, profileFields, SKILLS_MAX } from "./profile-fields";

export { MAX_AGE, MAX_TRADES, MIN_AGE, SKILLS_MAX };

/** The checkbox groups of the profile form (posted once per ticked box). */
export const PROFILE_LISTS = ["trades", "languages"];

const { single, optionalChoice, checkbox, sharedFields } = profileFields("candidate");

/**
 * The candidate's profile form. Anything the form does not have is refused (a
 * tampered or outdated form), and so is a field posted twice. Consent to data
 * processing is asked only when the person has not given it yet.
 */
export function profileSchema({ consentNeeded, today }: { consentNeeded: boolean; today: string }) {
  return z.strictObject(
    {
      intent: z.literal("profile.save").optional(),
      ...sharedFields(today),
      sex: optionalChoice(["f", "m"] as const),
      consent: consentNeeded
        ? single(z.literal("on", { error: "candidate:errors.consentRequired" })).transform(() => true)
        : checkbox,
      smsConsent: checkbox,
    },
    { error: "candidate:errors.unknownField" },
  );
}

export type ProfileForm = z.output<ReturnType<typeof profileSchema>>;
