/**
 * Catalogues the list fields of a plan's cards pick from. The administrator edits them (server,
 * table `catalogue_entries`); what ships with the product is below. A card stores entry ids, so a
 * renamed entry is renamed on every card, and a retired entry keeps its label on the cards that use it.
 */
export const catalogueNames = ['targetGroups', 'serviceKinds'] as const;
export type CatalogueName = (typeof catalogueNames)[number];

export interface CatalogueEntry {
  id: string;
  catalogue: CatalogueName;
  /** A short code: the abbreviation of a target group ("S", "OZP"); the section of the act of a service kind ("37", "60a"). */
  code: string;
  /** Czech, as in the plan's documents. */
  label: string;
  /** English, shown when the interface is in English; empty falls back to the Czech label. */
  labelEn: string;
  /** Retired entries are offered no more, but cards that use them still show them. */
  retired: boolean;
}

export type Catalogues = Record<CatalogueName, CatalogueEntry[]>;

type Shipped = [id: string, code: string, label: string, labelEn: string];

/**
 * Druhy sociálních služeb by the social services act (zákon č. 108/2006 Sb.): social counselling
 * (§ 37), social care (§ 39–52) and social prevention (§ 54–70).
 */
const serviceKinds: Shipped[] = [
  ['sk-37', '37', 'Sociální poradenství', 'Social counselling'],
  ['sk-39', '39', 'Osobní asistence', 'Personal assistance'],
  ['sk-40', '40', 'Pečovatelská služba', 'Home care service'],
  ['sk-41', '41', 'Tísňová péče', 'Emergency care (telecare)'],
  ['sk-42', '42', 'Průvodcovské a předčitatelské služby', 'Guide and reading services'],
  ['sk-43', '43', 'Podpora samostatného bydlení', 'Supported independent living'],
  ['sk-44', '44', 'Odlehčovací služby', 'Respite care'],
  ['sk-45', '45', 'Centra denních služeb', 'Day service centres'],
  ['sk-46', '46', 'Denní stacionáře', 'Day care centres'],
  ['sk-47', '47', 'Týdenní stacionáře', 'Weekly care centres'],
  ['sk-48', '48', 'Domovy pro osoby se zdravotním postižením', 'Homes for people with disabilities'],
  ['sk-49', '49', 'Domovy pro seniory', 'Homes for older people'],
  ['sk-50', '50', 'Domovy se zvláštním režimem', 'Special regime homes'],
  ['sk-51', '51', 'Chráněné bydlení', 'Sheltered housing'],
  ['sk-52', '52', 'Sociální služby poskytované ve zdravotnických zařízeních lůžkové péče', 'Social services in inpatient health care'],
  ['sk-54', '54', 'Raná péče', 'Early intervention'],
  ['sk-55', '55', 'Telefonická krizová pomoc', 'Crisis helpline'],
  ['sk-56', '56', 'Tlumočnické služby', 'Interpreting services'],
  ['sk-57', '57', 'Azylové domy', 'Shelters'],
  ['sk-58', '58', 'Domy na půl cesty', 'Halfway houses'],
  ['sk-59', '59', 'Kontaktní centra', 'Contact centres'],
  ['sk-60', '60', 'Krizová pomoc', 'Crisis assistance'],
  ['sk-60a', '60a', 'Intervenční centra', 'Intervention centres'],
  ['sk-61', '61', 'Nízkoprahová denní centra', 'Low-threshold day centres'],
  ['sk-62', '62', 'Nízkoprahová zařízení pro děti a mládež', 'Low-threshold facilities for children and youth'],
  ['sk-63', '63', 'Noclehárny', 'Night shelters'],
  ['sk-64', '64', 'Služby následné péče', 'Aftercare services'],
  ['sk-65', '65', 'Sociálně aktivizační služby pro rodiny s dětmi', 'Social activation services for families with children'],
  ['sk-66', '66', 'Sociálně aktivizační služby pro seniory a osoby se zdravotním postižením', 'Social activation services for older people and people with disabilities'],
  ['sk-67', '67', 'Sociálně terapeutické dílny', 'Social therapy workshops'],
  ['sk-68', '68', 'Terapeutické komunity', 'Therapeutic communities'],
  ['sk-69', '69', 'Terénní programy', 'Outreach programmes'],
  ['sk-70', '70', 'Sociální rehabilitace', 'Social rehabilitation'],
];

/** Cílové skupiny as community plans name them (abbreviations as in the regional cards: "S, OZP"). */
const targetGroups: Shipped[] = [
  ['tg-s', 'S', 'Senioři', 'Older people'],
  ['tg-ozp', 'OZP', 'Osoby se zdravotním postižením', 'People with disabilities'],
  ['tg-rd', 'RD', 'Rodiny s dětmi', 'Families with children'],
  ['tg-dm', 'DM', 'Děti a mládež', 'Children and young people'],
  ['tg-odo', 'ODO', 'Osoby s duševním onemocněním', 'People with mental illness'],
  ['tg-oz', 'OZ', 'Osoby ohrožené závislostí', 'People at risk of addiction'],
  ['tg-ok', 'OK', 'Osoby v krizi a oběti trestné činnosti', 'People in crisis and victims of crime'],
  ['tg-obp', 'OBP', 'Osoby bez přístřeší', 'Homeless people'],
  ['tg-osv', 'OSV', 'Osoby ohrožené sociálním vyloučením', 'People at risk of social exclusion'],
  ['tg-nm', 'NM', 'Národnostní menšiny a cizinci', 'Ethnic minorities and foreigners'],
  ['tg-po', 'PO', 'Pečující osoby', 'Carers'],
];

const entries = (catalogue: CatalogueName, shipped: Shipped[]): CatalogueEntry[] =>
  shipped.map(([id, code, label, labelEn]) => ({ id, catalogue, code, label, labelEn, retired: false }));

/** What the product ships; the server seeds these once, after which the administrator's edits rule. */
export const shippedCatalogues: Catalogues = {
  targetGroups: entries('targetGroups', targetGroups),
  serviceKinds: entries('serviceKinds', serviceKinds),
};

/** How an entry reads on a card and in exports: "Osobní asistence (§ 39)", "Senioři". */
export function entryLabel(entry: CatalogueEntry, locale: 'cs' | 'en' = 'cs'): string {
  const label = locale === 'en' && entry.labelEn ? entry.labelEn : entry.label;
  return entry.catalogue === 'serviceKinds' && entry.code ? `${label} (§ ${entry.code})` : label;
}

/** Entries by id across catalogues, for resolving a card's fields. */
export const entriesById = (catalogues: Catalogues): Map<string, CatalogueEntry> =>
  new Map(catalogueNames.flatMap((name) => catalogues[name].map((entry) => [entry.id, entry] as const)));
