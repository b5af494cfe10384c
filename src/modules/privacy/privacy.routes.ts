import { requireUser } from '../../platform/auth.ts';
import type { App } from '../../platform/http.ts';
import type { Settings } from '../../platform/settings.ts';
import { Body, IdParams, Nullable, Type } from '../../platform/schema.ts';
import { CONSENT_PURPOSES } from './privacy.rules.ts';
import type { PrivacyService } from './privacy.service.ts';

const Purpose = Type.Union([Type.Literal('privacy_policy'), Type.Literal('marketing'), Type.Literal('personalisation')]);

const ConsentsSchema = Type.Object({
  items: Type.Array(Type.Object({
    purpose: Purpose,
    granted: Type.Boolean(),
    policyVersion: Nullable(Type.String()),
    at: Nullable(Type.String({ description: 'when the choice was made; null: never chosen, the default applies' })),
  })),
});

const RequestSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('export'), Type.Literal('erasure')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  requestedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  downloadUntil: Nullable(Type.String({ description: 'an export can be downloaded until then' })),
  summary: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

type ConsentMap = Awaited<ReturnType<PrivacyService['consentsOf']>>;
const presentConsents = (c: ConsentMap) => ({ items: CONSENT_PURPOSES.map((purpose) => ({ purpose, granted: c[purpose].granted, policyVersion: c[purpose].policyVersion, at: c[purpose].at?.toISOString() ?? null })) });

type RequestRow = { id: string; kind: 'export' | 'erasure'; status: 'queued' | 'running' | 'done' | 'failed'; requested_at: Date; finished_at: Date | null; archive_expires_at: Date | null; summary: unknown };
const presentRequest = (r: RequestRow) => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  downloadUntil: r.kind === 'export' && r.status === 'done' ? (r.archive_expires_at?.toISOString() ?? null) : null,
  summary: (r.summary as Record<string, unknown> | null) ?? null,
});

export function privacyRoutes(privacy: PrivacyService, settings: Settings) {
  return async (app: App) => {
    app.get('/privacy/policy', {
      schema: { tags: ['privacy'], summary: 'The privacy policy version a sign-up accepts', response: { 200: Type.Object({ version: Type.String() }) } },
    }, async () => ({ version: await settings.get('privacy.policyVersion') }));

    app.get('/me/privacy/consents', {
      schema: { tags: ['privacy'], summary: 'My consents: privacy policy, marketing messages, personalised recommendations', response: { 200: ConsentsSchema } },
    }, async (req) => presentConsents(await privacy.consentsOf(requireUser(req).id)));

    app.put('/me/privacy/consents/:purpose', {
      schema: {
        tags: ['privacy'],
        summary: 'Give or withdraw a consent (recorded with the current policy version)',
        description: 'Withdrawing personalisation switches recommendations and ranking to non-personalised ones at once; withdrawing marketing stops promotional messages.',
        params: Type.Object({ purpose: Purpose }),
        body: Body({ granted: Type.Boolean() }),
        response: { 200: ConsentsSchema },
      },
    }, async (req) => presentConsents(await privacy.setConsent(requireUser(req).id, req.params.purpose, req.body.granted)));

    app.post('/me/privacy/export', {
      schema: { tags: ['privacy'], summary: 'Ask for a download of everything held about me (a zip of JSON files, prepared by a job)', response: { 202: RequestSchema } },
    }, async (req, reply) => reply.status(202).send(presentRequest((await privacy.requestExport(requireUser(req).id)).request)));

    app.post('/me/privacy/erasure', {
      schema: {
        tags: ['privacy'],
        summary: 'Ask for my account to be erased: anonymised, personal data removed, legal records kept without me',
        body: Body({ confirm: Type.String({ maxLength: 20, description: 'ERASE (or 注销)' }) }),
        response: { 202: RequestSchema },
      },
    }, async (req, reply) => reply.status(202).send(presentRequest((await privacy.requestErasure(requireUser(req).id, req.body.confirm)).request)));

    app.get('/me/privacy/requests', {
      schema: { tags: ['privacy'], summary: 'My export and erasure requests with their status, newest first', response: { 200: Type.Object({ items: Type.Array(RequestSchema) }) } },
    }, async (req) => ({ items: (await privacy.listRequests(requireUser(req).id)).map(presentRequest) }));

    app.get('/me/privacy/requests/:id/archive', {
      schema: { tags: ['privacy'], summary: 'Download a finished export (application/zip)', params: IdParams },
    }, async (req, reply) => {
      const { zip, generatedAt } = await privacy.downloadExport(requireUser(req).id, req.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="fission-my-data-${generatedAt.toISOString().slice(0, 10)}.zip"`)
        .header('cache-control', 'no-store')
        .send(zip);
    });
  };
}
