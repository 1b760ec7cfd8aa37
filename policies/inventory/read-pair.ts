/**
 * One read of a plan or preview file for two callers: `preview` (its change set) and the head policy it
 * computes (what `check` reads). Each piece of the document is parsed and validated once and handed to
 * both, instead of reading a 50 MB plan twice. The second caller's work is isolated: when its callback
 * throws, the first caller's read goes on and the error is kept for the second caller to report, as if
 * it had read the file on its own. Both callers get the same parsed values: neither may change them
 * (their types are readonly; test/policies/read-pair.test.ts checks that building the inventory leaves
 * them as read).
 */
import type { PlanRead, PlanReadOptions, StateResource } from './plan/document';
import type { PreviewRead, PreviewReadOptions } from './pulumi-preview/document';
import type { InputDocument, ReadDocumentOptions } from './read-document';

/** What each caller kept of one change or step. */
interface Pair<A, B> {
  readonly first: A | undefined;
  readonly second: B | undefined;
}

/** The options of the shared read, and how to split what it read into each caller's document. */
export interface PairedRead<T1, S1, T2, S2> {
  readonly options: ReadDocumentOptions<Pair<T1, T2>, Pair<S1, S2>>;
  /** Each caller's document, or for the second the error its callbacks threw. */
  split(document: InputDocument<Pair<T1, T2>, Pair<S1, S2>>): {
    readonly first: InputDocument<T1, S1>;
    readonly second: InputDocument<T2, S2> | { readonly error: unknown };
  };
}

const EMPTY = Object.freeze({});

/** Pairs two callers' options; the sections of a plan are kept when either caller wants them. */
export function pairReads<T1, S1, T2, S2>(
  first: ReadDocumentOptions<T1, S1>,
  second: ReadDocumentOptions<T2, S2>,
): PairedRead<T1, S1, T2, S2> {
  let failure: { error: unknown } | undefined;
  const guarded =
    <I, O>(fn: ((input: I) => O | undefined) | undefined) =>
    (input: I): O | undefined => {
      if (!fn || failure) return undefined;
      try {
        return fn(input);
      } catch (error) {
        failure = { error };
        return undefined;
      }
    };
  const options: ReadDocumentOptions<Pair<T1, T2>, Pair<S1, S2>> = {
    ...(first.plan || second.plan ? { plan: pairPlanOptions(first.plan, second.plan, guarded) } : {}),
    ...(first.preview || second.preview
      ? { preview: pairPreviewOptions(first.preview, second.preview, guarded) }
      : {}),
  };
  return {
    options,
    split(document) {
      if (document.format === 'terraform-plan') {
        const plan = document.plan;
        const firstPlan = planSide(plan, first.plan, (p) => p.first);
        if (failure) return { first: { format: 'terraform-plan', plan: firstPlan }, second: failure };
        const secondPlan = planSide(plan, second.plan, (p) => p.second);
        return {
          first: { format: 'terraform-plan', plan: firstPlan },
          second: { format: 'terraform-plan', plan: secondPlan },
        };
      }
      if (document.format === 'pulumi-preview') {
        const side = <S>(pick: (p: Pair<S1, S2>) => S | undefined): PreviewRead<S> => ({
          ...document.preview,
          steps: document.preview.steps.flatMap((p) => {
            const kept = pick(p);
            return kept === undefined ? [] : [kept];
          }),
        });
        const firstPreview = { format: 'pulumi-preview' as const, preview: side((p) => p.first) };
        if (failure) return { first: firstPreview, second: failure };
        return { first: firstPreview, second: { format: 'pulumi-preview', preview: side((p) => p.second) } };
      }
      const other = { format: 'other' as const, keys: document.keys };
      return { first: other, second: other };
    },
  };
}

type Guard = <I, O>(fn: ((input: I) => O | undefined) | undefined) => (input: I) => O | undefined;

function pairPlanOptions<T1, T2>(
  first: PlanReadOptions<T1> | undefined,
  second: PlanReadOptions<T2> | undefined,
  guarded: Guard,
): PlanReadOptions<Pair<T1, T2>> {
  return {
    change: both(first?.change, guarded(second?.change)),
    keepStateValues: (address) =>
      wantsValues(first, (o) => o.keepStateValues?.(address)) ||
      wantsValues(second, (o) => o.keepStateValues?.(address)),
    planned: first?.planned === true || second?.planned === true,
    priorData: first?.priorData === true || second?.priorData === true,
    configuration: first?.configuration === true || second?.configuration === true,
  };
}

/** True when `options` asks for state sections and keeps the values (`keep` undefined: it does). */
function wantsValues<T>(
  options: PlanReadOptions<T> | undefined,
  keep: (options: PlanReadOptions<T>) => boolean | undefined,
): boolean {
  return options !== undefined && (options.planned === true || options.priorData === true)
    ? (keep(options) ?? true)
    : false;
}

/** One caller's view of a shared plan read: its changes, and only the sections it asked for. */
function planSide<P, T>(
  plan: PlanRead<P>,
  options: PlanReadOptions<T> | undefined,
  pick: (pair: P) => T | undefined,
): PlanRead<T> {
  const state = (resources: readonly StateResource[], wanted: boolean | undefined): StateResource[] =>
    wanted
      ? resources.map((r) => ((options?.keepStateValues?.(r.parsed) ?? true) ? r : { ...r, values: EMPTY }))
      : [];
  const { configuration, ...rest } = plan;
  return {
    ...rest,
    changes: plan.changes.flatMap((pair) => {
      const kept = pick(pair);
      return kept === undefined ? [] : [kept];
    }),
    planned: state(plan.planned, options?.planned),
    priorData: state(plan.priorData, options?.priorData),
    ...(configuration && options?.configuration ? { configuration } : {}),
  };
}

function pairPreviewOptions<S1, S2>(
  first: PreviewReadOptions<S1> | undefined,
  second: PreviewReadOptions<S2> | undefined,
  guarded: Guard,
): PreviewReadOptions<Pair<S1, S2>> {
  return { step: both(first?.step, guarded(second?.step)) };
}

/** One callback calling both callers' (the second one already guarded); undefined when neither keeps. */
function both<I, A, B>(
  first: ((input: I) => A | undefined) | undefined,
  second: (input: I) => B | undefined,
): (input: I) => Pair<A, B> | undefined {
  return (input) => {
    const a = first?.(input);
    const b = second(input);
    return a === undefined && b === undefined ? undefined : { first: a, second: b };
  };
}
