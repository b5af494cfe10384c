// The signed-in operator's own two-factor settings, under /api/v1/admin/security/totp.
import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import { Body, Nullable, Type } from '../../platform/schema.ts';
import type { OperatorTotp } from './compliance.totp.ts';

const Code = Type.String({ pattern: '^[0-9]{6}$', description: 'the six-digit code the authenticator app shows now' });
const Status = Type.Object({ enabled: Type.Boolean(), pending: Type.Boolean(), enabledAt: Nullable(Type.String()) });

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
      schema: { tags: ['admin'], summary: 'Turn two-factor sign-in on with the first code (401 COMPLIANCE_TOTP_INVALID when wrong)', body: Body({ code: Code }), response: { 200: Status } },
    }, async (req) => totp.confirm(requireUser(req).id, req.body.code));

    app.post('/security/totp/disable', {
      schema: { tags: ['admin'], summary: 'Turn two-factor sign-in off with a current code', body: Body({ code: Code }), response: { 200: Status } },
    }, async (req) => totp.disable(requireUser(req).id, req.body.code));
  };
}
