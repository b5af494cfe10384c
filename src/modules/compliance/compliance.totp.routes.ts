// The signed-in operator's own two-factor settings, under /api/v1/admin/security/totp.
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Nullable, Type } from '../../platform/schema.ts';
import { RECOVERY_CODE_PATTERN } from './compliance.recovery.ts';
import type { OperatorTotp } from './compliance.totp.ts';

const Code = Type.String({ pattern: '^[0-9]{6}$', description: 'the six-digit code the authenticator app shows now' });
const Status = Type.Object({ enabled: Type.Boolean(), pending: Type.Boolean(), enabledAt: Nullable(Type.String()), recoveryCodesLeft: Type.Integer({ description: 'unused recovery codes' }) });
const WithCodes = Type.Object({ ...Status.properties, recoveryCodes: Type.Array(Type.String(), { description: 'one-time recovery codes, shown this once: each signs in once in place of an authenticator code' }) });
const CodeOrRecovery = Type.Union([Code, Type.String({ pattern: RECOVERY_CODE_PATTERN, description: 'a recovery code, e.g. abcde-fghjk' })]);

/** The label the authenticator app shows: the operator's email when identity has one. */
export type LabelOf = (userId: string) => Promise<string>;

export function totpRoutes(totp: OperatorTotp, labelOf: LabelOf) {
  return async (app: App) => {
    app.get('/security/totp', { schema: { tags: ['admin'], summary: 'Whether two-factor sign-in is on for me', response: { 200: Status } } }, async (req) => totp.status(requireUser(req).id));

    app.post('/security/totp/enrol', {
      schema: {
        tags: ['admin'],
        summary: 'Start two-factor enrolment: a new secret, its otpauth:// URI and that URI as a QR code (a data: URL); nothing changes at sign-in until confirmed',
        body: Body({}),
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String(), qrDataUrl: Type.String() }) },
      },
      preValidation: async (req) => void (req.body ??= {}),
    }, async (req) => {
      const user = requireUser(req);
      return totp.enrol({ id: user.id, email: await labelOf(user.id) });
    });

    app.post('/security/totp/confirm', {
      schema: { tags: ['admin'], summary: 'Turn two-factor sign-in on with the first code (401 COMPLIANCE_TOTP_INVALID when wrong); answers the ten recovery codes, this once', body: Body({ code: Code }), response: { 200: WithCodes } },
    }, async (req) => totp.confirm(requireUser(req).id, req.body.code));

    app.post('/security/totp/recovery-codes', {
      schema: { tags: ['admin'], summary: 'A new set of ten recovery codes for a current authenticator code; the old set stops working', body: Body({ code: Code }), response: { 200: WithCodes } },
    }, async (req) => totp.renewRecoveryCodes(requireUser(req).id, req.body.code));

    app.post('/security/totp/disable', {
      schema: { tags: ['admin'], summary: 'Turn two-factor sign-in off with a current code or a recovery code', body: Body({ code: CodeOrRecovery }), response: { 200: Status } },
    }, async (req) => totp.disable(requireUser(req).id, req.body.code));
  };
}
