/**
 * What a Wazuh daemon logs while it reads its configuration, and every refusal arctl finds in it.
 *
 * A daemon stops at its first fatal error, so `lines` (what it prints) ends there. The readers keep going
 * after it, so `problems` holds every refusal, in the order the daemon would meet them one fix at a time.
 */
import type { Range, XmlElement } from '../document/types.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';

export type LoadLevel = 'ERROR' | 'WARNING' | 'INFO';
export type LoadDaemon =
  | 'wazuh-analysisd' | 'wazuh-maild' | 'wazuh-agentd' | 'wazuh-syscheckd' | 'wazuh-logcollector' | 'wazuh-modulesd' | 'wazuh-remoted' | 'wazuh-authd'
  | 'wazuh-csyslogd' | 'wazuh-monitord' | 'wazuh-clusterd' | 'wazuh-db' | 'wazuh-agentlessd';

/**
 * The daemons arctl's messages name: the readers of load-log, and those only a message mentions; and the control
 * script that starts them, renamed with them (bin/ossec-control at v4.1.5, bin/wazuh-control at v4.2.0:
 * src/init/inst-functions.sh InstallCommon).
 */
export type WazuhDaemon = LoadDaemon | 'wazuh-execd' | 'wazuh-db' | 'wazuh-apid' | 'wazuh-clusterd' | 'wazuh-integratord' | 'wazuh-control';

/**
 * The name a daemon logs under on the target: Wazuh 4.2.0 renamed OSSEC's ossec-* daemons wazuh-* (ARGV0
 * "ossec-analysisd" at v4.1.5, "wazuh-analysisd" at v4.2.0: src/analysisd/analysisd.c:16; likewise
 * src/os_execd/execd.h:15, src/os_maild/maild.c:17, src/client-agent/main.c:17, src/os_auth/auth.h:30,
 * src/remoted/remoted.h:15, src/logcollector/logcollector.h:15); wazuh-modulesd, wazuh-db and the Python
 * wazuh-apid and wazuh-clusterd were Wazuh's from the start.
 */
export function daemonName(daemon: WazuhDaemon, target: TargetVersion): string {
  return BORN_WAZUH.has(daemon) || versionAtLeast(target, 4, 2) ? daemon : daemon.replace(/^wazuh-/, 'ossec-');
}

const BORN_WAZUH: ReadonlySet<WazuhDaemon> = new Set(['wazuh-modulesd', 'wazuh-db', 'wazuh-apid', 'wazuh-clusterd']);

/** One line Wazuh logs while reading the configuration. */
export interface LoadMessage {
  daemon: LoadDaemon;
  level: LoadLevel;
  /** Wazuh's message number (1230, 1235, ...), or null for the few uncoded messages. */
  code: number | null;
  /** The exact text after `LEVEL: `, e.g. `(1230): Invalid element in the configuration: 'x'.` */
  text: string;
  /** The daemon refuses to start because of it. */
  fatal: boolean;
  /**
   * The daemon dies (SIGSEGV) here: `text` is arctl's description of why (Wazuh prints nothing), to be
   * said after `crashed(daemon)` with the daemon named as the target names it.
   */
  crash?: boolean;
  /** The daemon never gets past this element (a loop without end): `text` is arctl's description. */
  hang?: boolean;
  /** A warning's block the daemon drops for it and runs without (azure-logs' <request>, <log_analytics>, ...). */
  drops?: XmlElement;
  /** Only a daemon on this platform refuses it (Windows-only options, read under #ifdef WIN32). */
  platform?: 'windows';
  /** Bytes of the element concerned (null for file-level messages such as 1202). */
  range: Range | null;
  element: XmlElement | null;
}

export const invalidElement = (name: string): string => `(1230): Invalid element in the configuration: '${name}'.`;
export const invalidValue = (name: string, value: string): string => `(1235): Invalid value for element '${name}': ${value}.`;
export const configError = (what: string): string => `(1202): Configuration error at '${what}'.`;

/** What a crash message says first: `wazuh-maild crashes (SIGSEGV): ` (`a and b crash` for two daemons named together). */
export const crashed = (daemons: string): string => `${daemons} ${daemons.includes(' and ') ? 'crash' : 'crashes'} (SIGSEGV): `;

export interface FailOptions {
  /** Further ERROR lines the daemon prints right after the message (Read_Rules' "Regex would not compile"). */
  extra?: string[];
  /** Inside an `<ossec_config>` root, ReadConfig adds "(1202): Configuration error at 'FILE'." (not for roots or GlobalConf's own checks). */
  inRoot?: boolean;
}

export class StartupLog {
  /** What the daemon prints, up to the line where it stops. */
  readonly lines: LoadMessage[] = [];
  /** Every refusal found, the first one being the one the daemon stops at. */
  readonly problems: LoadMessage[] = [];
  /** Every warning after which the daemon runs on with the option ignored (whether or not a refusal stops it first). */
  readonly warnings: LoadMessage[] = [];
  stopped = false;
  crashed = false;

  constructor(
    readonly daemon: LoadDaemon,
    readonly fileName: string,
  ) {}

  private message(level: LoadLevel, code: number | null, text: string, element: XmlElement | null, fatal: boolean): LoadMessage {
    return { daemon: this.daemon, level, code, text, fatal, range: element?.range ?? null, element };
  }

  /** A non-fatal line (WARNING, INFO), printed while the daemon still runs. */
  note(level: LoadLevel, code: number | null, text: string, element: XmlElement | null): LoadMessage {
    const m = this.message(level, code, text, element, false);
    if (!this.stopped) this.lines.push(m);
    return m;
  }

  /** A warning: the daemon prints it (if it has not stopped already), ignores what it names and reads on. */
  warn(code: number | null, text: string, element: XmlElement, drops?: XmlElement): LoadMessage {
    const m: LoadMessage = { ...this.note('WARNING', code, text, element), ...(drops ? { drops } : {}) };
    this.warnings.push(m);
    return m;
  }

  /** A refusal: the daemon prints it (if it has not stopped already) and stops. */
  fail(code: number | null, text: string, element: XmlElement | null, options: FailOptions = {}): LoadMessage {
    const m = this.message('ERROR', code, text, element, true);
    this.problems.push(m);
    if (!this.stopped) {
      this.lines.push(m);
      for (const line of options.extra ?? []) this.lines.push(this.message('ERROR', null, line, null, false));
      if (options.inRoot) this.lines.push(this.message('ERROR', 1202, configError(this.fileName), null, false));
      this.stopped = true;
    }
    return m;
  }

  /** The daemon loops here for good: it prints `printed` again and again and reads nothing more. */
  hang(why: string, element: XmlElement): LoadMessage {
    const m: LoadMessage = { ...this.message('WARNING', null, why, element, true), hang: true };
    this.problems.push(m);
    this.stopped = true;
    return m;
  }

  /** The daemon dies with SIGSEGV: nothing more is printed. */
  crash(why: string, element: XmlElement): LoadMessage {
    const m: LoadMessage = { ...this.message('ERROR', null, why, element, true), crash: true };
    this.problems.push(m);
    if (!this.stopped) this.crashed = true;
    this.stopped = true;
    return m;
  }
}
