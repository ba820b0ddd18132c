import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Form } from "react-router";

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "name" | "value">;

/**
 * A form of one button that acts on one item of a list: it posts the item's `fields`
 * (its id) and the button's `intent`. The button's text is the children; an `intro`
 * (a warning, say) comes before it.
 */
export function ItemActionForm({
  fields,
  intent,
  formClassName,
  intro,
  children,
  ...button
}: ButtonProps & {
  fields: Record<string, number>;
  intent: string;
  formClassName?: string;
  intro?: ReactNode;
}) {
  return (
    <Form method="post" className={formClassName}>
      {intro}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value={intent} {...button}>
        {children}
      </button>
    </Form>
  );
}
