/** Keeps credentials out of everything the plugin prints: messages, -v request logs and stack traces. */

const REDACTED = '[redacted]';
// Header-shaped credentials, whatever their origin (server echoes, library messages).
const PATTERNS = [
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi,
  /\b(authorization|token|password)(["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic)\s|\[redacted\])[^\s"',}]+/gi,
];

/** The credentials of one connection; `scrub` removes them from any text. */
export class Secrets {
  private readonly values = new Set<string>();

  /** Remembers a credential (ignores empty and very short values, which would mangle ordinary words). */
  add(value: unknown): void {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (trimmed.length >= 6) this.values.add(trimmed);
    // An Authorization header carries the credential after its scheme.
    const match = /^(Bearer|Basic)\s+(\S+)$/i.exec(trimmed);
    if (match) this.add(match[2]);
  }

  /** Remembers every credential-like field of a kubeconfig user entry. */
  addUser(user: Record<string, unknown>): void {
    for (const key of ['token', 'password', 'client-key-data', 'client-certificate-data']) this.add(user[key]);
    const provider = user['auth-provider'] as { config?: Record<string, unknown> } | undefined;
    for (const value of Object.values(provider?.config ?? {})) this.add(value);
  }

  /** The text with every known credential, and anything shaped like one, replaced. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so a credential containing another is removed whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
    out = out.replace(PATTERNS[0], (_m, scheme: string) => `${scheme} ${REDACTED}`);
    return out.replace(PATTERNS[1], (_m, key: string, sepr: string) => `${key}${sepr}${REDACTED}`);
  }
}
