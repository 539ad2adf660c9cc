import type { WidgetErrorCode } from "../../../api/src/domain/live-chat/protocol.ts";

/** What the visitor reads when something goes wrong: polite, and saying what to do next. */
export function errorText(code: WidgetErrorCode | string, maxLength?: number): string {
  switch (code) {
    case "CHANNEL_NOT_FOUND":
      return "This chat is not available at the moment.";
    case "ORIGIN_NOT_ALLOWED":
      return "Chat is not enabled on this website yet.";
    case "INVALID_IDENTITY":
      return "We could not confirm your account, so you are chatting as a guest.";
    case "RATE_LIMITED":
      return "You are sending messages very quickly. We will send yours in a moment.";
    case "MESSAGE_TOO_LONG":
      return maxLength
        ? `That message is too long: please keep it under ${maxLength} characters.`
        : "That message is too long. Please shorten it.";
    case "CONVERSATION_ENDED":
      return "This chat has ended. Send a message to start a new one.";
    case "FILE_TOO_LARGE":
      return "That file is too large: files can be up to 10 MB.";
    case "VALIDATION_FAILED":
      return "That did not work. Please check what you entered and try again.";
    default:
      return "Something went wrong on our side. Please try again in a moment.";
  }
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
}

export function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
