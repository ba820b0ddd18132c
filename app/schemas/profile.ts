import { z } from "zod";
import { LANGUAGE_CODES, REGION_CODES, TRADE_CODES } from "~/utils/reference";
import { AVAILABILITIES, DISABILITIES, EDUCATION_LEVELS, MIGRANT_STATUSES } from "../../db/enums";
import { multilineText, optionalText, personName } from "./fields";
import { MAX_AGE, MAX_TRADES, MIN_AGE, profileFields, SKILLS_MAX } from "./profile-fields";

export { MAX_AGE, MAX_TRADES, MIN_AGE, SKILLS_MAX };

/** The checkbox groups of the profile form (posted once per ticked box). */
export const PROFILE_LISTS = ["trades", "languages"];

const { single, optionalChoice, codeList, checkbox, birthDate, experienceYears } = profileFields("candidate");

/**
 * The candidate's profile form. Anything the form does not have is refused (a
 * tampered or outdated form), and so is a field posted twice. Consent to data
 * processing is asked only when the person has not given it yet.
 */
export function profileSchema({ consentNeeded, today }: { consentNeeded: boolean; today: string }) {
  return z.strictObject(
    {
      intent: z.literal("profile.save").optional(),
      firstName: single(personName),
      lastName: single(personName),
      sex: optionalChoice(["f", "m"] as const),
      birthDate: birthDate(today),
      region: optionalChoice(REGION_CODES),
      commune: single(optionalText(80)).transform((v) => v ?? null),
      educationLevel: optionalChoice(EDUCATION_LEVELS),
      trades: codeList(TRADE_CODES, MAX_TRADES, "candidate:errors.tooManyTrades"),
      skills: single(multilineText(SKILLS_MAX)).transform((v) => v ?? null),
      languages: codeList(LANGUAGE_CODES, LANGUAGE_CODES.length, "validation.choose"),
      experienceYears,
      availability: optionalChoice(AVAILABILITIES),
      drivingLicence: checkbox,
      disability: optionalChoice(DISABILITIES),
      migrantStatus: optionalChoice(MIGRANT_STATUSES),
      consent: consentNeeded
        ? single(z.literal("on", { error: "candidate:errors.consentRequired" })).transform(() => true)
        : checkbox,
      smsConsent: checkbox,
    },
    { error: "candidate:errors.unknownField" },
  );
}

export type ProfileForm = z.output<ReturnType<typeof profileSchema>>;
