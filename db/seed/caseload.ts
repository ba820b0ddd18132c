// `--caseload N`: the demo counsellor follows N people, about four in ten of them
// placed over the last eight months, so that their follow-ups fall due every week:
// the counsellor's lists can be tried at the size of a real caseload.
import type { Contract, OfferType } from "../schema";
import type { Candidate, Ctx, Staff } from "./context";
import { OUTSIDE_EMPLOYERS } from "./names";
import { payFor } from "./offers";
import { insertPlacement } from "./placements";
import { DAY, HOUR, isoDate } from "./random";

const PLACED_SHARE = 0.4;

/** Gives the demo counsellor the first `size` candidates (by registration), and work to some of them. */
export function createCaseload(ctx: Ctx, staff: Staff, candidates: Candidate[], size: number) {
  const { rng, now, sql } = ctx;
  const counsellorId = staff.demoCounsellorId;
  const caseload = candidates.slice(0, size);
  const assign = sql.prepare("UPDATE candidate_profiles SET counsellor_id = ? WHERE user_id = ?");
  const placed = sql.prepare("SELECT 1 FROM placements WHERE candidate_id = ? AND ended_at IS NULL");
  let placements = 0;
  for (const candidate of caseload) {
    assign.run(counsellorId, candidate.id);
    candidate.counsellorId = counsellorId;
    if (placed.get(candidate.id) || !rng.chance(PLACED_SHARE)) continue;
    const start = Math.max(candidate.createdAt + DAY, now - rng.next() * 240 * DAY);
    const type = rng.weighted<OfferType>({ emploi: 70, apprentissage: 20, stage: 5, formation: 5 });
    const contract: Contract =
      type === "emploi" ? rng.weighted({ cdi: 20, cdd: 30, journalier: 35, saisonnier: 15 }) : type;
    insertPlacement(ctx, {
      candidateId: candidate.id,
      orgId: null,
      employerName: rng.pick(OUTSIDE_EMPLOYERS),
      offerId: null,
      applicationId: null,
      type,
      contract,
      startDate: isoDate(start),
      payAmount: payFor(ctx, contract, rng.int(0, 2)).amount,
      recordedBy: counsellorId,
      createdAt: Math.min(start + HOUR, now - HOUR),
      counsellorId,
    });
    placements++;
  }
  return { people: caseload.length, placements };
}
