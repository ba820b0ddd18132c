// The world of the authorisation matrix: nine kinds of caller, each owning
// their own offers, applications and files, and a way to call any route
// module's loader or action as that caller and read the outcome as a status.
import { eq } from "drizzle-orm";
import { applyToOffer, withdrawApplication } from "../../app/models/applications.server";
import { storeCv } from "../../app/models/files.server";
import type { Db } from "../../app/utils/db.server";
import { memberships, organisations } from "../../db/schema";
import {
  insertApplicationWith,
  insertCandidate,
  insertCounsellor,
  insertFraudReport,
  insertOffer,
  insertPlacement,
  insertUser,
  pdfBytes,
  registerCandidate,
  registerEmployer,
  requestWithCookie,
  sessionCookieFor,
} from "./factories";

export const CALLERS = [
  "visitor",
  "candidat",
  "otherCandidat",
  "employeur",
  "otherEmployeur",
  "suspendedEmployeur",
  "withdrawnEmployeur",
  "conseiller",
  "admin",
] as const;
export type Caller = (typeof CALLERS)[number];

/** The ids a caller puts in the URLs (`:orgId`, `:offerId`, `:applicationId`, `:fileId`). */
export type OwnIds = { orgId: number; offerId: number; applicationId: number; fileId: number };

export type AuthzWorld = {
  userIds: Record<Exclude<Caller, "visitor">, number>;
  /** Resources of candidate A and employer A: the ids put in the URLs. */
  orgA: number;
  offerA: number;
  applicationA: number;
  cvA: number;
  /** Resources of the others, so that they are owners too (never in URLs). */
  orgB: number;
  offerB: number;
  applicationB: number;
  cvB: number;
  /**
   * A member of a suspended organisation and the employer of a withdrawn
   * application put their own organisation's ids in the URLs: the question is
   * what they still reach of their own applicants.
   */
  ownIds: Record<"suspendedEmployeur" | "withdrawnEmployeur", OwnIds>;
  /** The contact details of the withdrawn application's candidate (never shown to its employer). */
  withdrawnContact: { phone: string; email: string };
};

function orgOf(db: Db, userId: number) {
  const row = db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId)).get();
  if (!row) throw new Error("employer without an organisation");
  // Verified, so that nothing is refused for a pending organisation.
  db.update(organisations).set({ verificationStatus: "verified" }).where(eq(organisations.id, row.orgId)).run();
  return row.orgId;
}

export async function buildAuthzWorld(db: Db): Promise<AuthzWorld> {
  const candA = await registerCandidate(db, { phone: "70 11 22 33", firstName: "Awa", lastName: "Diarra" });
  const candB = await registerCandidate(db, { phone: "70 11 22 34", firstName: "Oumar", lastName: "Cissé" });
  const empA = await registerEmployer(db, { email: "a@atelier.ml", orgName: "Atelier Sanogo" });
  const empB = await registerEmployer(db, { email: "b@garage.ml", orgName: "Garage Keïta" });
  const counsellor = insertCounsellor(db, "OIM Mali");
  const admin = await insertUser(db, { role: "admin", email: "admin@baara.ml" });

  const orgA = orgOf(db, empA.id);
  const orgB = orgOf(db, empB.id);
  const offerA = insertOffer(db, { orgId: orgA, title: "Menuisier" }).id;
  const offerB = insertOffer(db, { orgId: orgB, title: "Mécanicien" }).id;

  const cv = (owner: number) => {
    const stored = storeCv(db, owner, { name: "cv.pdf", bytes: pdfBytes() });
    if (!stored.ok) throw new Error(stored.error);
    return stored.fileId;
  };
  const cvA = cv(candA.id);
  const cvB = cv(candB.id);
  const applicationA = insertApplicationWith(db, { offerId: offerA, candidateId: candA.id, cvFileId: cvA }).id;
  const applicationB = insertApplicationWith(db, { offerId: offerB, candidateId: candB.id, cvFileId: cvB }).id;
  insertPlacement(db, { candidateId: candA.id, orgId: orgA });
  insertFraudReport(db, offerA);

  // An organisation with one applicant (and her CV), then suspended by a counsellor.
  const empS = await registerEmployer(db, { email: "s@boutique.ml", orgName: "Boutique Suspendue" });
  const suspended = await ownApplication(db, orgOf(db, empS.id), "Vendeuse");
  db.update(organisations)
    .set({ verificationStatus: "suspended", verificationReason: "Frais demandés" })
    .where(eq(organisations.id, suspended.orgId))
    .run();
  // An organisation whose only applicant withdrew.
  const empW = await registerEmployer(db, { email: "w@menuiserie.ml", orgName: "Menuiserie Retirée" });
  const withdrawn = await ownApplication(db, orgOf(db, empW.id), "Apprenti menuisier");
  withdrawApplication(db, withdrawn.candidateId, withdrawn.applicationId);

  return {
    userIds: {
      candidat: candA.id,
      otherCandidat: candB.id,
      employeur: empA.id,
      otherEmployeur: empB.id,
      suspendedEmployeur: empS.id,
      withdrawnEmployeur: empW.id,
      conseiller: counsellor.id,
      admin: admin.id,
    },
    orgA,
    offerA,
    applicationA,
    cvA,
    orgB,
    offerB,
    applicationB,
    cvB,
    ownIds: { suspendedEmployeur: suspended, withdrawnEmployeur: withdrawn },
    withdrawnContact: { phone: withdrawn.phone, email: withdrawn.email },
  };
}

let applicantSeq = 0;

/** An offer of this organisation and a candidate who applied to it with her CV. */
async function ownApplication(db: Db, orgId: number, title: string) {
  applicantSeq++;
  const phone = `+2236600000${applicantSeq}`;
  const email = `candidate${applicantSeq}@authz.ml`;
  const candidate = await insertCandidate(db, { phone, email });
  const offerId = insertOffer(db, { orgId, title }).id;
  const stored = storeCv(db, candidate.id, { name: "cv.pdf", bytes: pdfBytes() });
  if (!stored.ok) throw new Error(stored.error);
  const applied = applyToOffer(db, { candidateId: candidate.id, offerId, cvFileId: stored.fileId });
  if (!applied.ok) throw new Error(applied.reason);
  return {
    orgId,
    offerId,
    applicationId: applied.applicationId,
    fileId: stored.fileId,
    candidateId: candidate.id,
    phone,
    email,
  };
}

/** `:name` segments of a route path replaced by the owners' ids. */
export function fillPath(path: string, params: Record<string, string>) {
  return (
    "/" +
    path
      .replace(/:(\w+)/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`no value for :${name} in ${path}`);
        return value;
      })
      .replace(/^\*$/, params["*"] ?? "*")
  );
}

/**
 * What the server would answer, as a status: a Response (returned or thrown)
 * gives its status, React Router's data() its init.status (200 when unset),
 * anything else returned 200. Any other thrown error is a 500.
 */
export function statusOf(outcome: { value?: unknown; error?: unknown; threw: boolean }): number {
  const value = outcome.threw ? outcome.error : outcome.value;
  if (value instanceof Response) return value.status;
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    return (value as { init?: ResponseInit | null }).init?.status ?? 200;
  }
  return outcome.threw ? 500 : 200;
}

type Handler = (args: never) => unknown;
let ipSeq = 0;

/** Calls a loader (GET) or an action (POST, with an empty form unless given) as this caller; gives the status. */
export async function callAs(
  db: Db,
  world: AuthzWorld,
  caller: Caller,
  handler: Handler,
  method: "GET" | "POST",
  url: string,
  params: Record<string, string>,
  form = new URLSearchParams(),
): Promise<number> {
  // A fresh session for each call: a POST to /deconnexion must not log the next test out.
  const cookie = caller === "visitor" ? undefined : await sessionCookieFor(db, world.userIds[caller]);
  const init: RequestInit =
    method === "POST"
      ? {
          method,
          body: form,
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
        }
      : {};
  const request = requestWithCookie(`http://localhost${url}`, cookie, init);
  ipSeq++;
  const context = { clientIp: `10.66.${Math.floor(ipSeq / 250)}.${ipSeq % 250}` };
  try {
    const value = await handler({ request, params, context } as never);
    return statusOf({ value, threw: false });
  } catch (error) {
    return statusOf({ error, threw: true });
  }
}
