/** A configuration loaded for `arctl diff`: the engine's view plus the white list and execd's offender list. */
import type { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { agentsExecdStop, loadSimConfig } from '../simulate/from-load.ts';
import type { SimOptions } from '../simulate/model.ts';
import { firstRepeatedOffenders } from '../wazuh/repeated-offenders.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { DiffSide } from './static.ts';

/** Why nothing of a side is compared beyond its refusal (DiffSide.comparedNoFurther). */
export const UNREADABLE_NOTE = 'Wazuh reads nothing of a file os_xml refuses, so nothing else in the two files is compared';
export const FOREIGN_ROOT_NOTE =
  'Wazuh stops reading at a root element other than <ossec_config> and does not start (nothing under that root is read), so nothing else in the two files is compared';

export function loadDiffSide(doc: ConfigDocument, target: TargetVersion, arch?: ManagerArch): DiffSide {
  const config = loadSimConfig(doc, target, arch);
  // ReadConfig stops at a root other than <ossec_config> (src/config/config.c:492-496, XML_INVELEM): the blocks
  // under it are never read, and those of the other side would show as removed or added by nobody.
  const stop = config.loaded.firstFatal;
  const foreignRoot = stop?.code === 1230 && stop.element !== null && doc.roots.includes(stop.element);
  const note = doc.parseError ? UNREADABLE_NOTE : foreignRoot ? FOREIGN_ROOT_NOTE : undefined;
  return {
    config,
    whiteList: config.loaded.global.whiteList.map((w) => w.entry.text),
    repeatedOffenders: firstRepeatedOffenders(buildConfigView(doc)) ?? [],
    ...(note !== undefined ? { comparedNoFurther: note } : {}),
  };
}

/**
 * The agents' own ossec.conf (diff --agent-config, DiffSettings.agentConfig), as simulate reads it: each host's execd
 * reads its own file (os_execd/config.c ExecdConfig). Its first <disabled> yes stops what either side sends to agents
 * (set on `options`); its <repeated_offenders> minutes are returned, for the copy notes and the timeline.
 */
export function readAgentExecd(doc: ConfigDocument, options: SimOptions): number[] | undefined {
  const stop = agentsExecdStop(doc);
  if (stop) options.agentsExecdOff = { file: doc.path, ...stop };
  return firstRepeatedOffenders(buildConfigView(doc));
}
