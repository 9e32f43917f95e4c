/** `arctl diff --format json`: the report as data (cli.md's shape for diff). */
import type { DiffReport } from './model.ts';

export function renderDiffJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
