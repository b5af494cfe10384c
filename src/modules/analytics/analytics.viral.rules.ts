// Viral metrics of a campaign (DESIGN §7), pure: K-factor, observed K, viral cycle time and the
// shape of its share cascades.
import { median } from './analytics.funnel.rules.ts';

export interface Invitation {
  /** Whose share was clicked (the coefficients do not need it). */
  sharerId?: string;
  visitorId: string;
  /** The click was the visitor's first ever share-link open. */
  isNewVisitor: boolean;
  /** The sharer opened their own link: never counted. */
  selfClick: boolean;
  at: number;
}

export interface ViralInput {
  /** Distinct customers who made a share of the campaign in the range. */
  sharers: ReadonlySet<string>;
  invitations: Invitation[];
  /** When each visitor became a customer (sign-up time, ms), for the visitors we know did. */
  signedUpAt: ReadonlyMap<string, number>;
  /** Sign-ups attributed to the campaign's shares (last touch). */
  attributedNewCustomers: number;
}

export interface ViralCoefficients {
  sharers: number;
  invitations: number;
  invitationsPerSharer: number | null;
  convertedInvitations: number;
  invitationConversion: number | null;
  kFactor: number | null;
  observedK: number | null;
}

/**
 * Invitations are distinct new visitors brought by someone else's click; one converts when that
 * visitor signed up at or after their first such click. K = invitations per sharer × their
 * conversion; observed K = attributed new customers ÷ customers who shared.
 */
export function viralCoefficients(input: ViralInput): ViralCoefficients {
  const firstInvited = new Map<string, number>();
  for (const c of input.invitations) {
    if (c.selfClick || !c.isNewVisitor) continue;
    const prior = firstInvited.get(c.visitorId);
    if (prior === undefined || c.at < prior) firstInvited.set(c.visitorId, c.at);
  }
  let converted = 0;
  for (const [visitor, at] of firstInvited) {
    const signup = input.signedUpAt.get(visitor);
    if (signup !== undefined && signup >= at) converted++;
  }
  const sharers = input.sharers.size;
  const invitations = firstInvited.size;
  const perSharer = sharers ? invitations / sharers : null;
  const conversion = invitations ? converted / invitations : null;
  return {
    sharers,
    invitations,
    invitationsPerSharer: perSharer,
    convertedInvitations: converted,
    invitationConversion: conversion,
    kFactor: perSharer === null ? null : perSharer * (conversion ?? 0),
    observedK: sharers ? input.attributedNewCustomers / sharers : null,
  };
}

/**
 * Viral cycle time: for each customer who arrived through an attributed share (at `arrivals`),
 * the time to the first arrival they caused (a click by someone else on one of their shares at
 * or after their own arrival); the median over customers who caused one, in seconds.
 */
export function viralCycleTime(arrivals: ReadonlyMap<string, number>, caused: { sharerId: string; at: number }[]): { samples: number; medianSeconds: number | null } {
  const first = new Map<string, number>();
  for (const c of caused) {
    const arrived = arrivals.get(c.sharerId);
    if (arrived === undefined || c.at < arrived) continue;
    const prior = first.get(c.sharerId);
    if (prior === undefined || c.at < prior) first.set(c.sharerId, c.at);
  }
  const gaps = [...first].map(([user, at]) => (at - arrivals.get(user)!) / 1000);
  return { samples: gaps.length, medianSeconds: median(gaps) };
}

export interface ShareNode {
  id: string;
  parentId: string | null;
}

/** What the distribution needs of a cascade (sharing's cascadeStatsBelow gives it, and the breadth). */
export interface CascadeShape {
  size: number;
  depth: number;
  /** Mean shortest-path distance over all pairs of nodes (Goel et al. 2016); 0 for a lone share. */
  structuralVirality: number;
}

export const SIZE_BUCKETS = [
  { label: '1', min: 1, max: 1 },
  { label: '2', min: 2, max: 2 },
  { label: '3-5', min: 3, max: 5 },
  { label: '6-10', min: 6, max: 10 },
  { label: '11-50', min: 11, max: 50 },
  { label: '51+', min: 51, max: Infinity },
];
/** Structural virality buckets: 0 (a lone share), then right-closed ranges (0,1], (1,2], (2,3], (3,5], above 5. */
export const VIRALITY_BUCKETS = ['0', '(0,1]', '(1,2]', '(2,3]', '(3,5]', '>5'];
const viralityBucket = (v: number) => (v === 0 ? 0 : v <= 1 ? 1 : v <= 2 ? 2 : v <= 3 ? 3 : v <= 5 ? 4 : 5);
const MAX_DEPTH_BUCKET = 10;

/** The distribution of cascade shapes: how many per size, depth and structural-virality bucket. */
export function cascadeDistribution(shapes: CascadeShape[]) {
  const sizes = SIZE_BUCKETS.map((b) => ({ bucket: b.label, cascades: 0 }));
  const virality = VIRALITY_BUCKETS.map((label) => ({ bucket: label, cascades: 0 }));
  const depths = Array.from({ length: MAX_DEPTH_BUCKET + 1 }, (_, d) => ({ bucket: d === MAX_DEPTH_BUCKET ? `${d}+` : String(d), cascades: 0 }));
  for (const s of shapes) {
    sizes[SIZE_BUCKETS.findIndex((b) => s.size >= b.min && s.size <= b.max)].cascades++;
    virality[viralityBucket(s.structuralVirality)].cascades++;
    depths[Math.min(s.depth, MAX_DEPTH_BUCKET)].cascades++;
  }
  const single = shapes.filter((s) => s.size === 1).length;
  return {
    cascades: shapes.length,
    singleShareShare: shapes.length ? single / shapes.length : null,
    largest: shapes.reduce((m, s) => Math.max(m, s.size), 0),
    medianSize: median(shapes.map((s) => s.size)),
    meanStructuralVirality: shapes.length ? shapes.reduce((a, s) => a + s.structuralVirality, 0) / shapes.length : null,
    maxDepth: shapes.reduce((m, s) => Math.max(m, s.depth), 0),
    sizes,
    depths,
    structuralVirality: virality,
  };
}
