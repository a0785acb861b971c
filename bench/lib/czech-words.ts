/**
 * What participants of a community-planning meeting type into a word cloud such as "Co vás
 * napadne, když se řekne sociální služby?": about 150 written forms of some 60 words and short
 * phrases, several forms per word as Czech inflects them (senioři / seniorů / seniory), so the
 * server's tally has many forms to count and group. Words are drawn with a Zipf-like skew (a few
 * words dominate, as in a real cloud) by a seeded generator, so every run sends the same answers.
 */

/** Each entry: the forms of one word, the usual one first. */
export const WORDS: readonly (readonly string[])[] = [
  ['senioři', 'seniorů', 'seniory', 'senior', 'seniorům'],
  ['bydlení', 'byty', 'bytů', 'byt'],
  ['doprava', 'dopravy', 'dopravu'],
  ['dostupnost', 'dostupnosti'],
  ['dobrovolníci', 'dobrovolníků', 'dobrovolník', 'dobrovolníky'],
  ['rodina', 'rodiny', 'rodinám', 'rodin'],
  ['děti', 'dětí', 'dítě'],
  ['mládež', 'mládeže'],
  ['osamělost', 'osamělosti'],
  ['chudoba', 'chudoby'],
  ['dluhy', 'dluhů', 'dluh', 'exekuce'],
  ['bezdomovectví', 'bezdomovci', 'bezdomovců'],
  ['lékaři', 'lékařů', 'lékař'],
  ['asistence', 'asistenci'],
  ['pečovatelská služba', 'pečovatelské služby', 'pečovatelskou službu'],
  ['terénní služby', 'terénních služeb'],
  ['sociální pracovníci', 'sociálních pracovníků', 'sociální pracovnice'],
  ['poradenství', 'poradna', 'poradny'],
  ['informace', 'informovanost', 'informací'],
  ['komunikace', 'komunikaci'],
  ['spolupráce', 'spolupráci'],
  ['peníze', 'peněz', 'finance', 'financí'],
  ['prevence', 'prevenci'],
  ['podpora', 'podpory', 'podporu'],
  ['pomoc', 'pomoci'],
  ['bezbariérovost', 'bezbariérovosti', 'bariéry'],
  ['kapacita', 'kapacity', 'kapacit'],
  ['čekací lhůty', 'čekání'],
  ['personál', 'personálu'],
  ['vyhoření', 'vyhořením'],
  ['důvěra', 'důvěry', 'důvěru'],
  ['respekt', 'respektu'],
  ['bezpečí', 'bezpečnost'],
  ['závislosti', 'závislost', 'drogy', 'drog'],
  ['duševní zdraví', 'duševního zdraví'],
  ['zdraví', 'zdravotnictví'],
  ['vzdělávání', 'vzdělání'],
  ['práce', 'práci', 'zaměstnání'],
  ['nezaměstnanost', 'nezaměstnanosti'],
  ['úřady', 'úřadů', 'úřad'],
  ['byrokracie', 'byrokracii'],
  ['obec', 'obce', 'obcí'],
  ['město', 'města', 'městu'],
  ['venkov', 'venkova', 'vesnice'],
  ['sousedé', 'sousedů', 'sousedství'],
  ['komunita', 'komunity', 'komunitu'],
  ['domov', 'domova', 'domovy'],
  ['hospic', 'hospice'],
  ['péče', 'paliativní péče'],
  ['pečující', 'pečujících'],
  ['postižení', 'handicap'],
  ['vozíčkáři', 'vozíčkářů'],
  ['Romové', 'Romů'],
  ['cizinci', 'cizinců'],
  ['samoživitelky', 'samoživitelek', 'samoživitelé'],
  ['krize', 'krizi', 'krizová pomoc'],
  ['azylový dům', 'azylové domy'],
  ['psychologové', 'psychologů', 'psycholog'],
  ['čas', 'času'],
  ['ochota', 'empatie'],
];

/** A small seeded generator (mulberry32): the same seed gives the same numbers on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Index drawn with the given weights. */
export function weightedIndex(weights: readonly number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Zipf-like popularity of the words, in the order of WORDS. */
const wordWeights = WORDS.map((_, rank) => 1 / (rank + 1) ** 0.9);

/**
 * The 1–3 words participant `i` sends: different words, each in one of its forms (the usual form
 * more often), now and then capitalised as phones' keyboards do.
 */
export function wordsOfParticipant(i: number): string[] {
  const random = seededRandom(0x9e3779b9 ^ Math.imul(i + 1, 2654435761));
  const count = 1 + weightedIndex([3, 4, 3], random);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(weightedIndex(wordWeights, random));
  return [...chosen].map((w) => {
    const forms = WORDS[w]!;
    const form = forms[random() < 0.5 ? 0 : Math.floor(random() * forms.length)]!;
    return random() < 0.15 ? form.charAt(0).toLocaleUpperCase('cs') + form.slice(1) : form;
  });
}
