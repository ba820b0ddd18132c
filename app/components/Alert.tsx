import type { ReactNode } from "react";

/** A small form's refusal as a whole (not found, already recorded, …), read out at once. */
export function Alert({ children }: { children: ReactNode }) {
  return <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-2 text-sm font-semibold text-red-800">{children}</p>;
}
