// Masking personal data for answers read by someone other than its owner.

/** A display name masked for public lists: 王** / Li***. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name + '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}
