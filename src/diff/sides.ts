/** A configuration loaded for `arctl diff`: the engine's view plus the white list and execd's offender list. */
import type { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { loadSimConfig } from '../simulate/from-load.ts';
import { firstRepeatedOffenders } from '../wazuh/repeated-offenders.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { DiffSide } from './static.ts';

export function loadDiffSide(doc: ConfigDocument, target: TargetVersion, arch?: ManagerArch): DiffSide {
  const config = loadSimConfig(doc, target, arch);
  return {
    config,
    whiteList: config.loaded.global.whiteList.map((w) => w.entry.text),
    repeatedOffenders: firstRepeatedOffenders(buildConfigView(doc)) ?? [],
    ...(doc.parseError ? { unreadable: true } : {}),
  };
}
