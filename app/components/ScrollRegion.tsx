import type { ReactNode } from "react";

/**
 * A wide table's scrolling box. It is focusable, with a name, so that a
 * keyboard user can scroll it sideways on a small screen.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard.
    <section className="overflow-x-auto" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
