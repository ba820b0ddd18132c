// Bytes to upload as CVs.

/** Bytes that start like a PDF, `size` long. */
export function pdfBytes(size = 1024, fill = "x") {
  const head = Buffer.from("%PDF-1.7\n");
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), fill)]);
}

/** The first bytes of a real PNG image. */
export const PNG_BYTES = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
