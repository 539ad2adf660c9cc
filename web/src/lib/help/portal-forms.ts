/**
 * The customer portal's forms work with JavaScript (the page's script calls the API) and without (the page's form
 * action does): both read the form and the API's answer through these, so the two paths say the same thing.
 */

/** The reply form as the API's multipart body: the text, and the files actually chosen. */
export function replyOf(fields: FormData): { body: string; files: File[] } {
  return {
    body: String(fields.get("body") ?? ""),
    files: fields.getAll("files").filter((file): file is File => file instanceof File && file.size > 0),
  };
}

export type ReplyError = "replyTooLarge" | "replyInvalid" | "replyFailed";

/** Why a reply was not added, from the API's status. */
export function replyErrorOf(status: number): ReplyError {
  return status === 413 ? "replyTooLarge" : status === 400 ? "replyInvalid" : "replyFailed";
}

export type SignInError = "invalidEmail" | "wrongPassword" | "signInFailed";

/** Why a sign-in (by link or by password) failed, from the API's status; 0 or 5xx: it could not be reached. */
export function signInErrorOf(status: number): SignInError {
  return status === 401 ? "wrongPassword" : status === 400 ? "invalidEmail" : "signInFailed";
}

export type PasswordError = "passwordTooShort" | "passwordFailed";

/** Why a new portal password was not saved, from the API's status. */
export function passwordErrorOf(status: number): PasswordError {
  return status === 400 ? "passwordTooShort" : "passwordFailed";
}
