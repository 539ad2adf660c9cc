import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encrypts credentials (IMAP/SMTP passwords) before they are written to the database, so a database dump or
 * backup alone does not give away the mailboxes. AES-256-GCM: authenticated, so a tampered or truncated value
 * is refused rather than decrypted to garbage.
 *
 * Format: `v1:<iv>:<tag>:<ciphertext>`, base64url parts. The version prefix lets a later format (or key
 * rotation) read old values instead of guessing.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** The stored value cannot be decrypted: APP_SECRET changed, or the value was altered. */
export class SecretUnreadableError extends Error {
  override name = "SecretUnreadableError";
}

const version = "v1";
const ivBytes = 12;
// Binds the derived key to this use; another feature deriving from APP_SECRET gets an unrelated key.
const keyInfo = "helpdesk channel credentials v1";

/** `appSecret`: APP_SECRET, or the generated one from DATA_DIR (see loadAppSecret); at least 32 characters. */
export function createSecretBox(appSecret: string): SecretBox {
  if (appSecret.length < 32) throw new Error("The app secret must have at least 32 characters.");
  // HKDF rather than the raw string: APP_SECRET is any text of any length, AES wants 32 uniform bytes.
  const key = Buffer.from(hkdfSync("sha256", appSecret, "", keyInfo, 32));

  return {
    seal(plaintext) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [
        version,
        iv.toString("base64url"),
        cipher.getAuthTag().toString("base64url"),
        data.toString("base64url"),
      ].join(":");
    },
    open(sealed) {
      const [prefix, iv, tag, data, ...rest] = sealed.split(":");
      if (prefix !== version || iv === undefined || tag === undefined || data === undefined || rest.length > 0) {
        throw new SecretUnreadableError("The stored secret is not in a format this version can read.");
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretUnreadableError(
          "The stored secret cannot be decrypted: APP_SECRET has changed or the value was altered.",
        );
      }
    },
  };
}
