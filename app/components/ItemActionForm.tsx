import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Form } from "react-router";

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "name" | "value" | "children">;

/**
 * A form of one button that acts on one item of a list: it posts `itemId` under the name `field`,
 * and the button's `intent`. Its children come before the button (a warning, say).
 */
export function ItemActionForm({
  field,
  itemId,
  intent,
  label,
  formClassName,
  children,
  ...button
}: ButtonProps & {
  field: string;
  itemId: number;
  intent: string;
  label: ReactNode;
  formClassName?: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" className={formClassName}>
      {children}
      <input type="hidden" name={field} value={itemId} />
      <button type="submit" name="intent" value={intent} {...button}>
        {label}
      </button>
    </Form>
  );
}
