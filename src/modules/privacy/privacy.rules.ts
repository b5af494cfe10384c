// Consent and request rules, pure: what a shopper allows when they never chose, and which
// request states exist.

export const CONSENT_PURPOSES = ['privacy_policy', 'marketing', 'personalisation'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export type RequestKind = 'export' | 'erasure';
export type RequestStatus = 'queued' | 'running' | 'done' | 'failed';

/**
 * With no recorded choice: marketing is off (messages need an opt-in, PIPL Art. 13-14, GDPR Art. 6),
 * personalised recommendations are on (the law requires the non-personalised option to be offered
 * and to work when chosen: China e-commerce law Art. 18), the privacy policy is not accepted.
 */
export const CONSENT_DEFAULTS: Record<ConsentPurpose, boolean> = { privacy_policy: false, marketing: false, personalisation: true };

export interface ConsentRecord {
  purpose: ConsentPurpose;
  granted: boolean;
  policyVersion: string;
  at: Date;
}

/** A person's current choice per purpose: the newest record, else the default. */
export function currentConsents(records: readonly ConsentRecord[]): Record<ConsentPurpose, { granted: boolean; policyVersion: string | null; at: Date | null }> {
  const out = Object.fromEntries(CONSENT_PURPOSES.map((p) => [p, { granted: CONSENT_DEFAULTS[p], policyVersion: null as string | null, at: null as Date | null }])) as Record<ConsentPurpose, { granted: boolean; policyVersion: string | null; at: Date | null }>;
  for (const r of records) {
    const cur = out[r.purpose];
    if (!cur.at || r.at >= cur.at) out[r.purpose] = { granted: r.granted, policyVersion: r.policyVersion, at: r.at };
  }
  return out;
}

/** Whether the person allows a use of their data now. */
export function allows(records: readonly ConsentRecord[], purpose: 'marketing' | 'personalisation'): boolean {
  return currentConsents(records)[purpose].granted;
}

/** Cut-off before which retained data goes: `days` whole days before now. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** The readme at the top of an export zip: what each file is, what was kept and why. */
export function exportReadme(input: { userId: string; generatedAt: Date; files: { path: string; rows: number }[]; policyVersion: string }): string {
  const lines = [
    'Fission: your personal data / 你的个人信息',
    '',
    `Account: ${input.userId}`,
    `Generated: ${input.generatedAt.toISOString()} (UTC)`,
    `Privacy policy version: ${input.policyVersion}`,
    '',
    'Every file is JSON: one array of rows per table that holds data about you, named <module>/<table>.json.',
    '每个文件是一张表中与你有关的记录（JSON 数组），按 <模块>/<表>.json 命名。',
    'Passwords, token and code hashes are never exported. Phone numbers and addresses appear in full: keep this file safe.',
    '密码、令牌及验证码的哈希不会导出；手机号和地址为完整内容，请妥善保管本文件。',
    '',
    'If you ask for erasure, your account is anonymised and this data removed, except records the law',
    'requires us to keep (orders, payments, invoices, commissions, fraud decisions), which stay with',
    'your name, phone and address removed.',
    '申请注销后，账户将被匿名化并删除上述数据；法律要求保留的记录（订单、支付、发票、佣金、风控决定）会保留，但去除姓名、手机号和地址。',
    '',
    'Files:',
    ...input.files.map((f) => `  ${f.path}  (${f.rows} rows)`),
    '',
  ];
  return lines.join('\n');
}
