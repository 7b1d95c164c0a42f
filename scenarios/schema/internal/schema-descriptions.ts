// The catalogue of titles and descriptions attached to the generated JSON Schemas, so that editors (VS Code with the
// YAML extension, IntelliJ) show what each field means while a planner types. Wording follows docs/file-formats.md.

import {
  describeServiceFields,
  describeServiceKinds,
  describeServiceShapes,
} from '../../topology/services/topology-service-kinds.ts';

/** Documentation for one schema node and, recursively, its fields, list items and mapping values. */
export interface SchemaDoc {
  readonly title?: string;
  readonly description?: string;
  /** Fields of an object (also applied to every object branch of an anyOf/oneOf). */
  readonly properties?: Readonly<Record<string, SchemaDoc>>;
  /** Items of a list (also applied to every list branch of an anyOf/oneOf). */
  readonly items?: SchemaDoc;
  /** Values of a free-form mapping (JSON Schema `additionalProperties`). */
  readonly values?: SchemaDoc;
}

const ID = 'Unique id: letters, digits and _ . : - / (no spaces), at most 200 characters.';
const ID_REF = 'An id of letters, digits and _ . : - / (no spaces).';
const QUANTITY = 'a number in the base unit or a text with units, parsed with mathjs units';

/** A time distribution (time simulation): a quantity (the mean of an exponential) or a distribution mapping. */
const TIME_DISTRIBUTION_FIELDS: Readonly<Record<string, SchemaDoc>> = {
  distribution: { description: 'The distribution: exponential, weibull, lognormal or fixed.' },
  mean: { description: `Mean: ${QUANTITY} (hours), e.g. "10 h" (exponential; lognormal with sd).` },
  rate: { description: `Rate: ${QUANTITY} (per year), e.g. "2 / year" (exponential).` },
  shape: { description: 'Weibull shape k in [0.1, 50] (1 is exponential; above 1 wear-out).' },
  scale: { description: `Weibull scale: ${QUANTITY} (hours).` },
  median: { description: `Lognormal median: ${QUANTITY} (hours); with sigma.` },
  sigma: { description: 'Lognormal sigma, the standard deviation of the logarithm, in (0, 5].' },
  sd: { description: `Lognormal standard deviation: ${QUANTITY} (hours); with mean.` },
  value: { description: `The one value of a fixed time: ${QUANTITY} (hours).` },
};

/** Documentation of a time-distribution field. */
const TIME_DISTRIBUTION = (what: string): SchemaDoc => ({
  description: `${what}: a duration (the mean of an exponential) or a mapping { distribution: exponential | weibull | lognormal | fixed, ... }.`,
  properties: TIME_DISTRIBUTION_FIELDS,
});

const SCHEMA_FIELD: SchemaDoc = {
  description: 'Path or URL of the JSON Schema for editors; ignored by neverout.',
};

/** Failure parameters shared by nodes, links, defaults and overrides (exactly one model per element). */
const FAILURE_FIELDS: Readonly<Record<string, SchemaDoc>> = {
  failureProbability: {
    description: 'Steady-state probability that the element is down at a random instant, in [0, 1].',
  },
  availability: { description: 'Steady-state availability in [0, 1]; the failure probability is 1 - availability.' },
  mtbf: { description: `Mean time between failures: ${QUANTITY} (hours), e.g. "150000 h". Needs mttr.` },
  mttr: { description: `Mean time to repair: ${QUANTITY} (hours), e.g. "4 h". q = MTTR / (MTBF + MTTR).` },
  attackCost: {
    description: 'Effort for a saboteur to take the element down (> 0); used by sabotage scenarios with a cost budget.',
  },
  timeToFailure: TIME_DISTRIBUTION(
    'Time simulation: the time to failure (its mean is the MTBF; with mttr or timeToRepair it fixes the failure probability)',
  ),
  timeToRepair: TIME_DISTRIBUTION(
    'Time simulation: the repair (work) time, after a crew responds; its mean is the MTTR of the static model',
  ),
};

const LINK_FAILURE_FIELDS: Readonly<Record<string, SchemaDoc>> = {
  ...FAILURE_FIELDS,
  cutRate: {
    description: `Fibre cuts per km per year: ${QUANTITY}, e.g. "4 cuts / 1000 km / year". Needs repairTime and lengthKm (fibre only).`,
  },
  repairTime: { description: `Repair time of a cut: ${QUANTITY} (hours), e.g. "12 h". Needs cutRate.` },
};

const ATTRIBUTES: SchemaDoc = {
  description: 'Free attributes (text, number or true/false) that risk groups and overrides select on with `where`.',
};

const SELECTOR: Readonly<Record<string, SchemaDoc>> = {
  ids: { description: 'Node and link ids to select.', items: { description: ID_REF } },
  elements: { description: 'Which elements the selector considers: nodes, links or all (default all).' },
  kind: { description: 'Node kind (or a list of kinds) to select.' },
  medium: { description: 'Link medium (or a list of media) to select: fibre, radio, satellite, leased.' },
  where: { description: 'Attribute equality; a list value matches any of its items. Every attribute must match.' },
  within: {
    description: 'Geographic circle: nodes within the radius; links with an end or their midpoint within it.',
    properties: {
      lat: { description: 'Latitude of the centre, WGS84 degrees in [-90, 90].' },
      lon: { description: 'Longitude of the centre, WGS84 degrees in [-180, 180].' },
      radiusKm: { description: 'Radius in km (> 0).' },
    },
  },
};

const SELECT: SchemaDoc = {
  description: 'One selector or a list of selectors (union); inside a selector every criterion must hold.',
  properties: SELECTOR,
  items: { description: 'A selector; every criterion in it must hold.', properties: SELECTOR },
};

const RISK_GROUP: SchemaDoc = {
  description: 'A common-cause failure: an event that takes down several elements at once.',
  properties: {
    id: { description: ID },
    name: { description: 'Human name of the risk group.' },
    description: { description: 'Free text.' },
    select: SELECT,
    probability: {
      description: 'Probability of the event per scenario, in [0, 1]. Give either probability, or rate and duration.',
    },
    rate: { description: `Event rate: ${QUANTITY} (per year), e.g. "0.2 / year". Needs duration.` },
    duration: {
      description: `How long an event lasts: ${QUANTITY} (hours), e.g. "8 h", or a distribution mapping (time simulation). q = rate * duration / (1 + rate * duration).`,
      properties: TIME_DISTRIBUTION_FIELDS,
    },
    memberFailureProbability: {
      description: 'Probability that each member fails when the event occurs, in [0, 1] (default 1).',
    },
    recovery: {
      description:
        'Time simulation: how members come back after an event: together (default), { staggered: <period> } (one by one over the last part of the event), crews (each by its repair crew) or { crew: <crew id> }.',
      properties: {
        staggered: { description: `Recovery period: ${QUANTITY} (hours); members come back evenly spread over it.` },
        crew: { description: 'Id of the crew that restores every member, one job each.' },
      },
    },
  },
};

const SELECT_REPAIRS: SchemaDoc = { ...SELECT, description: 'The nodes and links this crew repairs (one crew per element).' };

const CREW: SchemaDoc = {
  description: 'A repair crew (time simulation): Defence or a supplier under contract, who repairs what, how fast.',
  properties: {
    id: { description: ID },
    name: { description: 'Human name of the crew, e.g. "Defence fibre crews".' },
    description: { description: 'Free text.' },
    count: { description: 'Members (teams) working in parallel, a whole number >= 1; further jobs queue.' },
    response: {
      ...TIME_DISTRIBUTION('Time from a request to a member starting work (travel, contractual response); 0 for none'),
    },
    repairs: SELECT_REPAIRS,
  },
};

const ID_LIST = (what: string): SchemaDoc => ({ description: what, items: { description: ID_REF } });

/** Service fields: the common ones here, each kind's own from its declaration (scenarios/topology/services). */
const SERVICE_FIELDS: Readonly<Record<string, SchemaDoc>> = {
  id: { description: ID },
  name: { description: 'Human name of the service.' },
  description: { description: 'Free text.' },
  kind: { description: describeServiceKinds() },
  ...Object.fromEntries(
    Object.entries(describeServiceFields()).map(([field, doc]) => [
      field,
      doc.nodeIds === true
        ? ID_LIST(doc.description)
        : doc.items !== undefined
          ? {
              description: doc.description,
              items: {
                description: doc.items.description,
                properties: Object.fromEntries(Object.entries(doc.items.fields).map(([name, text]) => [name, { description: text }])),
              },
            }
          : { description: doc.description },
    ]),
  ),
  target: { description: 'Required availability in (0, 1], e.g. 0.99999; the report says met, missed or uncertain.' },
};

/** Documentation of the topology file (format neverout-topology/1). */
export const TOPOLOGY_SCHEMA_DOC: SchemaDoc = {
  title: 'neverout topology (neverout-topology/1)',
  description:
    'A network for neverout: nodes, links, their failure parameters, risk groups (common-cause failures) and the critical services. See docs/file-formats.md.',
  properties: {
    $schema: SCHEMA_FIELD,
    format: { description: 'File format and version: always "neverout-topology/1".' },
    name: { description: 'Name of the network model.' },
    description: { description: 'Free text.' },
    illustrative: { description: 'True marks a model that is not a real network (such as the embedded NAFIN model).' },
    defaults: {
      description: 'Failure parameters for elements without their own, by node kind or link medium ("*" for any).',
      properties: {
        nodes: {
          description: 'Defaults by node kind; "*" applies to any kind.',
          values: { description: 'Failure parameters for nodes of this kind.', properties: FAILURE_FIELDS },
        },
        links: {
          description: 'Defaults by link medium (fibre, radio, satellite, leased); "*" applies to any medium.',
          values: { description: 'Failure parameters for links of this medium.', properties: LINK_FAILURE_FIELDS },
        },
      },
    },
    extends: {
      description:
        '"default" or a path to a topology file: this file adds to, replaces in or removes from that topology.',
    },
    removeNodes: ID_LIST('Node ids to remove from the extended topology.'),
    removeLinks: ID_LIST('Link ids to remove from the extended topology.'),
    removeRiskGroups: ID_LIST('Risk-group ids to remove from the extended topology.'),
    removeServices: ID_LIST('Service ids to remove from the extended topology.'),
    removeCrews: ID_LIST('Crew ids to remove from the extended topology.'),
    nodes: {
      description: 'The sites and network nodes.',
      items: {
        description: 'A node (site or piece of equipment).',
        properties: {
          id: { description: `${ID} Unique among nodes, links and risk groups.` },
          name: { description: 'Human name, e.g. "Den Haag core".' },
          kind: {
            description:
              'Node kind (free text), e.g. core, hq, airbase, navalbase, datacentre, meldkamer; selects defaults.',
          },
          lat: { description: 'Latitude, WGS84 degrees in [-90, 90] (optional).' },
          lon: { description: 'Longitude, WGS84 degrees in [-180, 180] (optional).' },
          attributes: ATTRIBUTES,
          description: { description: 'Free text.' },
          ...FAILURE_FIELDS,
        },
      },
    },
    links: {
      description: 'The links between nodes.',
      items: {
        description: 'A link between two nodes.',
        properties: {
          id: { description: `${ID} Unique among nodes, links and risk groups.` },
          from: { description: 'Node id of one end.' },
          to: { description: 'Node id of the other end.' },
          medium: { description: 'fibre, radio, satellite or leased; selects defaults.' },
          lengthKm: {
            description: `Length: ${QUANTITY} (km), e.g. "42 km". Required for fibre with cutRate unless both ends have coordinates.`,
          },
          capacity: {
            description:
              'Bit rate the link carries, needed on every link by capacity services: a number in Gbit/s or a text such as "10 Gbit/s", "100G", "400 Mbit/s".',
          },
          delay: {
            description:
              'One-way delay for latency services: a number in ms or a text such as "0.4 ms", "250 us"; default lengthKm at 5 µs/km.',
          },
          layer: {
            description:
              'Layers: "physical" for a link that carries logical links only (their routes) and is not part of the service graph; "service" (default) otherwise.',
          },
          over: {
            description:
              'Layers: this link is a logical link (wavelength, leased circuit) routed over physical links: their ids in order from `from` to `to`, or "shortest" (by delay). It fails when a link of its route fails (and its protection route, if any, fails too); defaults do not apply to it.',
          },
          protection: {
            description:
              'Layers: a 1+1 protection route disjoint from `over`: physical link ids in order from `from` to `to`, or "disjoint-shortest".',
          },
          attributes: ATTRIBUTES,
          description: { description: 'Free text.' },
          ...LINK_FAILURE_FIELDS,
        },
      },
    },
    riskGroups: {
      description: 'Common-cause failures (power regions, floods, shared ducts, platforms, suppliers).',
      items: RISK_GROUP,
    },
    services: {
      description: 'The critical services whose availability neverout estimates.',
      items: {
        description: `A service: ${describeServiceShapes()}.`,
        properties: SERVICE_FIELDS,
      },
    },
    crews: {
      description: 'Repair crews (time simulation); elements without a crew are repaired at once, without a response time.',
      items: CREW,
    },
  },
};

const FORCED_EVENTS: SchemaDoc = {
  description:
    'Time simulation: when forced events happen: start (at time 0 of every simulated year, then repaired; the default), throughout (down or in progress all the time, as the static engine reads them) or { arrivals: <rate per year> }.',
  properties: { arrivals: { description: `Forced events per year: ${QUANTITY}, e.g. "0.1 / year".` } },
};

const SCENARIO: SchemaDoc = {
  description: 'A named what-if: forced events, sabotage and parameter overrides on top of the topology.',
  properties: {
    id: { description: ID },
    name: { description: 'Human name of the scenario.' },
    description: { description: 'Free text.' },
    force: ID_LIST('Risk-group ids (the event occurs) or node and link ids (down) forced in this scenario.'),
    randomFailures: { description: 'Whether random failures happen as well (default true).' },
    sabotage: {
      description: 'An adversary who takes elements down on top of (or instead of) random failures.',
      properties: {
        budget: { description: 'Number of elements the saboteur takes down (whole number >= 1). Give budget or cost.' },
        cost: {
          description: "Effort budget: the sum of the attacked elements' attackCost (> 0). Give budget or cost.",
        },
        targets: { description: 'What may be attacked: links, nodes or all (default links).' },
        strategy: { description: 'How targets are chosen: random, betweenness, greedy or optimal (default optimal).' },
      },
    },
    overrides: {
      description: 'Changed failure parameters for selected elements in this scenario.',
      items: {
        description: 'Selected elements and their failure parameters in this scenario.',
        properties: { select: SELECT, ...LINK_FAILURE_FIELDS },
      },
    },
    forcedEvents: FORCED_EVENTS,
  },
};

/** Documentation of the study file (format neverout-study/1). */
export const STUDY_SCHEMA_DOC: SchemaDoc = {
  title: 'neverout study (neverout-study/1)',
  description:
    'Which topology to analyse, the seed and sample budget, the stopping rule and the named scenarios. See docs/file-formats.md.',
  properties: {
    $schema: SCHEMA_FIELD,
    format: { description: 'File format and version: always "neverout-study/1".' },
    name: { description: 'Name of the study, e.g. "Periodic analysis 2026-Q4".' },
    description: { description: 'Free text.' },
    topology: { description: '"default" (the embedded illustrative NAFIN model) or a path relative to this file.' },
    seed: { description: 'Seed of the random streams (whole number or text); the same seed gives the same result.' },
    samples: { description: 'Maximum samples per scenario (whole number >= 1).' },
    batchSize: { description: 'Samples per batch (whole number >= 1); batches are the unit of work and of replay.' },
    relativeError: {
      description: 'Stop a scenario once the CI half-width divided by the estimate falls below this, in (0, 1).',
    },
    maxTime: { description: `Wall-clock limit per run: ${QUANTITY} (hours), e.g. "15 min".` },
    services: ID_LIST('Service ids to analyse (default all).'),
    riskGroups: { description: 'Extra risk groups, same form as in a topology.', items: RISK_GROUP },
    scenarios: { description: 'The scenarios to run (at least 1).', items: SCENARIO },
    simulation: {
      description: 'Time-simulation settings (`neverout simulate`, and `neverout compare` in time).',
      properties: {
        years: { description: 'Simulated years per scenario (whole number >= 1; default 1000).' },
        yearsPerBatch: { description: 'Simulated years per batch (whole number >= 1; default 100).' },
        forcedEvents: FORCED_EVENTS,
        compare: {
          description:
            'What `neverout compare` pairs when this study is one side: static (samples of the steady state, the default) or time (simulated years, common random numbers).',
        },
      },
    },
  },
};
