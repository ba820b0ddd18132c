import type { ReactNode } from "react";
import type { Route } from "../../routes/+types/conseiller.candidats.$userId";

/** The candidate's file as the page's loader reads it. */
export type CandidateFile = Route.ComponentProps["loaderData"]["file"];

/** One card of the file; the badge marks what is sensitive. */
export function Section({
  id,
  title,
  badge,
  children,
}: {
  id: string;
  title: string;
  badge?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card space-y-3">
      <h2 id={id} className="flex flex-wrap items-center gap-2 text-xl font-semibold">
        {title}
        {badge ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">{badge}</span>
        ) : null}
      </h2>
      {children}
    </section>
  );
}

/** A label and its value in one of the file's lists. */
export function Pair({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="sm:flex sm:gap-2">
      <dt className="font-medium text-stone-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
