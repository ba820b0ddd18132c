import { useEffect, useState } from "react";
import { useTranslation } from "~/utils/translation";

/** The links that send a message (an offer's title and address) by WhatsApp and by SMS. */
export function shareLinks(message: string) {
  const text = encodeURIComponent(message);
  return { whatsapp: `https://wa.me/?text=${text}`, sms: `sms:?&body=${text}` };
}

const LINK = "btn-secondary px-3 text-sm";

/**
 * WhatsApp and SMS as plain links, and the address in a read-only field to copy by hand. With
 * scripts, the field selects itself when touched and a button copies it.
 */
export function ShareOffer({ title, url }: { title: string; url: string }) {
  const { t } = useTranslation("saved");
  const links = shareLinks(t("share.message", { title, url, interpolation: { escapeValue: false } }));
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <section aria-labelledby="share-offer" className="space-y-3">
      <h2 id="share-offer" className="text-lg font-semibold">
        {t("share.heading")}
      </h2>
      <p className="flex flex-wrap gap-2">
        <a href={links.whatsapp} className={LINK} target="_blank" rel="noopener noreferrer">
          {t("share.whatsapp")}
        </a>
        <a href={links.sms} className={LINK}>
          {t("share.sms")}
        </a>
      </p>
      <div>
        <label htmlFor="share-url" className="block text-sm font-medium">
          {t("share.link")}
        </label>
        <div className="flex gap-2">
          <input
            id="share-url"
            type="url"
            readOnly
            value={url}
            className="field min-h-11 min-w-0 flex-1"
            aria-describedby="share-url-hint"
            onFocus={(event) => event.currentTarget.select()}
            onClick={(event) => event.currentTarget.select()}
          />
          {canCopy ? (
            <button
              type="button"
              className={`${LINK} mt-1`}
              onClick={() =>
                navigator.clipboard.writeText(url).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {t("share.copy")}
            </button>
          ) : null}
        </div>
        <p id="share-url-hint" className="mt-1 text-sm text-stone-600" role={copied ? "status" : undefined}>
          {copied ? t("share.copied") : t("share.linkHint")}
        </p>
      </div>
    </section>
  );
}
