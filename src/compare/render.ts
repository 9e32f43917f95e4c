/** Text and JSON-lines output of `simulate --timeline --compare`, formatted late from the comparison's data. */
import { hostName } from '../timeline/hosts.ts';
import { printable } from '../util/printable.ts';
import { formatTime } from '../timeline/render.ts';
import { formatOffset } from './clock.ts';
import type { ComparedItem, ComparedKind, Comparison } from './compare.ts';

const DIFFERENCES: readonly ComparedKind[] = ['missing', 'unexplained', 'failed', 'timing', 'changed'];

export function differenceCount(c: Comparison): number {
  return DIFFERENCES.reduce((n, k) => n + c.counts[k], 0);
}


const HOST_SOURCE: Record<Comparison['hostSource'], string> = {
  flag: 'from --log-host',
  inferred: 'inferred: the host whose replayed responses the log holds most of; --log-host sets it',
  alerts: "inferred from the agent of the log's alerts; --log-host sets it",
  default: 'nothing to infer it from; --log-host sets it',
};

function clockText(c: Comparison): string {
  const { clock } = c;
  const how =
    clock.source === 'flag'
      ? 'from --log-timezone'
      : clock.source === 'line'
        ? 'as the log lines state'
        : clock.source === 'inferred'
          ? `inferred from the alert times of ${clock.samples} run${clock.samples === 1 ? '' : 's'}; --log-timezone sets it`
          : 'assumed: no run carries an alert time; --log-timezone sets it';
  return `${formatOffset(clock.offset)} (${how})`;
}

function itemLine(item: ComparedItem): string {
  const when = item.kind === 'unexplained' ? `${formatTime(item.time)}` : formatTime(item.time);
  const action = item.loggedAction ? `${item.action}->${item.loggedAction}` : item.action;
  const where = item.logLine !== undefined ? `  log line ${item.logLine}${item.logTime !== undefined && item.kind !== 'unexplained' ? ` at ${formatTime(item.logTime)}` : ''}` : '';
  const alert = `${item.rule !== undefined ? `  rule ${item.rule}` : ''}${item.alert !== undefined ? ` alert ${item.alert}` : ''}`;
  return printable(`  ${item.kind.padEnd(11)}  ${when}  ${action.padEnd(6)}${alert}${where}${item.cause ? `: ${item.cause}` : ''}`);
}

export function comparisonText(c: Comparison, logName: string): string {
  const lines: string[] = [];
  lines.push(printable(`Compared with ${logName}: ${hostName(c.host)} (${HOST_SOURCE[c.hostSource]}), log clock ${clockText(c)}, tolerance ${c.tolerance}s.`));
  if (c.from !== undefined && c.to !== undefined) {
    lines.push(c.logEmpty ? `The log is empty: compared over the alerts' span, ${formatTime(c.from)} to ${formatTime(c.to)} UTC.` : `The log covers ${formatTime(c.from)} to ${formatTime(c.to)} UTC.`);
  }
  if (c.unread) lines.push(printable(`${c.unread} line(s) of the log are in neither active-responses.log shape and were not read (the first: ${logName}:${c.firstUnread}).`));
  if (c.replayOutside) lines.push(`${c.replayOutside} replayed response(s) on ${hostName(c.host)} fall outside the log's span and were not compared.`);
  if (c.logOutside) lines.push(`${c.logOutside} logged run(s) fall outside the alerts' span and were not compared.`);
  // Per command and key: a header with what matched, then each difference.
  let current = '';
  let matched = 0;
  let block: string[] = [];
  const flush = () => {
    if (current === '') return;
    const [command, key] = current.split('\0');
    lines.push('', printable(`${command}  ${key}${matched ? `  (${matched} matched)` : ''}`), ...block);
  };
  for (const item of c.items) {
    const id = `${item.command}\0${item.key}`;
    if (id !== current) {
      flush();
      current = id;
      matched = 0;
      block = [];
    }
    if (item.kind === 'matched') matched++;
    else block.push(itemLine(item));
  }
  flush();
  lines.push('');
  const differences = differenceCount(c);
  const parts = DIFFERENCES.filter((k) => c.counts[k] > 0).map((k) => `${c.counts[k]} ${k}`);
  lines.push(
    differences === 0
      ? `The log agrees with the replay: ${c.counts.matched} run(s) matched.`
      : `${differences} difference${differences === 1 ? '' : 's'} (${parts.join(', ')}); ${c.counts.matched} run(s) matched.`,
  );
  return `${lines.join('\n')}\n`;
}

function isoTime(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function itemJson(item: ComparedItem): string {
  return JSON.stringify({
    type: item.kind,
    time: isoTime(item.time),
    host: item.host,
    action: item.action,
    ...(item.loggedAction ? { loggedAction: item.loggedAction } : {}),
    command: item.command,
    key: item.key,
    ...(item.alert !== undefined ? { alert: item.alert } : {}),
    ...(item.rule !== undefined ? { rule: item.rule } : {}),
    ...(item.logLine !== undefined ? { logLine: item.logLine } : {}),
    ...(item.logTime !== undefined ? { logTime: isoTime(item.logTime) } : {}),
    ...(item.delta !== undefined ? { delta: item.delta } : {}),
    ...(item.cause !== undefined ? { cause: item.cause } : {}),
  });
}

export function comparisonJson(c: Comparison, logName: string): string {
  return JSON.stringify({
    comparison: {
      log: logName,
      host: c.host,
      hostSource: c.hostSource,
      clock: { offset: formatOffset(c.clock.offset), source: c.clock.source, samples: c.clock.samples },
      tolerance: c.tolerance,
      logEmpty: c.logEmpty,
      ...(c.from !== undefined ? { from: isoTime(c.from) } : {}),
      ...(c.to !== undefined ? { to: isoTime(c.to) } : {}),
      counts: c.counts,
      differences: differenceCount(c),
      replayOutside: c.replayOutside,
      logOutside: c.logOutside,
      unread: c.unread,
      ...(c.firstUnread !== undefined ? { firstUnread: c.firstUnread } : {}),
    },
  });
}
