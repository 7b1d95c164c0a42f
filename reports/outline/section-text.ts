// The words of the main report and the appendix: how to read each section's figures (over a year, while an event
// lasts, under attack), the sentences a reader quotes, and the notes behind the tables. Pure and deterministic.

import type { ResultDocument, StopReason } from '../../engine/index.ts';
import { diffAgainstBaseline, type ServiceChange } from '../internal/baseline-diff.ts';
import { formatDowntimeChange, judgeDifference } from '../internal/comparison-verdict.ts';
import { createElementLabeler, type ElementLabeler } from '../internal/element-labels.ts';
import {
  MINUTES_PER_YEAR,
  formatAvailability,
  formatAvailabilityInterval,
  formatCount,
  formatDate,
  formatDowntime,
  formatDowntimeInterval,
  formatMinutes,
  formatNumber,
  formatPercent,
  formatSigned,
  joinProse,
  pluralize,
  shortHash,
} from '../internal/format.ts';
import {
  attributableDowntime,
  describeAttacker,
  describeEvent,
  findEventExposure,
  findPrimaryScenario,
  isClearlyWorse,
  READING_TEXT,
  readScenario,
  type EventExposure,
} from '../internal/scenario-reading.ts';
import { attackQuality, findCheapestAttacks, findMissedAttack } from '../internal/weak-spots.ts';
import { MAX_PRINTED_ROWS } from '../tables/report-table.ts';
import type { SectionText } from './brief-text.ts';
import { describeElement } from './brief-text.ts';
import { item, list, paragraph, type SummaryText, type TextBlock } from './report-outline.ts';

/** Services an event's or an attacker's sentence names before "and N more". */
const EVENT_SERVICES_NAMED = 3;
const SABOTAGE_SERVICES_NAMED = 3;

const STOP_REASON_TEXT: Readonly<Record<StopReason, string>> = {
  'max-samples': 'sample limit reached',
  'relative-error': 'precision target reached',
  'max-time': 'time limit reached',
  interrupted: 'interrupted',
  deterministic: 'deterministic, no sampling needed',
  exact: 'computed exactly',
  verdict: 'verdict against the target reached',
  services: 'every service reached its verdict, precision or sample limit',
};

/** Normal operation: how to read the availability chart, and which services are uncertain or have no target. */
export function buildNormalText(doc: ResultDocument): SectionText | null {
  const primary = findPrimaryScenario(doc);
  if (primary === null) return null;
  const labeler = createElementLabeler(doc);
  const annual = doc.scenarios.filter((s) => readScenario(doc, s) === 'annual');
  const blocks: TextBlock[] = [
    paragraph(
      'In normal operation every element fails at random at its own rate and every common cause (power, floods, ' +
        'ducts, router platforms) strikes at its rate, so the figures hold over a year and are judged against the ' +
        'targets. ' +
        (annual.length > 1
          ? `${pluralize(annual.length, 'scenario')} describe normal operation: ${joinProse(annual.map((s) => `“${s.name}”`))}.`
          : `The scenario is “${primary.name}”.`),
    ),
  ];
  const uncertain = primary.services.filter((e) => e.targetStatus === 'uncertain');
  if (uncertain.length > 0) {
    blocks.push(
      paragraph(
        `${joinProse(uncertain.map((e) => `${labeler.serviceName(e.serviceId)}, ${formatAvailabilityInterval(e.availability)}`))}. ` +
          'The 95% interval contains the target: a longer run (more samples, or a precision target) would decide.',
        'Uncertain:',
      ),
    );
  }
  const withoutTarget = doc.model.services.filter((s) => s.target === null).map((s) => s.name);
  if (withoutTarget.length > 0) blocks.push(paragraph(`${joinProse(withoutTarget)}.`, 'Without a target:'));
  return { heading: 'Normal operation: services against their targets', blocks };
}

/** Weak spots: how single points and importance were found. */
export function buildWeakSpotsText(doc: ResultDocument): SectionText {
  const blocks: TextBlock[] = [];
  blocks.push(
    paragraph(
      doc.cutSets === null
        ? 'This run has no cut-set analysis, so single points of failure were not searched for.'
        : `A single point of failure takes a service down on its own; the search was exhaustive up to ` +
            `${pluralize(doc.cutSets.maxOrder, 'simultaneous failure')}. A service’s own sites are left out.`,
    ),
  );
  blocks.push(
    paragraph(
      'Criticality importance is the share of a service’s downtime in which the element’s failure was critical; ' +
        'times the downtime per year it gives the minutes the brief ranks the weak spots by. The shares do not add ' +
        'up to 100%: an outage in which two failures are each critical counts for both. Risk groups are common ' +
        'causes that take several elements down at once.',
    ),
  );
  return { heading: 'Weak spots', blocks };
}

function describeExposure(exposure: EventExposure): string {
  if (exposure.eventsPerYear !== null && exposure.meanDurationHours !== null) {
    return (
      `The event comes ${formatNumber(exposure.eventsPerYear, 3)} times a year for ${formatNumber(exposure.meanDurationHours, 3)} h, ` +
      `so it is in progress about ${formatMinutes(exposure.minutesPerYear)} a year.`
    );
  }
  return `The event is in progress about ${formatMinutes(exposure.minutesPerYear)} a year (from its probability in the model).`;
}

/** During events: conditional figures, one sentence per forced scenario, and each event's share of annual downtime. */
export function buildEventsText(doc: ResultDocument): SectionText | null {
  const conditional = doc.scenarios.filter((s) => readScenario(doc, s) === 'conditional');
  if (conditional.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const primary = findPrimaryScenario(doc);
  const normal = new Map((primary?.services ?? []).map((e) => [e.serviceId, e]));
  const items: SummaryText[] = conditional.map((scenario) => {
    const event = describeEvent(doc, scenario);
    const exposure = findEventExposure(doc, scenario);
    const hit = scenario.services
      .filter((e) => isClearlyWorse(e, normal.get(e.serviceId) ?? null))
      .sort((a, b) => a.availability.estimate - b.availability.estimate);
    const lead = `While ${event} lasts,`;
    if (hit.length === 0) {
      return item(lead, `no service is clearly worse off than in normal operation.`);
    }
    const named = hit.slice(0, EVENT_SERVICES_NAMED).map((e) => {
      const share =
        exposure === null
          ? ''
          : `, adding ${formatMinutes(attributableDowntime(exposure, e).estimate)} a year to its downtime`;
      return `${labeler.serviceName(e.serviceId)} is available ${formatAvailabilityInterval(e.availability)}${share}`;
    });
    const more = hit.length - named.length;
    const rest = more > 0 ? `; ${pluralize(more, 'more service')} ${more === 1 ? 'is' : 'are'} clearly affected` : '';
    const when =
      exposure === null
        ? ' The model gives no rate for this event, so its share of annual downtime is not computed.'
        : ` ${describeExposure(exposure)}`;
    return item(lead, `${named.join('; ')}${rest}.${when}`);
  });
  return {
    heading: 'During events: availability while the event lasts',
    blocks: [
      paragraph(
        'A forced scenario assumes its event is in progress. Its figures hold while the event lasts, not over a ' +
          'year: a service “available 89%” during a power outage is down 11% of the outage. Where the event has a ' +
          'rate and a duration, its share of annual downtime is rate × duration × the unavailability while it ' +
          'lasts; that share is already part of the normal-operation figures, which include every event at its rate.',
      ),
      list(items),
    ],
  };
}

/** Sabotage: what an attacker with each budget achieves. */
export function buildSabotageText(doc: ResultDocument): SectionText | null {
  const attacks = doc.scenarios.filter((s) => readScenario(doc, s) === 'attack');
  if (attacks.length === 0) return null;
  const labeler = createElementLabeler(doc);
  const cheapest = findCheapestAttacks(doc);
  const items = attacks.map((scenario) => {
    const plans = scenario.attack ?? [];
    const down = plans.filter((a) => a.disconnects).sort((a, b) => a.cost - b.cost);
    const spent = Math.max(0, ...down.map((a) => a.cost));
    const strategies = [...new Set(plans.map((a) => a.strategy))];
    const heuristic = down.some((a) => attackQuality(a) === 'heuristic');
    const named = down
      .slice(0, SABOTAGE_SERVICES_NAMED)
      .map(
        (a) =>
          `${labeler.serviceName(a.serviceId)} (cost ${formatNumber(a.cost, 3)}${attackQuality(a) === 'proven' ? '' : `, ${attackQuality(a) === 'heuristic' ? 'heuristic' : 'not proven'}`})`,
      );
    const more = down.length - named.length;
    const downText =
      down.length === 0
        ? 'takes no service down on its own.'
        : `takes ${pluralize(down.length, 'service')} down on its own: ${joinProse([...named, ...(more > 0 ? [`${more} more`] : [])])}.`;
    const standing = scenario.services.filter((e) => !down.some((a) => a.serviceId === e.serviceId));
    const worstStanding = [...standing].sort((a, b) => a.availability.estimate - b.availability.estimate)[0];
    const standingText =
      standing.length === 0 || worstStanding === undefined
        ? ''
        : standing.length === 1
          ? ` The other service stays up apart from random failures, at ${formatAvailability(worstStanding.availability.estimate)} available.`
          : ` The other ${pluralize(standing.length, 'service')} stay up apart from random failures, the lowest at ` +
            `${formatAvailability(worstStanding.availability.estimate)} available.`;
    const missed = plans.flatMap((a) => {
      const m = findMissedAttack(a, cheapest, spent);
      return m === null
        ? []
        : [
            `${labeler.serviceName(a.serviceId)} (${a.disconnects ? `cost ${formatNumber(a.cost, 3)} found, ` : 'not taken down, '}` +
              `cost ${formatNumber(m.attack.cost, 3)} ${attackQuality(m.attack) === 'proven' ? 'proven' : 'found'} in “${labeler.scenarioName(m.scenarioId)}”)`,
          ];
    });
    const missedText =
      missed.length === 0
        ? ''
        : ` Its search is heuristic and understates the threat: cheaper attacks exist on ${joinProse(missed)}.`;
    const strategyText =
      ` Strategy: ${joinProse(strategies)}.` +
      (heuristic && missed.length === 0 ? ' Heuristic costs may be higher than needed.' : '');
    return item(`An attacker ${describeAttacker(scenario)}`, `${downText}${standingText}${strategyText}${missedText}`);
  });
  return {
    heading: 'Sabotage: what an attacker achieves',
    blocks: [
      paragraph(
        'Each sabotage scenario gives an attacker a budget; the attacker picks, per service, the elements whose loss ' +
          'hurts it most, on top of random failures. “Taken down” means the attack alone cuts the service off. A ' +
          'proven cost is the minimum any attacker needs in this model; a heuristic cost comes from a greedy search ' +
          'and can be higher than the true minimum, which understates the threat.',
      ),
      list(items),
    ],
  };
}

function describeChange(labeler: ElementLabeler, change: ServiceChange, annual: boolean): string {
  const previous = change.previous;
  const now = change.current;
  const downtime = annual
    ? ` (downtime ${formatDowntime(previous.downtimeMinutesPerYear.estimate)} → ${formatDowntime(now.downtimeMinutesPerYear.estimate)} a year)`
    : '';
  return (
    `${labeler.serviceName(change.serviceId)} in ${labeler.scenarioName(change.scenarioId)}: ` +
    `${formatAvailability(previous.availability.estimate)} → ${formatAvailability(now.availability.estimate)}${downtime}`
  );
}

/** Changes since the baseline: every scenario, single points of failure, scenarios and services added or dropped. */
export function buildChangesText(doc: ResultDocument, baseline: ResultDocument): SectionText {
  const labeler = createElementLabeler(doc);
  const baselineLabeler = createElementLabeler(baseline);
  const diff = diffAgainstBaseline(doc, baseline);
  const annualIds = new Set(doc.scenarios.filter((s) => readScenario(doc, s) === 'annual').map((s) => s.id));
  const previousName = baseline.manifest.study?.name ?? baseline.model.name;
  const hashes = `model ${shortHash(baseline.manifest.model.sha256)} → ${shortHash(doc.manifest.model.sha256)}`;
  const blocks: TextBlock[] = [
    paragraph(
      `Compared with “${previousName}” of ${formatDate(baseline.manifest.createdAt)} (${hashes}). ` +
        (diff.modelChanged
          ? 'The model changed, so differences may come from the model as well as from the network.'
          : 'The model is unchanged.') +
        ' A change counts only when the 95% intervals of both runs do not overlap.',
    ),
  ];
  const worse = diff.changes.filter((c) => c.verdict === 'worse');
  const better = diff.changes.filter((c) => c.verdict === 'better');
  const items = [
    ...worse.map((c) => item('Worse —', `${describeChange(labeler, c, annualIds.has(c.scenarioId))}.`)),
    ...better.map((c) => item('Better —', `${describeChange(labeler, c, annualIds.has(c.scenarioId))}.`)),
  ];
  if (items.length > 0) blocks.push(list(items));
  else blocks.push(paragraph('No estimate changed beyond the uncertainty of both runs.'));
  if (!diff.singlePointsComparable) {
    blocks.push(paragraph('Single points of failure cannot be compared: one of the runs has no cut-set analysis.'));
  } else {
    const added = diff.newSinglePoints.map(
      (p) => `${labeler.serviceName(p.serviceId)}: ${describeElement(labeler, p.elementId)}`,
    );
    const removed = diff.removedSinglePoints.map(
      (p) => `${baselineLabeler.serviceName(p.serviceId)}: ${describeElement(baselineLabeler, p.elementId)}`,
    );
    blocks.push(
      added.length === 0
        ? paragraph('No new single points of failure.')
        : paragraph(`${joinProse(added)}.`, 'New single points of failure:'),
    );
    if (removed.length > 0) blocks.push(paragraph(`${joinProse(removed)}.`, 'No longer single points of failure:'));
  }
  const membership = [
    diff.addedScenarios.length > 0
      ? `new scenarios: ${joinProse(diff.addedScenarios.map((id) => labeler.scenarioName(id)))}`
      : '',
    diff.removedScenarios.length > 0
      ? `dropped scenarios: ${joinProse(diff.removedScenarios.map((id) => baselineLabeler.scenarioName(id)))}`
      : '',
    diff.addedServices.length > 0
      ? `new services: ${joinProse(diff.addedServices.map((id) => labeler.serviceName(id)))}`
      : '',
    diff.removedServices.length > 0
      ? `dropped services: ${joinProse(diff.removedServices.map((id) => baselineLabeler.serviceName(id)))}`
      : '',
    ...diff.differentReadings.map(
      (r) =>
        `${labeler.scenarioName(r.scenarioId)} (the earlier run gives its figures ${READING_TEXT[r.previous]}, ` +
        `this run ${READING_TEXT[r.current]})`,
    ),
  ].filter((t) => t !== '');
  if (membership.length > 0) blocks.push(paragraph(`${membership.join('; ')}.`, 'Not comparable:'));
  return { heading: 'Changes since the previous analysis', blocks };
}

/** Outages over time, from the time simulation. */
export function buildTimeText(doc: ResultDocument): SectionText | null {
  const simulation = doc.timeSimulation;
  if (simulation === null) return null;
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const ranked = [...simulation.services].sort(
    (a, b) => b.downtimeMinutesPerYear.estimate - a.downtimeMinutesPerYear.estimate,
  );
  return {
    heading: 'Outages over time',
    blocks: [
      paragraph(
        `Time simulation over ${formatCount(simulation.years)} years` +
          `${simulation.scenarios !== undefined && simulation.scenarios.length > 0 ? ` (${labeler.scenarioName(simulation.scenarios[0].scenarioId)}; every scenario in the table below)` : ''}` +
          ', most downtime first:',
      ),
      list(
        ranked.map((s) => {
          const target = targets.get(s.serviceId) ?? null;
          const allowance =
            target === null ? '' : `; the target allows ${formatDowntime((1 - target) * MINUTES_PER_YEAR)}`;
          const every =
            s.outagesPerYear.estimate > 0
              ? ` (one every ${formatNumber(1 / s.outagesPerYear.estimate, 2)} years on average)`
              : '';
          const quiet =
            s.probabilityNoOutageInYear === undefined
              ? ''
              : `; a year without any outage ${formatPercent(s.probabilityNoOutageInYear.estimate)} of the time`;
          return (
            `${labeler.serviceName(s.serviceId)}: ${formatDowntimeInterval(s.downtimeMinutesPerYear)} in ` +
            `${formatNumber(s.outagesPerYear.estimate, 3)} outages a year${every}${quiet}${allowance}.`
          );
        }),
      ),
    ],
  };
}

/** Plan comparison: paired differences beyond zero. */
export function buildComparisonText(doc: ResultDocument): SectionText | null {
  const comparison = doc.comparison;
  if (comparison === null) return null;
  const labeler = createElementLabeler(doc);
  const clear: SummaryText[] = [];
  const unclear: string[] = [];
  for (const scenario of comparison.scenarios) {
    for (const s of scenario.services) {
      const where = `${labeler.serviceName(s.serviceId)} in ${labeler.scenarioName(scenario.scenarioId)}`;
      const verdict = judgeDifference(s.difference);
      if (verdict === 'no clear difference') {
        unclear.push(where);
        continue;
      }
      clear.push(
        item(
          verdict === 'better' ? 'Better —' : 'Worse —',
          `${where}: availability ${formatSigned(s.difference.estimate)} ` +
            `(paired 95% CI ${formatSigned(s.difference.lower)} to ${formatSigned(s.difference.upper)}); ` +
            `${formatDowntimeChange(s.difference.estimate)}.`,
        ),
      );
    }
  }
  const blocks: TextBlock[] = [
    paragraph(
      `Plan “${comparison.plan.name}” against base “${comparison.base.name}”, paired on the same random samples.`,
    ),
  ];
  if (clear.length > 0) blocks.push(list(clear));
  if (unclear.length > 0) blocks.push(paragraph(`${joinProse(unclear)}.`, 'No clear difference:'));
  return { heading: 'Plan comparison', blocks };
}

/** Appendix: how precise the estimates are (samples, stopping) before the convergence chart. */
export function buildPrecisionText(doc: ResultDocument): SectionText {
  const m = doc.model;
  const scenarios = doc.scenarios.map(
    (s) => `${s.name} (${formatCount(s.samples)} samples; ${STOP_REASON_TEXT[s.stoppedBy]})`,
  );
  const labeler = createElementLabeler(doc);
  let worst: { text: string; relativeError: number } | null = null;
  for (const scenario of doc.scenarios) {
    for (const e of scenario.services) {
      if (e.relativeError === null) continue;
      if (worst === null || e.relativeError > worst.relativeError)
        worst = { text: `${labeler.serviceName(e.serviceId)} in ${scenario.name}`, relativeError: e.relativeError };
    }
  }
  const blocks: TextBlock[] = [
    paragraph(
      `Model “${m.name}” with ${pluralize(m.sites.length, 'site')}, ${pluralize(m.links.length, 'link')}, ` +
        `${pluralize(m.riskGroups.length, 'risk group')} and ${pluralize(m.services.length, 'service')}.`,
    ),
    list(scenarios),
  ];
  if (worst !== null) {
    blocks.push(
      paragraph(
        `The least precise estimate is ${worst.text}: the half-width of its 95% interval is ` +
          `${formatPercent(worst.relativeError, 2)} of the estimate.`,
      ),
    );
  }
  const target = doc.manifest.stopping.relativeError;
  const missed = doc.scenarios.flatMap((scenario) =>
    scenario.services
      .filter((e) => e.precisionReached === false && e.stoppedBy !== 'verdict')
      .map(
        (e) =>
          `${labeler.serviceName(e.serviceId)} in ${scenario.name}: ${e.relativeError === null ? 'no relative error' : formatPercent(e.relativeError, 2)} ` +
          `(${STOP_REASON_TEXT[e.stoppedBy ?? scenario.stoppedBy]})`,
      ),
  );
  // Under the verdict rule: every service that sought a verdict, and why it stopped.
  const sought = doc.scenarios.flatMap((scenario) =>
    (scenario.forced.length > 0 || scenario.attack !== null ? [] : scenario.services)
      .filter((e) => e.stoppedBy !== undefined && e.targetStatus !== null && (e.stoppedBy === 'verdict' || e.targetStatus === 'uncertain'))
      .map(
        (e) =>
          `${labeler.serviceName(e.serviceId)} in ${scenario.name}: ${e.targetStatus === 'uncertain' ? 'no verdict' : `target ${e.targetStatus}`} ` +
          `after ${formatCount(e.samples)} samples (${STOP_REASON_TEXT[e.stoppedBy ?? scenario.stoppedBy]})`,
      ),
  );
  if (doc.manifest.stopping.rule === 'verdict' && sought.length > 0) {
    blocks.push(
      paragraph(
        'Each service with a target sampled until its target was clearly met or missed (a sequential rule: a verdict ' +
          `is wrong with probability at most ${formatPercent((doc.manifest.stopping.verdict?.alpha ?? 0.05) / 2, 2)}, ` +
          'however long the run); the other figures stop at a fixed sample count:',
        'Stopped by the verdict.',
      ),
      list(sought),
    );
  }
  if (target !== null && missed.length > 0) {
    blocks.push(
      paragraph(
        `The run stopped before ${pluralize(missed.length, 'estimate')} reached the precision target of ` +
          `${formatPercent(target, 2)} relative error; their intervals hold, but are wider than asked for:`,
        'Precision target not reached.',
      ),
      list(missed),
    );
  } else if (target !== null && doc.scenarios.some((s) => s.services.some((e) => e.precisionReached === true))) {
    blocks.push(paragraph(`Every estimate reached the precision target of ${formatPercent(target, 2)} relative error.`));
  }
  return { heading: 'Precision of the estimates', blocks };
}

/** Appendix: what the full tables are. */
export function buildTablesText(): SectionText {
  return {
    heading: 'Full tables',
    blocks: [
      paragraph(
        `Every table of the report in full; each is also a CSV file in the folder tables/. Tables longer than ` +
          `${formatCount(MAX_PRINTED_ROWS)} rows are printed as a pointer to their CSV file.`,
      ),
    ],
  };
}
