// Partnership documents on /conseiller/partenariats/:id (multipart forms, so in Node's own FormData):
// a PDF stored with its label, files refused (not a PDF, empty, too large, no label), removal, and who may
// download one through /fichiers/:fileId (the company's members and staff; another employer or a candidate:
// as if it did not exist).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getFileForViewer } from "../../app/models/files.server";
import { action } from "../../app/routes/conseiller.partenariats.$id";
import { bodyLimitFor, FORM_MAX_BYTES } from "../../app/server/body-limit";
import { getDb } from "../../app/utils/db.server";
import { CV_FORM_MAX_BYTES } from "../../app/utils/upload.server";
import { partnershipDocuments } from "../../db/schema";
import {
  insertCandidate,
  insertEmployer,
  insertPartnership,
  insertProgramme,
  pdfBytes,
  sessionCookieFor,
} from "../helpers/factories";
import { insertStaff } from "../helpers/factories/staff";
import { callRoute, statusOf } from "../helpers/route";

const ids = { counsellor: 0, other: 0, admin: 0, employer: 0, otherEmployer: 0, candidate: 0 };
let cookie = "";
let orgId = 0;
let programmeId = 0;

beforeAll(async () => {
  const db = getDb();
  const { user, org } = await insertEmployer(db, "verified", "Garage Sahel");
  ids.employer = user.id;
  ids.otherEmployer = (await insertEmployer(db, "verified", "Autre atelier")).user.id;
  ids.candidate = insertCandidate(db, { phone: "+22370998866" }).id;
  ids.counsellor = insertStaff(db).id;
  ids.other = insertStaff(db).id;
  ids.admin = insertStaff(db, { role: "admin" }).id;
  orgId = org.id;
  programmeId = insertProgramme(db).id;
  cookie = await sessionCookieFor(db, ids.counsellor);
});

const newPartnership = () => insertPartnership(getDb(), { orgId, programmeId }).id;

const post = (id: number, body: Record<string, string> | FormData) =>
  callRoute(action, `/conseiller/partenariats/${id}`, { cookie, params: { id: String(id) }, body });

type Refused = { data: { fieldErrors: Record<string, string>; values: Record<string, string> } };

async function upload(id: number, label: string, bytes: Buffer, name = "statuts.pdf") {
  const form = new FormData();
  form.set("intent", "document.add");
  form.set("label", label);
  form.set("file", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
  const result = await post(id, form);
  const document = getDb()
    .select()
    .from(partnershipDocuments)
    .where(eq(partnershipDocuments.partnershipId, id))
    .all()
    .at(-1);
  return { result, documentId: document?.id ?? 0, fileId: document?.fileId ?? 0 };
}

describe("documents", () => {
  it("stores a PDF with its label; the company's members and staff download it, nobody else", async () => {
    const id = newPartnership();
    const { result, fileId } = await upload(id, "Statuts de l'entreprise", pdfBytes(2048));
    expect(statusOf(result)).toBe(302);
    const db = getDb();
    expect(getFileForViewer(db, { id: ids.employer, role: "employeur" }, fileId)?.id).toBe(fileId);
    expect(getFileForViewer(db, { id: ids.other, role: "conseiller" }, fileId)?.id).toBe(fileId);
    expect(getFileForViewer(db, { id: ids.admin, role: "admin" }, fileId)?.id).toBe(fileId);
    expect(getFileForViewer(db, { id: ids.otherEmployer, role: "employeur" }, fileId)).toBeNull();
    expect(getFileForViewer(db, { id: ids.candidate, role: "candidat" }, fileId)).toBeNull();
  });

  it.each([
    ["not a PDF", Buffer.from("GIF89a not a pdf"), 400],
    ["empty", Buffer.alloc(0), 400],
    ["too big", pdfBytes(3 * 1024 * 1024 + 10), 413],
  ])("refuses a file that is %s", async (_, bytes, status) => {
    const id = newPartnership();
    const { result, documentId } = await upload(id, "Statuts", bytes);
    expect(statusOf(result)).toBe(status);
    expect((result as Refused).data.fieldErrors.file).toMatch(/^partnerships:errors\.cv\./);
    expect((result as Refused).data.values.label).toBe("Statuts");
    expect(documentId).toBe(0);
  });

  it("refuses a document without a label and removes one, its file going with it", async () => {
    const id = newPartnership();
    const unnamed = await upload(id, "  ", pdfBytes());
    expect(statusOf(unnamed.result)).toBe(400);
    const { documentId, fileId } = await upload(id, "Convention signée", pdfBytes());
    expect(statusOf(await post(id, { intent: "document.remove", documentId: String(documentId) }))).toBe(302);
    expect(getFileForViewer(getDb(), { id: ids.admin, role: "admin" }, fileId)).toBeNull();
  });
});

describe("the server's bound on the page's forms", () => {
  it("takes a CV's upload on a partnership's page, and no more than a form elsewhere in the list", () => {
    expect(bodyLimitFor("/conseiller/partenariats/12")).toBe(CV_FORM_MAX_BYTES);
    expect(bodyLimitFor("/conseiller/partenariats/12.data")).toBe(CV_FORM_MAX_BYTES);
    expect(bodyLimitFor("/conseiller/partenariats")).toBe(FORM_MAX_BYTES);
    expect(bodyLimitFor("/conseiller/partenariats/12/convention")).toBe(FORM_MAX_BYTES);
  });
});
