/** The CV form: its 3 MB file plus the multipart envelope; anything larger is refused unread. */
export const CV_FORM_MAX_BYTES = 3.5 * 1024 * 1024;

export type ReadFormResult = { ok: true; formData: FormData } | { ok: false; status: 400 | 413 };

/**
 * Reads a posted form of at most `maxBytes`. A body announced larger is refused
 * before a byte is read; one without a length (chunked) is read only up to the
 * limit. Too large: 413; a body that is not a form: 400.
 */
export async function readFormWithin(request: Request, maxBytes: number): Promise<ReadFormResult> {
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes) return { ok: false, status: 413 };
  let body: Uint8Array<ArrayBuffer> | null = null;
  if (request.body) {
    const reader = request.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return { ok: false, status: 413 };
      }
      chunks.push(value);
    }
    body = new Uint8Array(Buffer.concat(chunks));
  }
  try {
    const formData = await new Response(body, {
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
    }).formData();
    return { ok: true, formData };
  } catch {
    return { ok: false, status: 400 };
  }
}
