/**
 * The manager's build. gcc makes plain `char` signed on x86_64 (the build nearly every manager runs) and
 * unsigned on aarch64; Wazuh's C code compares a `char` with an unsigned table value or EOF in places, so a
 * byte >= 0x80 behaves differently (verified/matchers-x86.json, os_xml-bytes.json, binding-x86.json).
 */
import { XML_MAX_ATTR_DEPTH, type OsXmlOptions } from '../document/os-xml.ts';
import { versionAtLeast, type TargetVersion } from './version.ts';

export type ManagerArch = 'x86_64' | 'aarch64';

export const MANAGER_ARCHES: readonly ManagerArch[] = ['x86_64', 'aarch64'];

export const DEFAULT_MANAGER_ARCH: ManagerArch = 'x86_64';

/** Is plain `char` signed in this build? */
export function signedChar(arch: ManagerArch = DEFAULT_MANAGER_ARCH): boolean {
  return arch === 'x86_64';
}

export function isManagerArch(text: string): text is ManagerArch {
  return (MANAGER_ARCHES as readonly string[]).includes(text);
}

/**
 * `c == table[(uchar)s]` with `c` a pattern byte held in a plain char: where char is signed a byte >= 0x80 is
 * negative and never equals a table value (0..255).
 */
export function charEqualsTableValue(patternByte: number, tableValue: number, arch: ManagerArch): boolean {
  return patternByte === tableValue && (patternByte < 0x80 || !signedChar(arch));
}

/** How Wazuh's XML reader behaves for this build and release (the document model takes it as data). */
export function readerOptions(target: TargetVersion, arch: ManagerArch = DEFAULT_MANAGER_ARCH): OsXmlOptions {
  return {
    signedChar: signedChar(arch),
    // os_xml.c gained the attribute recursion limit in 4.14.7.
    maxAttributeDepth: versionAtLeast(target, 4, 14, 7) ? XML_MAX_ATTR_DEPTH : null,
  };
}
