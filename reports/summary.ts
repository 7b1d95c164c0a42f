// The report's opening summary as plain sentences: which services miss their targets, the top weak spots, what
// changed since a baseline, the plan comparison and outages over time. Pure and deterministic; the HTML and
// Markdown reports render the same ReportSummary.

import type { ResultDocument, ServiceEstimate, StopReason } from '../engine/index.ts';
import { diffAgainstBaseline, type ServiceChange } from './internal/baseline-diff.ts';
import { formatDowntimeChange, judgeDifference } from './internal/comparison-verdict.ts';
import { ELEMENT_KIND_NAMES, createElementLabeler, type ElementLabeler } from './internal/element-labels.ts';
import {
  MINUTES_PER_YEAR,
  formatAvailability,
  formatAvailabilityInterval,
  formatCount,
  formatDate,
  formatDateTime,
  formatDowntime,
  formatDowntimeInterval,
  formatNumber,
  formatPercent,
  formatPercentInterval,
  formatSigned,
  formatTarget,
  joinProse,
  pluralize,
  shortHash,
} from './internal/format.ts';
import {
  findDisconnectingAttacks,
  findMostCritical,
  findSinglePoints,
  findImportanceScenario,
} from './internal/weak-spots.ts';

/** A sentence or two with an optional lead shown in bold, e.g. lead "Missed —" or "Baseline:". */
export interface SummaryText {
  /** Includes its own separator ("Missed —", "Baseline:"); null for none. */
  readonly lead: string | null;
  readonly text: string;
}

/** A block of summary text: a paragraph or a bulleted list. */
export type SummaryBlock =
  ({ readonly kind: 'paragraph' } & SummaryText) | { readonly kind: 'list'; readonly items: readonly SummaryText[] };

/** A warning the reader must see before any figure. */
export interface SummaryNotice {
  readonly kind: 'illustrative' | 'partial';
  /** Short bold lead, e.g. "Illustrative model." */
  readonly lead: string;
  readonly text: string;
}

export interface SummarySection {
  /** Stable anchor id, e.g. "targets". */
  readonly id: string;
  readonly heading: string;
  readonly blocks: readonly SummaryBlock[];
}

/** The opening summary of a report. */
export interface ReportSummary {
  readonly title: string;
  readonly subtitle: string;
  readonly notices: readonly SummaryNotice[];
  readonly sections: readonly SummarySection[];
}

/** How many most-critical elements the summary names. */
const SUMMARY_TOP_CRITICAL = 5;

const STOP_REASON_TEXT: Readonly<Record<StopReason, string>> = {
  'max-samples': 'sample limit reached',
  'relative-error': 'precision target reached',
  'max-time': 'time limit reached',
  interrupted: 'interrupted',
  deterministic: 'deterministic, no sampling needed',
  exact: 'computed exactly',
};

function paragraph(text: string, lead: string | null = null): SummaryBlock {
  return { kind: 'paragraph', lead, text };
}

function item(lead: string | null, text: string): SummaryText {
  return { lead, text };
}

function list(items: ReadonlyArray<string | SummaryText>): SummaryBlock {
  return { kind: 'list', items: items.map((i) => (typeof i === 'string' ? item(null, i) : i)) };
}

/** A summary text as plain prose: lead and text joined by a space. */
export function formatSummaryText(text: SummaryText): string {
  return text.lead === null ? text.text : `${text.lead} ${text.text}`;
}

function describeElement(labeler: ElementLabeler, id: string): string {
  const element = labeler.labelOf(id);
  return element.kind === 'unknown' ? id : `${element.label} (${ELEMENT_KIND_NAMES[element.kind]})`;
}

function buildNotices(doc: ResultDocument): SummaryNotice[] {
  const notices: SummaryNotice[] = [];
  if (doc.model.illustrative) {
    notices.push({
      kind: 'illustrative',
      lead: 'Illustrative model.',
      text:
        `These figures describe “${doc.model.name}”, an illustrative model, not the real network. ` +
        'Do not quote them as properties of the real network.',
    });
  }
  if (doc.manifest.partial) {
    const shard =
      doc.manifest.shard === null ? '' : ` (shard ${doc.manifest.shard.index} of ${doc.manifest.shard.count})`;
    notices.push({
      kind: 'partial',
      lead: 'Partial result.',
      text: `The run was interrupted or is one shard${shard}: not every planned batch is included, so intervals are wider than planned.`,
    });
  }
  return notices;
}

function buildScopeSection(doc: ResultDocument): SummarySection {
  const m = doc.model;
  const scenarios = doc.scenarios.map(
    (s) => `${s.name} (${formatCount(s.samples)} samples; ${STOP_REASON_TEXT[s.stoppedBy]})`,
  );
  return {
    id: 'scope',
    heading: 'Scope',
    blocks: [
      paragraph(
        `Model “${m.name}” with ${pluralize(m.sites.length, 'site')}, ${pluralize(m.links.length, 'link')}, ` +
          `${pluralize(m.riskGroups.length, 'risk group')} and ${pluralize(m.services.length, 'service')}; ` +
          `${pluralize(doc.scenarios.length, 'scenario')}: ${joinProse(scenarios)}.`,
      ),
    ],
  };
}

function describeTargetMiss(labeler: ElementLabeler, estimate: ServiceEstimate, target: number): string {
  const allowed = (1 - target) * MINUTES_PER_YEAR;
  return (
    `${labeler.serviceName(estimate.serviceId)}: ${formatAvailabilityInterval(estimate.availability)} against a target of ` +
    `${formatTarget(target)}; expected downtime ${formatDowntime(estimate.downtimeMinutesPerYear.estimate)} where the ` +
    `target allows ${formatDowntime(allowed)}`
  );
}

function buildTargetsSection(doc: ResultDocument): SummarySection {
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const withTarget = doc.model.services.filter((s) => s.target !== null);
  const blocks: SummaryBlock[] = [];
  if (withTarget.length === 0) {
    blocks.push(paragraph('No service has an availability target, so none can miss one.'));
  }
  for (const scenario of withTarget.length === 0 ? [] : doc.scenarios) {
    const judged = scenario.services.filter((e) => e.targetStatus !== null);
    const missed = judged.filter((e) => e.targetStatus === 'missed');
    const uncertain = judged.filter((e) => e.targetStatus === 'uncertain');
    const met = judged.filter((e) => e.targetStatus === 'met');
    if (missed.length === 0 && uncertain.length === 0) {
      blocks.push(
        paragraph(
          `every service with a target meets it (${formatCount(met.length)} of ${formatCount(judged.length)}).`,
          `${scenario.name}:`,
        ),
      );
      continue;
    }
    const counts = [
      missed.length > 0
        ? `${formatCount(missed.length)} of ${formatCount(judged.length)} miss${missed.length === 1 ? 'es' : ''} the target`
        : '',
      uncertain.length > 0 ? `${formatCount(uncertain.length)} ${uncertain.length === 1 ? 'is' : 'are'} uncertain` : '',
      met.length > 0 ? `${formatCount(met.length)} meet${met.length === 1 ? 's' : ''} it` : '',
    ].filter((t) => t !== '');
    blocks.push(paragraph(`${joinProse(counts)}.`, `${scenario.name}:`));
    blocks.push(
      list([
        ...missed.map((e) => item('Missed —', `${describeTargetMiss(labeler, e, targets.get(e.serviceId) ?? 1)}.`)),
        ...uncertain.map((e) =>
          item(
            'Uncertain —',
            `${describeTargetMiss(labeler, e, targets.get(e.serviceId) ?? 1)}. The 95% interval contains the target: ` +
              'more samples would decide.',
          ),
        ),
      ]),
    );
  }
  const withoutTarget = doc.model.services.filter((s) => s.target === null).map((s) => s.name);
  if (withoutTarget.length > 0 && withTarget.length > 0)
    blocks.push(paragraph(`${joinProse(withoutTarget)}.`, 'Without a target:'));
  return { id: 'targets', heading: 'Services against their targets', blocks };
}

function buildWeakSpotsSection(doc: ResultDocument): SummarySection {
  const labeler = createElementLabeler(doc);
  const blocks: SummaryBlock[] = [];
  if (doc.cutSets === null) {
    blocks.push(paragraph('This run has no cut-set analysis, so single points of failure were not searched for.'));
  } else {
    blocks.push(
      paragraph(
        `Single points of failure per service (exhaustive search up to ${pluralize(doc.cutSets.maxOrder, 'simultaneous failure')}), ` +
          'not counting the service’s own sites:',
      ),
    );
    blocks.push(
      list(
        findSinglePoints(doc).map((s) => {
          const names = s.elements.map((id) => describeElement(labeler, id));
          const truncated = s.truncated ? '; the search stopped at its limit, so there may be more' : '';
          return `${labeler.serviceName(s.serviceId)}: ${names.length === 0 ? 'none' : joinProse(names)}${truncated}.`;
        }),
      ),
    );
  }
  const scenario = findImportanceScenario(doc);
  const critical = findMostCritical(doc, SUMMARY_TOP_CRITICAL);
  if (scenario !== null && critical.length > 0) {
    const entryOf = (serviceId: string, elementId: string) =>
      scenario.services.find((e) => e.serviceId === serviceId)?.importance?.find((i) => i.elementId === elementId);
    blocks.push(
      paragraph(
        `Most critical elements in ${scenario.name}, by criticality importance (the share of a service’s ` +
          'unavailability in which the element’s failure was critical), not counting services’ own sites:',
      ),
    );
    blocks.push(
      list(
        critical.map((c) => {
          const entry = entryOf(c.serviceId, c.elementId);
          const share =
            entry === undefined ? formatPercent(c.criticality, 2) : formatPercentInterval(entry.criticality);
          return `${describeElement(labeler, c.elementId)}: ${share} of the unavailability of ${labeler.serviceName(c.serviceId)}.`;
        }),
      ),
    );
  }
  const attackScenarios = doc.scenarios.filter((s) => s.attack !== null && s.attack.length > 0);
  if (attackScenarios.length > 0) {
    const disconnecting = findDisconnectingAttacks(doc);
    if (disconnecting.length > 0) {
      blocks.push(paragraph('Cheapest modelled attacks that cut a service off on their own:'));
      blocks.push(
        list(
          disconnecting.map(({ scenarioId, attack }) => {
            const elements = joinProse(attack.elements.map((id) => describeElement(labeler, id)));
            const quality =
              attack.strategy === 'optimal'
                ? attack.proven
                  ? 'proven optimal'
                  : 'best found, not proven optimal'
                : `${attack.strategy} strategy`;
            return (
              `${labeler.serviceName(attack.serviceId)}: ${pluralize(attack.elements.length, 'element')} at cost ` +
              `${formatNumber(attack.cost, 3)}: ${elements} (${quality}; scenario ${labeler.scenarioName(scenarioId)}).`
            );
          }),
        ),
      );
    }
    const survivors = attackScenarios.flatMap((scenario) =>
      (scenario.attack ?? [])
        .filter((a) => !a.disconnects)
        .map((a) => {
          const estimate = scenario.services.find((e) => e.serviceId === a.serviceId);
          const availability =
            estimate === undefined
              ? ''
              : ` (availability ${formatAvailability(estimate.availability.estimate)} under attack)`;
          return `${labeler.serviceName(a.serviceId)} in ${scenario.name}${availability}`;
        }),
    );
    if (survivors.length > 0)
      blocks.push(paragraph(`${joinProse(survivors)}.`, 'Not cut off by the modelled attack alone:'));
  }
  return { id: 'weak-spots', heading: 'Top weak spots', blocks };
}

function describeChange(current: ElementLabeler, change: ServiceChange): string {
  const previous = change.previous;
  const now = change.current;
  return (
    `${current.serviceName(change.serviceId)} in ${current.scenarioName(change.scenarioId)}: ` +
    `${formatAvailability(previous.availability.estimate)} → ${formatAvailability(now.availability.estimate)} ` +
    `(downtime ${formatDowntime(previous.downtimeMinutesPerYear.estimate)} → ${formatDowntime(now.downtimeMinutesPerYear.estimate)})`
  );
}

function buildChangesSection(doc: ResultDocument, baseline: ResultDocument): SummarySection {
  const labeler = createElementLabeler(doc);
  const baselineLabeler = createElementLabeler(baseline);
  const diff = diffAgainstBaseline(doc, baseline);
  const previousName = baseline.manifest.study?.name ?? baseline.model.name;
  const hashes = `model ${shortHash(baseline.manifest.model.sha256)} → ${shortHash(doc.manifest.model.sha256)}`;
  const blocks: SummaryBlock[] = [
    paragraph(
      `Compared with “${previousName}” of ${formatDate(baseline.manifest.createdAt)} (${hashes}). ` +
        (diff.modelChanged
          ? 'The model changed, so differences may come from the model as well as from the network.'
          : 'The model is unchanged.'),
    ),
  ];
  const worse = diff.changes.filter((c) => c.verdict === 'worse');
  const better = diff.changes.filter((c) => c.verdict === 'better');
  const unclear = diff.changes.filter((c) => c.verdict === 'within uncertainty' || c.verdict === 'unchanged');
  const items = [
    ...worse.map((c) => item('Worse —', `${describeChange(labeler, c)}; beyond the uncertainty of both runs.`)),
    ...better.map((c) => item('Better —', `${describeChange(labeler, c)}; beyond the uncertainty of both runs.`)),
  ];
  if (items.length > 0) blocks.push(list(items));
  if (unclear.length > 0) {
    const names = unclear.map((c) => `${labeler.serviceName(c.serviceId)} in ${labeler.scenarioName(c.scenarioId)}`);
    blocks.push(paragraph(`${joinProse(names)}.`, 'No demonstrable change (within the 95% intervals of both runs):'));
  }
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
  ].filter((t) => t !== '');
  if (membership.length > 0) blocks.push(paragraph(`${membership.join('; ')}.`, 'Not comparable:'));
  return { id: 'changes', heading: 'Changes since the previous analysis', blocks };
}

function buildComparisonSection(doc: ResultDocument): SummarySection | null {
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
  const blocks: SummaryBlock[] = [
    paragraph(
      `Plan “${comparison.plan.name}” against base “${comparison.base.name}”, paired on the same random samples.`,
    ),
  ];
  if (clear.length > 0) blocks.push(list(clear));
  if (unclear.length > 0) blocks.push(paragraph(`${joinProse(unclear)}.`, 'No clear difference:'));
  return { id: 'comparison', heading: 'Plan comparison', blocks };
}

function buildTimeSection(doc: ResultDocument): SummarySection | null {
  const simulation = doc.timeSimulation;
  if (simulation === null) return null;
  const labeler = createElementLabeler(doc);
  const targets = new Map(doc.model.services.map((s) => [s.id, s.target]));
  const ranked = [...simulation.services].sort(
    (a, b) => b.downtimeMinutesPerYear.estimate - a.downtimeMinutesPerYear.estimate,
  );
  return {
    id: 'time',
    heading: 'Outages over time',
    blocks: [
      paragraph(`Time simulation over ${formatCount(simulation.years)} years, most downtime first:`),
      list(
        ranked.map((s) => {
          const target = targets.get(s.serviceId) ?? null;
          const allowance =
            target === null ? '' : `; the target allows ${formatDowntime((1 - target) * MINUTES_PER_YEAR)}`;
          const every =
            s.outagesPerYear.estimate > 0
              ? ` (one every ${formatNumber(1 / s.outagesPerYear.estimate, 2)} years on average)`
              : '';
          return (
            `${labeler.serviceName(s.serviceId)}: ${formatDowntimeInterval(s.downtimeMinutesPerYear)} in ` +
            `${formatNumber(s.outagesPerYear.estimate, 3)} outages a year${every}${allowance}.`
          );
        }),
      ),
    ],
  };
}

/**
 * Builds the opening summary of a report.
 * @param doc the result document reported on
 * @param baseline an earlier result document to compare with, or null
 */
export function buildSummary(doc: ResultDocument, baseline: ResultDocument | null = null): ReportSummary {
  const sections = [
    buildScopeSection(doc),
    buildTargetsSection(doc),
    buildWeakSpotsSection(doc),
    baseline === null ? null : buildChangesSection(doc, baseline),
    buildComparisonSection(doc),
    buildTimeSection(doc),
  ].filter((s): s is SummarySection => s !== null);
  return {
    title: `Resilience analysis: ${doc.manifest.study?.name ?? doc.model.name}`,
    subtitle: `Model “${doc.model.name}”, run finished ${formatDateTime(doc.manifest.createdAt)}, neverout ${doc.manifest.engineVersion}`,
    notices: buildNotices(doc),
    sections,
  };
}

/** Escapes Markdown's inline syntax characters in plain text (CommonMark backslash escapes). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/^#/, '\\#');
}

function formatMarkdownText(text: SummaryText): string {
  return text.lead === null
    ? escapeMarkdown(text.text)
    : `**${escapeMarkdown(text.lead)}** ${escapeMarkdown(text.text)}`;
}

/**
 * The summary as Markdown: title (level 1), notices as block quotes, sections (level 2), paragraphs and lists.
 * Ends with exactly one newline.
 */
export function formatSummaryMarkdown(summary: ReportSummary): string {
  const lines: string[] = [`# ${escapeMarkdown(summary.title)}`, '', escapeMarkdown(summary.subtitle), ''];
  for (const notice of summary.notices)
    lines.push(`> **${escapeMarkdown(notice.lead)}** ${escapeMarkdown(notice.text)}`, '');
  for (const section of summary.sections) {
    lines.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') lines.push(formatMarkdownText(block), '');
      else lines.push(...block.items.map((i) => `- ${formatMarkdownText(i)}`), '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
