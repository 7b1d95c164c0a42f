// Frontier-based dynamic programming over set partitions (Hardy, Lucet and Limnios 2007, "K-terminal network
// reliability measures with binary decision diagrams", IEEE Trans. Reliability 56(3)), extended to node failures.

import type { FrontierPlan } from './frontier-plan.ts';
import { failsWhenClosed, isSuccessTag, mergeTags, type ServiceRoles } from './service-roles.ts';

/** Failure and success masses; each a sum of products of probabilities, so each keeps its relative precision. */
export interface FrontierDpResult {
  readonly unavailability: number;
  readonly availability: number;
}

/**
 * A state is the partition of the frontier slots into surviving components (label 0: the node is down) with one
 * service tag per component, encoded as a string: one char per slot label (labels in order of first appearance),
 * then one char per component tag. A state's value is the probability of reaching it. Probability mass whose
 * outcome is already decided leaves the table: into `failure` when a terminal (or from node) is down or a
 * component that fails the service closes, into `success` when a component already satisfies it.
 *
 * @param up P(element up) per element (nodes then links)
 * @param down P(element down) per element
 * @param maxStates the table size beyond which the computation gives up (returns null)
 */
export function runFrontierDp(
  plan: FrontierPlan,
  roles: ServiceRoles,
  up: Float64Array,
  down: Float64Array,
  maxStates: number,
): FrontierDpResult | null {
  const n = plan.nodeCount;
  const width = plan.width + 1;
  const labels = new Int32Array(width);
  const tags = new Int32Array(width);
  const remap = new Int32Array(width + 1);
  const newTags = new Int32Array(width);
  let failure = 0;
  let success = 0;
  let slots = 0;
  let current = new Map<string, number>([['', 1]]);

  const decode = (key: string): number => {
    let comps = 0;
    for (let i = 0; i < slots; i++) {
      const l = key.charCodeAt(i);
      labels[i] = l;
      if (l > comps) comps = l;
    }
    for (let c = 0; c < comps; c++) tags[c] = key.charCodeAt(slots + c);
    return comps;
  };
  /** Relabels components in order of first appearance (dropping absent ones) and adds the state's mass. */
  const emit = (table: Map<string, number>, slotCount: number, mass: number): void => {
    remap.fill(0);
    let next = 0;
    let key = '';
    for (let i = 0; i < slotCount; i++) {
      const l = labels[i];
      if (l === 0) {
        key += '\u0000';
        continue;
      }
      if (remap[l] === 0) {
        remap[l] = ++next;
        newTags[next - 1] = tags[l - 1];
      }
      key += String.fromCharCode(remap[l]);
    }
    for (let c = 0; c < next; c++) key += String.fromCharCode(newTags[c]);
    table.set(key, (table.get(key) ?? 0) + mass);
  };

  for (let step = 0; step < n; step++) {
    const v = plan.order[step];
    // Introduce v: up as a one-node component, or down.
    const pv = up[v];
    const qv = down[v];
    let next = new Map<string, number>();
    for (const [key, mass] of current) {
      const comps = decode(key);
      if (pv > 0) {
        const tag = roles.nodeTag[v];
        if (isSuccessTag(roles, tag)) {
          success += mass * pv;
        } else {
          labels[slots] = comps + 1;
          tags[comps] = tag;
          emit(next, slots + 1, mass * pv);
        }
      }
      if (qv > 0) {
        if (roles.critical[v] === 1) {
          failure += mass * qv;
        } else {
          labels[slots] = 0;
          emit(next, slots + 1, mass * qv);
        }
      }
    }
    current = next;
    slots++;

    // Process the links from v back to already introduced vertices.
    for (let i = plan.stepLinkStart[step]; i < plan.stepLinkStart[step + 1]; i++) {
      const link = n + plan.stepLink[i];
      const slotA = plan.linkSlotA[i];
      const slotB = plan.linkSlotB[i];
      const pl = up[link];
      const ql = down[link];
      next = new Map<string, number>();
      for (const [key, mass] of current) {
        const la = key.charCodeAt(slotA);
        const lb = key.charCodeAt(slotB);
        if (la === 0 || lb === 0 || la === lb) {
          // The link cannot change the partition: its state does not matter.
          next.set(key, (next.get(key) ?? 0) + mass);
          continue;
        }
        if (ql > 0) next.set(key, (next.get(key) ?? 0) + mass * ql);
        if (pl > 0) {
          decode(key);
          const merged = mergeTags(roles, tags[la - 1], tags[lb - 1]);
          if (isSuccessTag(roles, merged)) {
            success += mass * pl;
            continue;
          }
          tags[la - 1] = merged;
          for (let s = 0; s < slots; s++) if (labels[s] === lb) labels[s] = la;
          emit(next, slots, mass * pl);
        }
      }
      current = next;
    }

    // Retire the vertices whose links are all processed; a component leaving the frontier is complete.
    const retireFrom = plan.retireStart[step];
    const retireTo = plan.retireStart[step + 1];
    if (retireTo > retireFrom) {
      next = new Map<string, number>();
      const remaining = slots - (retireTo - retireFrom);
      for (const [key, mass] of current) {
        decode(key);
        let failed = false;
        let count = slots;
        for (let r = retireFrom; r < retireTo; r++) {
          const slot = plan.retireSlot[r];
          const l = labels[slot];
          for (let s = slot; s < count - 1; s++) labels[s] = labels[s + 1];
          count--;
          if (l === 0) continue;
          let stillPresent = false;
          for (let s = 0; s < count; s++) {
            if (labels[s] === l) {
              stillPresent = true;
              break;
            }
          }
          if (!stillPresent && failsWhenClosed(roles, tags[l - 1])) {
            failed = true;
            break;
          }
        }
        if (failed) failure += mass;
        else emit(next, remaining, mass);
      }
      current = next;
      slots = remaining;
    }
    if (current.size > maxStates) return null;
  }
  for (const mass of current.values()) success += mass;
  return { unavailability: failure, availability: success };
}
