// The vocabulary the page and the widget show: entity types, quotation kinds and the layers a
// reader can switch on and off. Colours follow the Okabe–Ito colour-blind-safe palette; every
// type also carries its text label, so colour is never the only signal.

/** Entity types in display order (the engine's `label` strings), with their display names. */
export const ENTITY_TYPES = [
  { label: 'PERSON', name: 'Person', group: 'People' },
  { label: 'ORG', name: 'Organisation', group: 'Organisations' },
  { label: 'LOC', name: 'Place', group: 'Places' },
  { label: 'NORP', name: 'Group', group: 'Groups' },
  { label: 'MISC', name: 'Other name', group: 'Other names' },
  { label: 'DATE', name: 'Date', group: 'Dates' },
  { label: 'TIME', name: 'Time', group: 'Times' },
  { label: 'MONEY', name: 'Money', group: 'Money' },
  { label: 'PERCENT', name: 'Percentage', group: 'Percentages' },
  { label: 'QUANTITY', name: 'Quantity', group: 'Quantities' },
  { label: 'CARDINAL', name: 'Number', group: 'Numbers' },
];

/** Every entity label string, in display order. */
export const ALL_LABELS = ENTITY_TYPES.map((type) => type.label);

/** Quotation kinds (the engine's `kind` strings) with their display names. */
export const QUOTE_KINDS = {
  direct: 'Direct quotation',
  partial: 'Partial quotation',
  term: 'Quoted term',
  indirect: 'Reported speech',
};

/** The layers a view can show besides entities. */
export const ALL_LAYERS = ['entities', 'quotes', 'paragraphs', 'sentences', 'tokens'];

/** The layers shown when nobody says otherwise: tokens and sentence bands are opt-in views. */
export const DEFAULT_LAYERS = ['entities', 'quotes', 'paragraphs'];

/** The display record of `label`, or a neutral one for a label this page does not know yet. */
export function entityType(label) {
  return ENTITY_TYPES.find((type) => type.label === label) ?? { label, name: label, group: label };
}
