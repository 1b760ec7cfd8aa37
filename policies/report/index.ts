/**
 * Report renderers by format.
 */
import type { EvaluationResult } from '../evaluate';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

/** The report formats. */
export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Readonly<Record<ReportFormat, (result: EvaluationResult) => string>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
};

/** Renders an evaluation in a format; deterministic (sorted, no timestamps, relative paths). */
export function renderReport(result: EvaluationResult, format: ReportFormat): string {
  return RENDERERS[format](result);
}
