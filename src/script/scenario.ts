/**
 * The messages a test sends, on the fake clock. One alert: the alert, the same alert again while its
 * entry is active (abort), the alert with another source IP (a key of its own), the timeout's delete,
 * and the first offender again after it (repeated offenders) with its delete. An alerts file: every
 * alert at its timestamp, in time order.
 */
import { parseAlertTime } from '../timeline/time.ts';
import type { Delivery, DeliveryRole } from './driver.ts';
import { offenderTimeout } from '../wazuh/repeated-offenders.ts';

/** What analysisd sends for an alert: the 4.2+ message or the legacy argv; undefined when the response does not fire. */
export type PayloadFor = (alert: Record<string, unknown>) => { message: Record<string, unknown> } | { argv: string[] } | undefined;

/** A documentation address (RFC 5737) that differs from the alert's own. */
export function otherAddress(srcip: string): string {
  return srcip === '198.51.100.23' ? '198.51.100.24' : '198.51.100.23';
}

function delivery(time: number, label: string, role: DeliveryRole, alert: Record<string, unknown>, payload: NonNullable<ReturnType<PayloadFor>>): Delivery {
  const rule = alert.rule as Record<string, unknown> | undefined;
  return { time, label, role, alertId: String(alert.id ?? '-'), ruleId: String(rule?.id ?? '-'), ...payload };
}

function withSrcip(alert: Record<string, unknown>, srcip: string): Record<string, unknown> {
  const data = alert.data as Record<string, unknown>;
  return { ...alert, id: `${String(alert.id ?? 'alert')}-other`, data: { ...data, srcip } };
}

/** @param repeatedOffenders minutes: the repeat (the second sighting) already takes the first value. */
export function singleAlertScenario(alert: Record<string, unknown>, payloadFor: PayloadFor, timeout: number, repeatedOffenders?: number[]): Delivery[] {
  const first = payloadFor(alert);
  if (!first) return [];
  const t0 = Math.floor(parseAlertTime(alert.timestamp) ?? 0);
  const out = [delivery(t0, 'the alert', 'first', alert, first), delivery(t0 + 1, 'the same alert again', 'repeat', alert, first)];
  const data = alert.data as Record<string, unknown> | undefined;
  if (typeof data?.srcip === 'string') {
    const other = withSrcip(alert, otherAddress(data.srcip));
    const payload = payloadFor(other);
    if (payload) out.push(delivery(t0 + 2, `the alert from another source IP (${otherAddress(data.srcip)})`, 'other-offender', other, payload));
  }
  // The repeat reset the entry at t0 + 1; execd deletes it at the first tick past the timeout (its
  // minutes times 60 in C int: a huge value wraps, a negative one deletes at once).
  const kept = repeatedOffenders?.[0] ? Math.max(0, offenderTimeout(repeatedOffenders[0])) : timeout;
  if (timeout > 0) out.push(delivery(t0 + 1 + kept + 2, 'the first offender again, after the delete', 're-offence', alert, first));
  return out;
}

/** Every alert that fires the response, at its timestamp (alerts without one follow the last time seen). */
export function alertsScenario(alerts: Array<Record<string, unknown>>, payloadFor: PayloadFor): Delivery[] {
  const out: Delivery[] = [];
  let last = 0;
  for (const alert of alerts) {
    const time = Math.floor(parseAlertTime(alert.timestamp) ?? last);
    last = time;
    const payload = payloadFor(alert);
    if (payload) out.push(delivery(time, `alert ${String(alert.id ?? out.length + 1)}`, 'alert', alert, payload));
  }
  return out.sort((a, b) => a.time - b.time);
}
