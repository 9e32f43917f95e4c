/**
 * The kinds of block `arctl add` writes, in the order `arctl add --help` lists them. Adding a kind is a
 * file in this folder (an AddKind: flags, help, completion, questions, checks, planning) and a line here.
 */
import { activeResponseKind, type ActiveResponseSpec, type RawActiveResponse } from './active-response.ts';
import { commandKind, type CommandSpec, type RawCommand } from './command.ts';
import { emailAlertsKind, type EmailAlertsSpec, type RawEmailAlerts } from './email-alerts.ts';
import type { AddKind } from './kind.ts';
import { whiteListKind, type RawWhiteList, type WhiteListSpec } from './white-list.ts';

export const ADD_KINDS = [commandKind, activeResponseKind, whiteListKind, emailAlertsKind] as const;

type SpecOf<K> = K extends AddKind<string, unknown, infer Spec> ? Spec : never;

/** A block `arctl add` writes, as data. */
export type BlockSpec = SpecOf<(typeof ADD_KINDS)[number]>;
export type AddKindName = BlockSpec['kind'];

/** Any kind, with its raw values and spec left open (the shell and the planner hold them as data). */
export type AnyAddKind = AddKind<string, any, any>;

export function addKind(name: string): AnyAddKind | undefined {
  return ADD_KINDS.find((k) => k.name === name);
}

export type { ActiveResponseSpec, CommandSpec, EmailAlertsSpec, WhiteListSpec, RawActiveResponse, RawCommand, RawEmailAlerts, RawWhiteList };
