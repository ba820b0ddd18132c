import { displayPhone } from "~/utils/phone";

/**
 * A person's phone number, for those allowed to see it: a link that calls it and
 * a WhatsApp link, each at least 44 px tall for a finger. A number that cannot be
 * called is shown as typed, without links.
 */
export function PhoneNumber({ phone }: { phone: string }) {
  const { text, links } = displayPhone(phone);
  if (!links) return <span className="break-words">{text}</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-4">
      <a href={links.tel} className="inline-flex min-h-11 items-center whitespace-nowrap tabular-nums">
        {text}
      </a>
      <a
        href={links.whatsapp}
        aria-label={`WhatsApp ${text}`}
        rel="noreferrer"
        className="inline-flex min-h-11 items-center"
      >
        WhatsApp
      </a>
    </span>
  );
}
