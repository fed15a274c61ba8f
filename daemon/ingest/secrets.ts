/** Names that suggest a secret: their values are never stored, whatever an agent sends. */
const SECRET_NAME = /(TOKEN|KEY|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNATURE|API_?KEY|ACCESS_?KEY)/i;

export function looksSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

export const REDACTED = '[redacted]';
