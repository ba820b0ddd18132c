import type { ReactNode } from "react";

/** A card that is a region of its page: a heading names it, an optional introduction follows. */
export function CardSection({
  id,
  title,
  intro,
  className = "space-y-4",
  danger = false,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  className?: string;
  /** For what cannot be undone: a red border and heading. */
  danger?: boolean;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={`card ${className}${danger ? " border-red-300" : ""}`}>
      <h2 id={id} className={`text-xl font-semibold${danger ? " text-red-800" : ""}`}>
        {title}
      </h2>
      {intro ? <p className="text-stone-700">{intro}</p> : null}
      {children}
    </section>
  );
}
