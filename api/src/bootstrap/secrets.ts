import type { Config } from "../config.ts";
import { createLiveChatSigner, type LiveChatSigner } from "../domain/live-chat/visitor-token.ts";
import { loadAppSecret } from "../domain/secrets/app-secret.ts";
import { createSecretBox, type SecretBox } from "../domain/secrets/secret-box.ts";

export interface Secrets {
  /** Seals and opens channel credentials (IMAP/SMTP passwords) at rest. */
  secrets: SecretBox;
  /** Signs visitor tokens and chat attachment links. */
  signer: LiveChatSigner;
}

/** From APP_SECRET, or DATA_DIR/app-secret (generated on the first start): the same key on every process. */
export async function loadSecrets(config: Pick<Config, "APP_SECRET" | "DATA_DIR">): Promise<Secrets> {
  const appSecret = await loadAppSecret({ appSecret: config.APP_SECRET, dataDir: config.DATA_DIR });
  return { secrets: createSecretBox(appSecret), signer: createLiveChatSigner(appSecret) };
}

/** PUBLIC_URL without its trailing slash; "" when unset. */
export function configuredPublicUrl(config: Pick<Config, "PUBLIC_URL">): string {
  return config.PUBLIC_URL?.replace(/\/$/, "") ?? "";
}
