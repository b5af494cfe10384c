// The segment builder: conditions on profile fields, tags and behaviour under an AND/OR root, with
// one level of groups; the count and a sample update as the rule changes (debounced preview of the
// unsaved rule); saved segments listed with their current size.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, call, type paths } from '../../shared/api';
import { formatMoney } from '../../shared/format';
import { Button, QueryView, SelectField, TextField, useToast } from '../../shared/ui';
import { ActionButton, FormError, PageHead, Table, useDebounced, useRefresh, useSubmit } from '../kit';
import { useAudienceT } from './i18n';

export type Rule = paths['/api/v1/admin/audience/segments/preview']['post']['requestBody']['content']['application/json']['rule'];
const NUMERIC = ['frequency', 'recency_days', 'monetary', 'r_score', 'f_score', 'm_score', 'churn_risk', 'p_alive', 'expected_orders', 'predicted_value', 'shares', 'share_signups', 'days_since_active', 'days_since_signup'] as const;
const TEXT = ['channel', 'campaign_id'] as const;
const FIELDS = ['tag', ...NUMERIC, ...TEXT] as const;
type Field = (typeof FIELDS)[number];
const CMPS: Record<'numeric' | 'text' | 'tag', string[]> = { numeric: ['gte', 'gt', 'eq', 'ne', 'lt', 'lte'], text: ['eq', 'ne'], tag: ['has', 'lacks'] };
const kindOf = (f: Field) => (f === 'tag' ? 'tag' : (TEXT as readonly string[]).includes(f) ? 'text' : 'numeric');

interface Cond { field: Field; cmp: string; value: string }
interface Group { op: 'and' | 'or'; rules: Cond[] }
type Node = Cond | Group;
const isGroup = (n: Node): n is Group => 'rules' in n;
const newCond = (): Cond => ({ field: 'tag', cmp: 'has', value: '' });

/** The builder's state as the API's rule, or null while a value is missing or not a number. */
function toRule(op: 'and' | 'or', nodes: Node[]): Rule | null {
  const cond = (c: Cond) => {
    if (c.value.trim() === '') return null;
    if (kindOf(c.field) !== 'numeric') return { field: c.field, cmp: c.cmp, value: c.value.trim() };
    const n = Number(c.value);
    return Number.isFinite(n) ? { field: c.field, cmp: c.cmp, value: n } : null;
  };
  const rules = nodes.map((n) => {
    if (!isGroup(n)) return cond(n);
    const inner = n.rules.map(cond);
    return inner.length > 0 && inner.every(Boolean) ? { op: n.op, rules: inner } : null;
  });
  if (rules.length === 0 || !rules.every(Boolean)) return null;
  return { op, rules } as Rule;
}

export function AudienceSegmentsPage() {
  const { t } = useAudienceT();
  const toast = useToast();
  const refresh = useRefresh(['admin', 'audience', 'segments']);
  const [op, setOp] = useState<'and' | 'or'>('and');
  const [nodes, setNodes] = useState<Node[]>([newCond()]);
  const [name, setName] = useState('');
  const rule = toRule(op, nodes);
  const debounced = useDebounced(rule ? JSON.stringify(rule) : null, 300);
  const preview = useQuery({
    queryKey: ['admin', 'audience', 'preview', debounced],
    enabled: debounced !== null,
    placeholderData: keepPreviousData,
    queryFn: () => call(api.POST('/api/v1/admin/audience/segments/preview', { body: { rule: JSON.parse(debounced!) as Rule, sampleSize: 10 } })),
  });
  const saved = useQuery({ queryKey: ['admin', 'audience', 'segments'], queryFn: () => call(api.GET('/api/v1/admin/audience/segments', {})) });
  const { busy, error, submit } = useSubmit();
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!rule) return;
    void submit(async () => {
      await call(api.POST('/api/v1/admin/audience/segments', { body: { name: name.trim(), rule } }));
      toast(t('segments.saved'));
      setName('');
      await refresh();
    });
  };
  const update = (i: number, n: Node) => setNodes(nodes.map((x, j) => (j === i ? n : x)));
  return (
    <>
      <PageHead title={t('segments.title')}><p className="muted small">{t('segments.hint')}</p></PageHead>
      <section className="card" aria-label={t('segments.title')}>
        <SelectField label={t('segments.group')} value={op} onChange={(e) => setOp(e.target.value as 'and' | 'or')}>
          <option value="and">{t('segments.all')}</option>
          <option value="or">{t('segments.any')}</option>
        </SelectField>
        {nodes.map((n, i) =>
          isGroup(n) ? (
            <fieldset key={i} className="card">
              <legend>{t('segments.group')} {i + 1}</legend>
              <SelectField label={t('segments.group')} value={n.op} onChange={(e) => update(i, { ...n, op: e.target.value as 'and' | 'or' })}>
                <option value="and">{t('segments.all')}</option>
                <option value="or">{t('segments.any')}</option>
              </SelectField>
              {n.rules.map((c, k) => (
                <CondRow key={k} cond={c} onChange={(c2) => update(i, { ...n, rules: n.rules.map((x, j) => (j === k ? c2 : x)) })}
                  onRemove={() => update(i, { ...n, rules: n.rules.filter((_, j) => j !== k) })} />
              ))}
              <div className="row">
                <Button variant="secondary" onClick={() => update(i, { ...n, rules: [...n.rules, newCond()] })}>{t('segments.addCondition')}</Button>
                <Button variant="ghost" onClick={() => setNodes(nodes.filter((_, j) => j !== i))}>{t('segments.remove')}</Button>
              </div>
            </fieldset>
          ) : (
            <CondRow key={i} cond={n} onChange={(c) => update(i, c)} onRemove={() => setNodes(nodes.filter((_, j) => j !== i))} />
          ),
        )}
        <div className="row">
          <Button variant="secondary" onClick={() => setNodes([...nodes, newCond()])}>{t('segments.addCondition')}</Button>
          <Button variant="secondary" onClick={() => setNodes([...nodes, { op: 'or', rules: [newCond()] }])}>{t('segments.addGroup')}</Button>
        </div>
        {rule && preview.data && (
          <div aria-live="polite">
            <p><strong>{t('segments.live', { count: preview.data.count, total: preview.data.total })}</strong></p>
            <p className="small muted">{t('segments.sample')}: {preview.data.sample.map((p) => `${p.displayName ?? p.userId.slice(0, 8)} (${formatMoney(p.monetary)})`).join('、')}</p>
          </div>
        )}
        <form className="row" onSubmit={save}>
          <TextField label={t('segments.name')} required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} />
          <Button type="submit" busy={busy} disabled={!rule || !name.trim()}>{t('segments.save')}</Button>
        </form>
        <FormError>{error}</FormError>
      </section>
      <h2>{t('segments.saved_list')}</h2>
      <QueryView query={saved} isEmpty={(d) => d.items.length === 0} empty={t('segments.empty')}>
        {(d) => (
          <Table label={t('segments.saved_list')}>
            <thead><tr><th>{t('segments.name')}</th><th>{t('segments.count')}</th><th /></tr></thead>
            <tbody>
              {d.items.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{s.count}</td>
                  <td>
                    <ActionButton label={t('segments.delete')} variant="ghost" confirmVariant="danger" done={t('segments.deleted')}
                      run={async () => { await call(api.DELETE('/api/v1/admin/audience/segments/{id}', { params: { path: { id: s.id } } })); await refresh(); }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryView>
    </>
  );
}

function CondRow({ cond, onChange, onRemove }: { cond: Cond; onChange: (c: Cond) => void; onRemove: () => void }) {
  const { t } = useAudienceT();
  const kind = kindOf(cond.field);
  return (
    <div className="row">
      <SelectField label={t('segments.field')} value={cond.field} onChange={(e) => { const f = e.target.value as Field; onChange({ field: f, cmp: CMPS[kindOf(f)][0], value: '' }); }}>
        {FIELDS.map((f) => <option key={f} value={f}>{t(`fields.${f}`)}</option>)}
      </SelectField>
      <SelectField label={t('segments.cmp')} value={cond.cmp} onChange={(e) => onChange({ ...cond, cmp: e.target.value })}>
        {CMPS[kind].map((c) => <option key={c} value={c}>{t(`cmp.${c}`)}</option>)}
      </SelectField>
      <TextField label={t('segments.value')} inputMode={kind === 'numeric' ? 'decimal' : 'text'} value={cond.value} onChange={(e) => onChange({ ...cond, value: e.target.value })} />
      <Button variant="ghost" onClick={onRemove}>{t('segments.remove')}</Button>
    </div>
  );
}
