import { useState } from "react";
import { Form } from "react-router";
import { TextField } from "~/components/Field";
import { useFormat } from "~/utils/format";
import type { FieldError } from "~/utils/forms";
import { useBusy } from "~/utils/navigation";
import { useTranslation } from "~/utils/translation";

type Cv = { id: number; name: string; size: number; createdAt: Date };

/** `245 Ko` / `1,2 Mo` (KB / MB in English). */
export function useFileSize() {
  const { t } = useTranslation("candidate");
  const format = useFormat();
  return (bytes: number) =>
    bytes < 1024 * 1024
      ? t("cv.sizeKb", { size: format.number(Math.max(1, Math.round(bytes / 1024))) })
      : t("cv.sizeMb", { size: format.number(Math.round((bytes / (1024 * 1024)) * 10) / 10) });
}

/**
 * The optional CV: the current one (download, remove) and the upload form, a
 * multipart POST that works without JavaScript.
 */
export function CvSection({ cv, error, maxBytes }: { cv: Cv | null; error?: FieldError; maxBytes: number }) {
  const { t } = useTranslation("candidate");
  const format = useFormat();
  const size = useFileSize();
  const busy = useBusy();
  const [tooLarge, setTooLarge] = useState(false);
  return (
    <section id="cv" aria-labelledby="cv-title" className="card space-y-4">
      <h2 id="cv-title" className="text-xl font-semibold">
        {t("cv.title")}
      </h2>
      <p>{t("cv.noCvNeeded")}</p>
      {cv ? (
        <div className="space-y-2">
          <p>
            <span className="font-medium">{t("cv.current")}</span> <span className="break-all">{cv.name}</span> ·{" "}
            {size(cv.size)} · {t("cv.uploadedOn", { date: format.date(cv.createdAt, "medium") })}
          </p>
          <div className="flex flex-wrap gap-3">
            {/* A plain link: the file is a download, not a page of the app. */}
            <a href={`/fichiers/${cv.id}`} className="btn-secondary">
              {t("cv.download")}
            </a>
            <Form method="post">
              <input type="hidden" name="intent" value="cv.remove" />
              <button type="submit" className="btn-secondary">
                {t("cv.remove")}
              </button>
            </Form>
          </div>
          <p className="text-sm text-stone-600">{t("cv.removeHint")}</p>
        </div>
      ) : (
        <p>{t("cv.none")}</p>
      )}
      <Form
        method="post"
        encType="multipart/form-data"
        className="space-y-3"
        onSubmit={(event) => {
          // The server refuses a larger body unread: with JavaScript, say so before sending it.
          const input = event.currentTarget.elements.namedItem("cv");
          const over = input instanceof HTMLInputElement && (input.files?.[0]?.size ?? 0) > maxBytes;
          setTooLarge(over);
          if (over) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="cv.upload" />
        <TextField
          label={t(cv ? "cv.replaceFile" : "cv.file")}
          hint={t("cv.fileHint", { max: size(maxBytes) })}
          name="cv"
          type="file"
          accept="application/pdf,.pdf"
          error={tooLarge ? "candidate:errors.cv.tooLarge" : error}
        />
        <button type="submit" className="btn" disabled={busy}>
          {t(cv ? "cv.replace" : "cv.upload")}
        </button>
      </Form>
    </section>
  );
}
