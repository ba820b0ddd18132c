import { Form } from "react-router";
import { TextareaField } from "~/components/Field";
import { useFormat } from "~/utils/format";
import type { FieldErrors, FormValues } from "~/utils/forms";
import { useTranslation } from "~/utils/translation";
import { type CandidateFile, Section } from "./Section";

export function NotesSection({
  file,
  noteMax,
  errors,
  values,
}: {
  file: CandidateFile;
  noteMax: number;
  errors?: FieldErrors;
  values?: FormValues;
}) {
  const { t } = useTranslation("counsellor");
  const format = useFormat();
  return (
    <Section id="file-notes" title={t("file.notes")} badge={t("file.sensitiveBadge")}>
      <p className="text-sm text-stone-700">{t("file.notesHelp")}</p>
      <Form method="post" className="space-y-2">
        <TextareaField
          label={t("file.noteBody")}
          name="body"
          rows={3}
          maxLength={noteMax}
          defaultValue={values?.body}
          error={errors?.body}
        />
        <button type="submit" name="intent" value="note.add" className="btn-secondary">
          {t("file.addNote")}
        </button>
      </Form>
      {file.notes.length === 0 ? <p>{t("file.noNotes")}</p> : null}
      <ul className="space-y-3">
        {file.notes.map((note) => (
          <li key={note.id} className="border-t border-stone-200 pt-2">
            <p className="whitespace-pre-line">{note.body}</p>
            <p className="text-xs text-stone-600">
              {t("file.noteBy", {
                name: note.authorName ?? t("file.formerColleague"),
                date: format.dateTime(note.createdAt),
              })}
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}
