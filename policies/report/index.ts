/**
 * Report renderers by format.
 */
import type { EvaluationResult } from '../evaluate';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';
import type { LineLookup } from './source-lines';
import type { DeclarationLookup } from './declaration-lines';

export type { LineLookup } from './source-lines';
export { lineLookup, resourceLines } from './source-lines';
export type { DeclarationLine, DeclarationLookup } from './declaration-lines';
export { declarationLookup } from './declaration-lines';

/** The report formats. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options of `renderReport`. */
export interface ReportOptions {
  /** Line of a resource in its file, for formats that point at lines (SARIF). @default none */
  readonly lineOf?: LineLookup;
  /** Where a resource is declared (the estate module's line), for SARIF. @default none */
  readonly declarationOf?: DeclarationLookup;
}

const RENDERERS: Readonly<
  Record<ReportFormat, (result: EvaluationResult, options: ReportOptions) => string>
> = {
  text: renderText,
  json: renderJson,
  sarif: (result, options) => renderSarif(result, options.lineOf, options.declarationOf),
  junit: renderJunit,
  markdown: renderMarkdown,
};

/** Renders an evaluation in a format; deterministic (sorted, no timestamps, relative paths). */
export function renderReport(
  result: EvaluationResult,
  format: ReportFormat,
  options: ReportOptions = {},
): string {
  return RENDERERS[format](result, options);
}
