/**
 * Where the oracles' binaries come from. Each compiles Wazuh's own C code; that code, the binaries built
 * from it and the recipes that build them are kept out of this repository (the terms under which the
 * Wazuh source is read here), so the oracles run only where someone built them, under .oracle/.
 */
export const NOT_HERE = 'built outside this repository: Wazuh\'s code, binaries built from it and the recipes that build them are never committed';
