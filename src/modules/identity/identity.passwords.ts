// How guessable a password is, by zxcvbn-ts with its common-password, name and keyboard-walk
// dictionaries (a maintained list, not one of ours). The dictionaries are a few MB: loaded on
// the first staff password checked, not at start-up, and kept for the life of the process.
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

let factory: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [core, common] = await Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]);
  return new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
}

/** zxcvbn's score (0–4) and its warning key; userInputs (email, name) count as guessable words. */
export async function guessability(password: string, userInputs: string[] = []): Promise<{ score: number; warning: string | null }> {
  factory ??= load();
  const result = (await factory).check(password, userInputs.filter(Boolean));
  return { score: result.score, warning: result.feedback.warning ?? null };
}
