/**
 * Free text never carries a secret into output: finding messages, addresses and notes that reach a
 * report or a pull-request comment go through `redactSecretText`. Shared by the reports (`policies/`)
 * and the preview (`preview/redact.ts` builds its structured redaction on it).
 */

/** What a redacted value is shown as. */
export const REDACTED = '(sensitive)';

/**
 * One credential pattern, with a literal it cannot match without (when it has one). The preview tests
 * every string of a plan (a million in a 50 MB plan): `includes` rules most strings out in one fast
 * scan, where the URL pattern alone backtracks at every letter of every string.
 */
interface SecretPattern {
  readonly pattern: RegExp;
  readonly needs?: string;
}

/**
 * Values that look like credentials whatever their key: URL userinfo (`https://user:pass@host`), query
 * tokens (`?sig=`, `?token=`, `?code=`, `?access_token=`, `?key=`), bearer and basic authorization values,
 * Azure SAS and connection-string secrets (`sig=`, `SharedAccessKey=`, `AccountKey=`, `Password=`), PEM
 * private keys, JWTs and well-known token prefixes (GitHub, Azure DevOps PAT is opaque so not matched).
 */
const SECRET_VALUE: readonly SecretPattern[] = [
  { needs: '://', pattern: /[a-z][a-z0-9+.-]*:\/\/[^\s/@:]+:[^\s/@]*@/i },
  {
    needs: '=',
    pattern:
      /[?&](sig|signature|token|access_token|id_token|refresh_token|code|key|apikey|api_key|password|secret|client_secret|sv|se)=[^&\s]+/i,
  },
  { pattern: /\b(bearer|basic)\s+[a-z0-9._~+/-]{8,}=*/i },
  {
    needs: '=',
    pattern: /\b(SharedAccessSignature|SharedAccessKey|AccountKey|Password|Pwd|ClientSecret)\s*=\s*[^;\s]+/i,
  },
  { needs: '-----BEGIN ', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { needs: '.', pattern: /\beyJ[a-z0-9_-]{8,}\.[a-z0-9_-]{8,}\.[a-z0-9_-]{8,}/i },
  {
    pattern:
      /\b(ghp|gho|ghu|ghs|ghr)_[a-z0-9]{20,}|\bgithub_pat_[a-z0-9_]{20,}|\bAKIA[0-9A-Z]{16}\b|\bxox[abprs]-[a-z0-9-]{10,}/i,
  },
];

/**
 * Text that every pattern of SECRET_VALUE needs one of ('://', '=', whitespace, a PEM header, a JWT's
 * `eyJ`, the `_` of token prefixes, `AKIA`, `xox`): one scan that clears most strings of a plan before
 * the patterns run. Keep it in step with SECRET_VALUE (test/preview/redaction.test.ts covers each one).
 */
const SECRET_HINT = /:\/\/|=|-----BEGIN |\s|eyj|_|akia|xox/i;

/** True when a string value looks like a credential (see SECRET_VALUE). */
export function looksLikeSecret(value: string): boolean {
  if (!SECRET_HINT.test(value)) return false;
  return SECRET_VALUE.some(
    ({ pattern, needs }) => (needs === undefined || value.includes(needs)) && pattern.test(value),
  );
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
