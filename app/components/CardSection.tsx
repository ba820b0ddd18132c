import type { ReactNode } from "react";
import { TitledSection } from "~/components/TitledSection";

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
    <TitledSection
      id={id}
      title={title}
      className={`card ${className}${danger ? " border-red-300" : ""}`}
      headingClassName={`text-xl font-semibold${danger ? " text-red-800" : ""}`}
    >
      {intro ? <p className="text-stone-700">{intro}</p> : null}
      {children}
    </TitledSection>
  );
}
