// Risk's two statements on every guarded request (the evidence read and the decision's insert),
// built and compiled once per shape instead of on every call. Kysely builds a query as a tree of
// frozen nodes and compiles it to SQL text each time: for these two, with their subqueries and
// 40 inserted columns, that was about a quarter of the Node CPU a coupon claim's risk check costs,
// to produce the same text every time. A shape is what decides the text (how many devices, whether
// a subject or a network is asked about, the inserted columns); the values travel as parameters.
//
// The query is built once with a placeholder (`slot`) where each call's value goes; compiling puts
// each placeholder in the parameter list, where each call's values then replace it. A value the
// SQL text depends on (null in `is null`, a list's length) belongs in the shape, not in a slot.
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { RiskDb } from './risk.table.ts';

const SLOT = Symbol('risk.slot');
interface Slot {
  readonly [SLOT]: string;
}

/** A placeholder for the call's value named `name`, typed as the builder expects that value. */
export const slot = <T>(name: string): T => ({ [SLOT]: name }) as Slot as T;

const isSlot = (v: unknown): v is Slot => typeof v === 'object' && v !== null && SLOT in v;

/** Where a parameter's value comes from: a constant of the shape, or a call's `values[name]` (`[key]`). */
type Source = { constant: unknown } | { name: string; key: string | null };

/** Compiled queries by shape, one set per risk service (a process's few shapes; bounded all the same). */
export class QueryShapes {
  private readonly compiled = new Map<string, { query: CompiledQuery; sources: Source[] }>();

  constructor(private readonly max = 200) {}

  /**
   * Runs the query of this shape with these values: `build` (with slots for the values) is called
   * and compiled on the shape's first use only. A slot `name.key` reads `values[name][key]`, so a
   * row or a list is passed as it is.
   */
  async run<R>(db: RiskDb, shape: string, build: () => Compilable<R>, values: Readonly<Record<string, unknown>>): Promise<QueryResult<R>> {
    let compiled = this.compiled.get(shape);
    if (!compiled) {
      const query = build().compile();
      const sources = query.parameters.map((p): Source => {
        if (!isSlot(p)) return { constant: p };
        const [name, key] = p[SLOT].split('.');
        return { name: name!, key: key ?? null };
      });
      if (this.compiled.size >= this.max) this.compiled.clear();
      this.compiled.set(shape, (compiled = { query, sources }));
    }
    const parameters = compiled.sources.map((source) => {
      if ('constant' in source) return source.constant;
      const value = source.key === null ? values[source.name] : (values[source.name] as Record<string, unknown> | null | undefined)?.[source.key];
      // A value left out would go as SQL null: a mistake in the caller, not a null.
      if (value === undefined) throw new Error(`risk query ${shape}: no value for ${source.name}${source.key === null ? '' : `.${source.key}`}`);
      return value;
    });
    const { query } = compiled;
    return db.executeQuery<R>({ query: query.query, queryId: query.queryId, sql: query.sql, parameters });
  }
}
