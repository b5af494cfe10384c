// Pure referral rules: rewards, milestones, self-referral and invite codes.
export type Reward = { kind: 'points'; points: number } | { kind: 'coupon'; templateId: string };

export const DEFAULT_MILESTONES = [3, 10, 30];

export type SelfReferral = 'SAME_ACCOUNT' | 'SAME_DEVICE' | 'SAME_PHONE';

/** Why a binding is a self-referral, or null when it is not. */
export function selfReferralReason(x: {
  inviterId: string;
  inviteeId: string;
  inviterDevices: string[];
  inviteeDevices: string[];
  inviterPhone: string | null;
  inviteePhone: string | null;
}): SelfReferral | null {
  if (x.inviterId === x.inviteeId) return 'SAME_ACCOUNT';
  const mine = new Set(x.inviterDevices);
  if (x.inviteeDevices.some((d) => mine.has(d))) return 'SAME_DEVICE';
  if (x.inviterPhone && x.inviteePhone && x.inviterPhone.replace(/^\+86/, '') === x.inviteePhone.replace(/^\+86/, '')) return 'SAME_PHONE';
  return null;
}

/** Milestones (by invite count) that a count has reached. */
export function milestonesReached(milestones: { count: number }[], qualified: number): number[] {
  return milestones.map((m) => m.count).filter((c) => c <= qualified).sort((a, b) => a - b);
}

/** Milestones no longer met after a referral is reversed. */
export function milestonesLost(granted: number[], qualified: number): number[] {
  return granted.filter((c) => c > qualified);
}

export function nextMilestone(milestones: { count: number }[], qualified: number): number | null {
  const next = milestones.map((m) => m.count).filter((c) => c > qualified).sort((a, b) => a - b)[0];
  return next ?? null;
}

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: codes are read aloud and typed

/** An 8-character invite code from random bytes. */
export function inviteCodeFrom(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[bytes[i] % ALPHABET.length];
  return code;
}

export { maskName } from '../../platform/mask.ts';
