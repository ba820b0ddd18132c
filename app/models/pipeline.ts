// The application pipeline as data: which moves exist,
// who may make them. Shared by the model (which enforces it) and the pages
// (which offer only the moves that exist).
import { OPEN_APPLICATION_STATUSES } from "../../db/enums";
import type { ApplicationStatus } from "../../db/schema";

export const PIPELINE_ORDER: ApplicationStatus[] = [...OPEN_APPLICATION_STATUSES, "hired"];
export const FINAL_STATUSES: ApplicationStatus[] = ["hired", "rejected", "withdrawn"];

/** An application still `submitted` after more than this many days is shown as waiting for an answer. */
export const WAITING_DAYS = 14;

export type EmployerMove = "shortlisted" | "interview" | "offered" | "hired" | "rejected";

export const isOpen = (status: ApplicationStatus) => (OPEN_APPLICATION_STATUSES as readonly ApplicationStatus[]).includes(status);

/**
 * The moves an employer may make from a status: forward along the pipeline
 * (steps may be skipped: a workshop may hire straight after meeting someone),
 * or reject, from any open status. Hiring needs at least an interview or an
 * offer first, so nobody is hired unseen. Nothing moves from a final status.
 */
export function employerMoves(from: ApplicationStatus): EmployerMove[] {
  if (!isOpen(from)) return [];
  const position = PIPELINE_ORDER.indexOf(from);
  const forward = PIPELINE_ORDER.slice(position + 1).filter(
    (to): to is EmployerMove => to !== "hired" || from === "interview" || from === "offered",
  );
  return [...forward, "rejected"];
}

export const canWithdraw = (from: ApplicationStatus) => isOpen(from);
