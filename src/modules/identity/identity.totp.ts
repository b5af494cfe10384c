// A second sign-in factor other modules add (compliance's TOTP for operators): every sign-in that
// opens a session (password or one-time code) passes it after the first factor and before the
// session starts. Identity keeps only the list; the factor's secrets and checks live with it.

/** Throws a coded error when this user must give a (valid) code; resolves when they may sign in. */
export type SecondFactor = (user: { id: string; roles: readonly string[] }, code: string | undefined) => Promise<void>;

export function createSecondFactors() {
  const factors: SecondFactor[] = [];
  return {
    register(factor: SecondFactor) {
      factors.push(factor);
    },
    async check(user: { id: string; roles: readonly string[] }, code: string | undefined) {
      for (const factor of factors) await factor(user, code);
    },
  };
}

export type SecondFactors = ReturnType<typeof createSecondFactors>;
