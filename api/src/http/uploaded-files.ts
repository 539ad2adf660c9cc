/** A multipart file as the domain takes it. The name is as sent: the use cases make it safe (safeFilename). */
export interface UploadedFile {
  filename: string;
  contentType: string;
  content: Uint8Array<ArrayBuffer>;
}

/** What `c.req.parseBody()` returns, with or without `{ all: true }`. */
type ParsedForm = Record<string, unknown>;

/**
 * The files sent under a multipart field, once or repeated, as `name` or `name[]` (both spellings are in use).
 * A part with neither a name nor bytes is what a browser sends for a file input left empty: no file.
 */
export async function uploadedFiles(form: ParsedForm, name: string): Promise<UploadedFile[]> {
  const files = ([] as unknown[]).concat(form[name] ?? [], form[`${name}[]`] ?? []).filter(isChosenFile);
  return Promise.all(files.map(toUploadedFile));
}

/** The one file of a multipart field; null when none was sent. */
export async function uploadedFile(form: ParsedForm, name: string): Promise<UploadedFile | null> {
  return (await uploadedFiles(form, name))[0] ?? null;
}

function isChosenFile(value: unknown): value is File {
  return value instanceof File && (value.size > 0 || value.name !== "");
}

async function toUploadedFile(file: File): Promise<UploadedFile> {
  return {
    filename: file.name,
    contentType: file.type || "application/octet-stream",
    content: new Uint8Array(await file.arrayBuffer()),
  };
}
