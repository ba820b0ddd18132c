// What the apply form shows a candidate: their profile as the employer will see it,
// their CV, and what their profile still lacks.
import type { Db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { ageBand } from "./applications.server";
import { fileIdsOfOwner } from "./files.server";
import { getOwnProfile, profileCompleteness } from "./profiles.server";

export function applyFormFor(db: Db, user: SessionUser) {
  const profile = getOwnProfile(db, user.id);
  const cvFile = profile?.cvFileId ? fileIdsOfOwner(db, user.id).find((f) => f.id === profile.cvFileId) : undefined;
  // Built from the same fields the employer's page reads: never migrant status, disability or birth date.
  const preview = {
    name: profile ? `${profile.firstName} ${profile.lastName}` : user.displayName,
    phone: user.phone,
    email: user.email,
    region: profile?.region ?? null,
    commune: profile?.commune ?? null,
    educationLevel: profile?.educationLevel ?? null,
    trades: profile?.trades ?? [],
    skills: profile?.skills ?? null,
    languages: profile?.languages ?? [],
    experienceYears: profile?.experienceYears ?? null,
    ageBand: ageBand(profile?.birthDate ?? null),
  };
  return {
    preview,
    cv: cvFile ? { id: cvFile.id, name: cvFile.name } : null,
    missingCount: profileCompleteness(profile).missing.length,
  };
}
