// The words of the two-page brief: a bottom line that says what to do in plain language, then short introductions
// to the services table, the weak spots and what changed since the previous analysis. Pure and deterministic.

import type { ResultDocument, ServiceEstimate } from '../../engine/index.ts';
import { diffAgainstBaseline, type ServiceChange } from '../internal/baseline-diff.ts';
import { ELEMENT_KIND_NAMES, createElementLabeler, type ElementLabeler } from '../internal/element-labels.ts';
import {
  MINUTES_PER_YEAR,
  formatAvailability,
  formatDate,
  formatDowntime,
  formatMinutes,
  formatNumber,
  joinProse,
  pluralize,
} from '../internal/format.ts';
import {
  describeEvent,
  findEventExposure,
  findPrimaryScenario,
  isClearlyWorse,
  readScenario,
  attributableDowntime,
} from '../internal/scenario-reading.ts';
import {
  ATTACK_QUALITY_TEXT,
  attackQuality,
  findCheapestAttacks,
  rankWeakSpots,
  type WeakSpot,
} from '../internal/weak-spots.ts';
import { BRIEF_WEAK_SPOT_COUNT } from '../tables/build-tables.ts';
import { item, list, paragraph, type SummaryText, type TextBlock } from './report-outline.ts';

/** A section's heading and text blocks, before the outline adds its tables and figures. */
export interface SectionText {
  readonly heading: string | null;
  readonly blocks: readonly TextBlock[];
}

/** How many weak spots the bottom line names. */
const BOTTOM_LINE_WEAK_SPOTS = 3;
/** How many changes the brief lists before "and N more". */
const BRIEF_CHANGES_LISTED = 5;

/** "Utrecht core (site)", "Regional power outage Utrecht (risk group)". */
export function describeElement(labeler: ElementLabeler, id: string): string {
  const element = labeler.labelOf(id);
  return element.kind === 'unknown' ? id : `${element.label} (${ELEMENT_KIND_NAMES[element.kind]})`;
}

/** A count in a sentence: "no" for zero, else digits, so "10 of 11" never reads "ten of 11". */
function countWord(count: number): string {
  return count === 0 ? 'no' : formatNumber(count);
}

function targetsLine(doc: ResultDocument, labeler: ElementLabeler): SummaryText {
  const primary = findPrimaryScenario(doc);
  if (primary === null) {
    return item(
      'Targets:',
      'every scenario of this run forces an event or an attack, so it says nothing about availability over a year ' +
        'and no target is judged; its figures hold only while the event or attack lasts.',
    );
  }
  const judged = primary.services.filter((e) => e.targetStatus !== null);
  if (judged.length === 0) return item('Targets:', 'no service has an availability target, so none is judged.');
  const missed = judged.filter((e) => e.targetStatus === 'missed');
  const uncertain = judged.filter((e) => e.targetStatus === 'uncertain');
  const met = judged.filter((e) => e.targetStatus === 'met');
  const counts = [
    `${countWord(missed.length)} of ${formatNumber(judged.length)} services with a target miss it`,
    uncertain.length > 0 ? `${countWord(uncertain.length)} ${uncertain.length === 1 ? 'is' : 'are'} uncertain` : '',
    met.length === 0 ? 'none meets it' : `${countWord(met.length)} ${met.length === 1 ? 'meets' : 'meet'} it`,
  ].filter((t) => t !== '');
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const gap = (e: ServiceEstimate) =>
    e.downtimeMinutesPerYear.estimate / ((1 - (targets.get(e.serviceId) ?? 1)) * MINUTES_PER_YEAR || 1);
  const worst = [...missed].sort((a, b) => gap(b) - gap(a))[0];
  const worstText =
    worst === undefined
      ? ''
      : ` Furthest off: ${labeler.serviceName(worst.serviceId)}, down ${formatDowntime(worst.downtimeMinutesPerYear.estimate).replace('/yr', '')} ` +
        `a year against ${formatDowntime((1 - (targets.get(worst.serviceId) ?? 1)) * MINUTES_PER_YEAR).replace('/yr', '')} allowed.`;
  return item('Targets:', `in normal operation ${joinProse(counts)}.${worstText}`);
}

function describeWeakSpotBriefly(labeler: ElementLabeler, spot: WeakSpot): string {
  const name = labeler.labelOf(spot.elementId).shortLabel;
  if (spot.totalMinutesPerYear === null) {
    return `${name} (single point of failure for ${pluralize(spot.singlePointFor.length, 'service')})`;
  }
  return `${name} (${formatDowntime(spot.totalMinutesPerYear).replace('/yr', '')} a year over ${pluralize(spot.effects.length, 'service')})`;
}

function weakSpotsLine(doc: ResultDocument, labeler: ElementLabeler): SummaryText | null {
  const spots = rankWeakSpots(doc, BOTTOM_LINE_WEAK_SPOTS);
  if (spots.length === 0) return null;
  const singles = spots.filter((s) => s.singlePointFor.length > 0).length;
  const singleText =
    singles === 0
      ? ''
      : ` ${singles === spots.length ? (spots.length === 1 ? 'It is' : 'Each is') : `${singles} of them ${singles === 1 ? 'is' : 'are'}`} a single point of failure.`;
  return item('Fix first:', `${joinProse(spots.map((s) => describeWeakSpotBriefly(labeler, s)))}.${singleText}`);
}

function sabotageLine(doc: ResultDocument, labeler: ElementLabeler): SummaryText | null {
  const attackScenarios = doc.scenarios.filter((s) => readScenario(doc, s) === 'attack');
  if (attackScenarios.length === 0) return null;
  const cheapest = findCheapestAttacks(doc);
  const services = doc.model.services.length;
  if (cheapest.size === 0) {
    return item(
      'Sabotage:',
      `no modelled attacker takes any of the ${formatNumber(services)} services down on its own.`,
    );
  }
  const [first] = [...cheapest.values()].sort(
    (a, b) => a.attack.cost - b.attack.cost || (a.attack.serviceId < b.attack.serviceId ? -1 : 1),
  );
  const heuristic = [...cheapest.values()].filter((c) => attackQuality(c.attack) === 'heuristic').length;
  const firstText =
    first === undefined
      ? ''
      : ` Cheapest: ${labeler.serviceName(first.attack.serviceId)}, by attacking ` +
        `${joinProse(first.attack.elements.map((id) => `${labeler.labelOf(id).shortLabel} (${ELEMENT_KIND_NAMES[labeler.labelOf(id).kind]})`))} (cost ${formatNumber(first.attack.cost, 3)}, ` +
        `${ATTACK_QUALITY_TEXT[attackQuality(first.attack)]}).`;
  const heuristicText =
    heuristic === 0
      ? ''
      : ` ${heuristic === 1 ? 'One cost is' : `${pluralize(heuristic, 'cost')} are`} heuristic (greedy search): a real attacker may need less.`;
  return item(
    'Sabotage:',
    `modelled attackers take ${cheapest.size === services ? `all ${formatNumber(services)}` : `${countWord(cheapest.size)} of ${formatNumber(services)}`} services down on their own.${firstText}${heuristicText}`,
  );
}

function eventsLine(doc: ResultDocument, labeler: ElementLabeler): SummaryText | null {
  const primary = findPrimaryScenario(doc);
  const normal = new Map((primary?.services ?? []).map((e) => [e.serviceId, e]));
  const events = doc.scenarios
    .filter((s) => readScenario(doc, s) === 'conditional')
    .map((scenario) => {
      const hit = scenario.services.filter((e) => isClearlyWorse(e, normal.get(e.serviceId) ?? null));
      const worst = [...hit].sort((a, b) => a.availability.estimate - b.availability.estimate)[0];
      return { scenario, hit, worst };
    })
    .filter((e) => e.worst !== undefined);
  if (events.length === 0) return null;
  const [top] = [...events].sort(
    (a, b) =>
      b.hit.length - a.hit.length || (a.worst?.availability.estimate ?? 1) - (b.worst?.availability.estimate ?? 1),
  );
  if (top === undefined || top.worst === undefined) return null;
  const exposure = findEventExposure(doc, top.scenario);
  const share =
    exposure === null
      ? ''
      : ` Such events cost it about ${formatMinutes(attributableDowntime(exposure, top.worst).estimate)} a year.`;
  return item(
    'Prepare:',
    `the event that hits most services is ${describeEvent(doc, top.scenario)}: while it lasts, ` +
      `${pluralize(top.hit.length, 'service')} ${top.hit.length === 1 ? 'is' : 'are'} clearly degraded and ` +
      `${labeler.serviceName(top.worst.serviceId)} is ${formatAvailability(top.worst.availability.estimate)} available.${share}`,
  );
}

function changesLine(doc: ResultDocument, baseline: ResultDocument): SummaryText {
  const diff = diffAgainstBaseline(doc, baseline);
  const primary = findPrimaryScenario(doc);
  const inPrimary = diff.changes.filter((c) => c.scenarioId === primary?.id);
  const worse = inPrimary.filter((c) => c.verdict === 'worse').length;
  const better = inPrimary.filter((c) => c.verdict === 'better').length;
  const parts = [
    `${countWord(worse)} ${worse === 1 ? 'service' : 'services'} worse and ${countWord(better)} better in normal operation beyond the uncertainty`,
    diff.singlePointsComparable
      ? `${countWord(diff.newSinglePoints.length)} new single ${diff.newSinglePoints.length === 1 ? 'point' : 'points'} of failure`
      : '',
  ].filter((p) => p !== '');
  const name = baseline.manifest.study?.name ?? baseline.model.name;
  return item(
    `Since “${name}” (${formatDate(baseline.manifest.createdAt)}):`,
    `${joinProse(parts)}.${diff.modelChanged ? ' The model changed too.' : ''}`,
  );
}

function precisionLine(doc: ResultDocument, labeler: ElementLabeler): SummaryText | null {
  const primary = findPrimaryScenario(doc);
  const uncertain = (primary?.services ?? []).filter((e) => e.targetStatus === 'uncertain');
  const partial = doc.manifest.partial;
  const notReached = doc.scenarios.reduce((n, s) => n + s.services.filter((e) => e.precisionReached === false).length, 0);
  if (uncertain.length === 0 && !partial && notReached === 0) return null;
  const parts = [
    uncertain.length === 0
      ? ''
      : `for ${joinProse(uncertain.map((e) => labeler.serviceName(e.serviceId)))} the 95% interval straddles the target: a longer run would decide`,
    partial ? 'this is a partial run (interrupted or one shard), so intervals are wider than planned' : '',
    notReached === 0
      ? ''
      : `the run stopped before ${notReached === 1 ? 'one estimate' : `${notReached} estimates`} reached the precision target (listed under Precision of the estimates)`,
  ].filter((p) => p !== '');
  return item('Precision:', `${joinProse(parts)}.`);
}

/** The bottom line: what someone who reads nothing else must know and do. */
export function buildBottomLineText(doc: ResultDocument, baseline: ResultDocument | null): SectionText {
  const labeler = createElementLabeler(doc);
  const items = [
    targetsLine(doc, labeler),
    weakSpotsLine(doc, labeler),
    sabotageLine(doc, labeler),
    eventsLine(doc, labeler),
    baseline === null ? null : changesLine(doc, baseline),
    precisionLine(doc, labeler),
  ].filter((i): i is SummaryText => i !== null);
  return { heading: 'The bottom line', blocks: [{ kind: 'callout', items }] };
}

/** The introduction of the brief's services table. */
export function buildBriefServicesText(doc: ResultDocument): SectionText {
  const primary = findPrimaryScenario(doc);
  if (primary === null) {
    return {
      heading: 'Services',
      blocks: [
        paragraph(
          'No scenario of this run describes normal operation: each forces an event or an attack. Their figures hold ' +
            'only while the event or attack lasts (section “During events” and “Sabotage”), so no downtime per year is ' +
            'given and no target is judged.',
        ),
      ],
    };
  }
  return {
    heading: 'Services in normal operation',
    blocks: [
      paragraph(
        'Over a year, with 95% intervals; a target is met only when the whole interval clears it. Last column: the ' +
          'cheapest modelled attack that takes the service down on its own.',
      ),
    ],
  };
}

/** The introduction of the brief's weak spots. */
export function buildBriefWeakSpotsText(doc: ResultDocument): SectionText {
  const spots = rankWeakSpots(doc, BRIEF_WEAK_SPOT_COUNT);
  if (spots.length === 0) {
    return {
      heading: 'Weak spots',
      blocks: [
        paragraph(
          doc.cutSets === null
            ? 'This run has neither importance measures nor a cut-set analysis, so weak spots were not searched for.'
            : 'No element or risk group other than the services’ own sites is a single point of failure, and the run ' +
                'has no importance measures to rank the rest.',
        ),
      ],
    };
  }
  const heading =
    spots.length === BRIEF_WEAK_SPOT_COUNT ? 'The five weak spots that matter most' : 'The weak spots that matter most';
  return {
    heading,
    blocks: [
      paragraph(
        'Ranked by the service downtime a year their failures cause, summed over services: what making them ' +
          'fail-proof would avoid. A service’s own sites are left out.',
      ),
    ],
  };
}

function describeBriefChange(labeler: ElementLabeler, change: ServiceChange): string {
  return (
    `${labeler.serviceName(change.serviceId)}: ${formatAvailability(change.previous.availability.estimate)} → ` +
    `${formatAvailability(change.current.availability.estimate)}`
  );
}

/** What changed since the baseline analysis, in brief (normal operation and new single points only). */
export function buildBriefChangesText(doc: ResultDocument, baseline: ResultDocument): SectionText {
  const labeler = createElementLabeler(doc);
  const diff = diffAgainstBaseline(doc, baseline);
  const primary = findPrimaryScenario(doc);
  const clear = diff.changes.filter(
    (c) => c.scenarioId === primary?.id && (c.verdict === 'worse' || c.verdict === 'better'),
  );
  const items: SummaryText[] = clear
    .slice(0, BRIEF_CHANGES_LISTED)
    .map((c) => item(c.verdict === 'worse' ? 'Worse —' : 'Better —', describeBriefChange(labeler, c)));
  if (clear.length > BRIEF_CHANGES_LISTED)
    items.push(
      item(null, `and ${clear.length - BRIEF_CHANGES_LISTED} more (section “Changes since the previous analysis”).`),
    );
  if (diff.newSinglePoints.length > 0) {
    items.push(
      item(
        'New single points of failure —',
        joinProse(
          diff.newSinglePoints.map(
            (p) => `${describeElement(labeler, p.elementId)} for ${labeler.serviceName(p.serviceId)}`,
          ),
        ),
      ),
    );
  }
  const name = baseline.manifest.study?.name ?? baseline.model.name;
  const blocks: TextBlock[] = [
    paragraph(
      `Compared with “${name}” of ${formatDate(baseline.manifest.createdAt)}, in normal operation, beyond the ` +
        `uncertainty of both runs${clear.length === 0 ? ': no service changed.' : '.'}` +
        (diff.modelChanged ? ' The model changed as well, so differences may come from the model.' : ''),
    ),
  ];
  if (items.length > 0) blocks.push(list(items));
  return { heading: `What changed since “${name}”`, blocks };
}
