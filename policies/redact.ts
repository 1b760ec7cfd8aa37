/**
 * Free text never carries a secret into output: finding messages, addresses and notes that reach a
 * report or a pull-request comment go through `redactSecretText`. Shared by the reports (`policies/`)
 * and the preview (`preview/redact.ts` builds its structured redaction on it).
 */

/** What a redacted value is shown as. */
export const REDACTED = '(sensitive)';

/**
 * Values that look like credentials whatever their key: URL userinfo (`https://user:pass@host`), query
 * tokens (`?sig=`, `?token=`, `?code=`, `?access_token=`, `?key=`), bearer and basic authorization values,
 * Azure SAS and connection-string secrets (`sig=`, `SharedAccessKey=`, `AccountKey=`, `Password=`), PEM
 * private keys, JWTs and well-known token prefixes (GitHub, Azure DevOps PAT is opaque so not matched).
 */
const SECRET_VALUE: readonly RegExp[] = [
  /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]*@/i,
  /[?&](sig|signature|token|access_token|id_token|refresh_token|code|key|apikey|api_key|password|secret|client_secret|sv|se)=[^&\s]+/i,
  /\b(bearer|basic)\s+[a-z0-9._~+/-]{8,}=*/i,
  /\b(SharedAccessSignature|SharedAccessKey|AccountKey|Password|Pwd|ClientSecret)\s*=\s*[^;\s]+/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /\beyJ[a-z0-9_-]{8,}\.[a-z0-9_-]{8,}\.[a-z0-9_-]{8,}/i,
  /\b(ghp|gho|ghu|ghs|ghr)_[a-z0-9]{20,}|\bgithub_pat_[a-z0-9_]{20,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abprs]-[a-z0-9-]{10,}/i,
];

/** True when a string value looks like a credential (see SECRET_VALUE). */
export function looksLikeSecret(value: string): boolean {
  return SECRET_VALUE.some((pattern) => pattern.test(value));
}

/**
 * Text with every credential-looking part replaced by `REDACTED`: a whole whitespace-separated word
 * (a URL, a `Bearer xyz` pair, a connection string) that matches. For free text that reaches output
 * (finding messages, addresses, notes), where a structured redaction cannot apply.
 */
export function redactSecretText(value: string): string {
  if (!looksLikeSecret(value)) return value;
  const redacted = value
    .replace(/\b(bearer|basic)\s+\S+/gi, REDACTED)
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED)
    .split(/(\s+)/)
    .map((word) => (looksLikeSecret(word) ? REDACTED : word))
    .join('');
  return looksLikeSecret(redacted) ? REDACTED : redacted;
}
