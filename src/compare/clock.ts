/**
 * The log's clock. 4.x lines carry the host's local time without a zone; legacy lines carry date(1)'s
 * zone name, which is only exact for UTC/GMT and numeric zones. Each run that received a new alert also
 * carries the alert's own time (its timestamp, or the epoch seconds before the dot of its id), written a
 * moment earlier: the difference, rounded to a quarter hour, is the host's UTC offset.
 */
import { parseAlertTime } from '../timeline/time.ts';
import type { ArLog, LoggedRun } from './read-log.ts';

/** How the log's times are read: inferred from the runs, or a fixed offset in seconds east of UTC. */
export type LogZone = 'auto' | number;

export interface LogClock {
  /** Seconds east of UTC: UTC time = local time - offset. */
  offset: number;
  /** flag: --log-timezone; line: the legacy lines name the zone; inferred: from `samples` runs; assumed: UTC, nothing to infer from. */
  source: 'flag' | 'line' | 'inferred' | 'assumed';
  samples: number;
}

const QUARTER_HOUR = 900;

/** `UTC`, `Z`, `+02:00`, `-0530`, `+5`: seconds east of UTC, or undefined. */
export function parseLogZone(text: string): LogZone | undefined {
  if (text === 'auto') return 'auto';
  if (/^(UTC|GMT|Z)$/i.test(text)) return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!m || Number(m[2]) > 14 || Number(m[3] ?? 0) > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

/** When the alert a run received was raised, in UTC seconds. */
export function alertTimeOf(run: LoggedRun): number | undefined {
  const stamp = run.alert ? parseAlertTime(run.alert.timestamp) : undefined;
  if (stamp !== undefined) return stamp;
  const seconds = run.alertId !== undefined ? /^(\d{9,11})\./.exec(run.alertId)?.[1] : undefined;
  return seconds !== undefined ? Number(seconds) : undefined;
}

export function logClock(log: ArLog, zone: LogZone): LogClock {
  if (zone !== 'auto') return { offset: zone, source: 'flag', samples: 0 };
  const stated = log.runs.find((r) => r.zoneOffset !== undefined)?.zoneOffset;
  if (stated !== undefined) return { offset: stated, source: 'line', samples: 0 };
  const votes = new Map<number, number>();
  let samples = 0;
  for (const run of log.runs) {
    // A delete carries the alert of its add, raised a timeout earlier.
    if (run.action === 'delete') continue;
    const raised = alertTimeOf(run);
    if (raised === undefined) continue;
    const offset = Math.round((run.localTime - raised) / QUARTER_HOUR) * QUARTER_HOUR;
    if (Math.abs(offset) > 14 * 3600) continue;
    votes.set(offset, (votes.get(offset) ?? 0) + 1);
    samples++;
  }
  if (samples === 0) return { offset: 0, source: 'assumed', samples: 0 };
  const [offset] = [...votes].sort((a, b) => b[1] - a[1] || Math.abs(a[0]) - Math.abs(b[0]))[0]!;
  return { offset, source: 'inferred', samples };
}

/** `UTC+02:00`. */
export function formatOffset(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 3600)).padStart(2, '0')}:${String(Math.floor(abs / 60) % 60).padStart(2, '0')}`;
}
