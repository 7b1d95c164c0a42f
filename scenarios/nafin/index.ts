// The embedded default model: an ILLUSTRATIVE NAFIN built from public information only (the real topology is
// state-secret). See README.md in this folder for sources.

import { fileURLToPath } from 'node:url';

/** Absolute path of the embedded illustrative NAFIN topology. */
export const DEFAULT_TOPOLOGY_PATH = fileURLToPath(new URL('./nafin-topology.yaml', import.meta.url));
/** Absolute path of the embedded default study (runs on the default topology). */
export const DEFAULT_STUDY_PATH = fileURLToPath(new URL('./default-study.yaml', import.meta.url));
