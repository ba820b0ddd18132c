import type { ReactNode } from "react";

/** A section named by its heading, so that screen readers list it under that name. */
export function TitledSection({
  id,
  title,
  className,
  headingClassName = "text-xl font-semibold",
  children,
}: {
  id: string;
  title: ReactNode;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
