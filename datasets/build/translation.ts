/**
 * translation/pairs.tsv: toy French → English pairs from a small phrase grammar, in the spirit of the lecture's
 * "je suis malade" → "i am sick": pronoun + être + adjective (with gender and number agreement), pronoun +
 * avoir + noun ("j'ai faim" → "i am hungry": not word for word), pronoun + verb + object, each also negated
 * ("ne … pas" → "not" / "do not"), and a few single words and greetings ("assez" → "enough"). Distinct
 * pairs in a seeded random order.
 */
import { makeRandom } from '../../grader/runtime/random.ts';
import { shuffled, tsv, type DatasetFiles } from './files.ts';

export const TRANSLATION_SEED = 2024;

type Form = 'ms' | 'fs' | 'mp' | 'fp';

interface Pronoun {
  fr: string;
  en: string;
  /** English third person singular: "he sees", "he does not". */
  third: boolean;
  /** The adjective agreements the pronoun can take (vous: one person or several). */
  forms: Form[];
  etre: string;
  avoir: string;
  /** Present tense of voir, aimer, manger. */
  verbs: [string, string, string];
}

const PRONOUNS: Pronoun[] = [
  { fr: 'je', en: 'i', third: false, forms: ['ms', 'fs'], etre: 'suis', avoir: 'ai', verbs: ['vois', 'aime', 'mange'] },
  { fr: 'tu', en: 'you', third: false, forms: ['ms', 'fs'], etre: 'es', avoir: 'as', verbs: ['vois', 'aimes', 'manges'] },
  { fr: 'il', en: 'he', third: true, forms: ['ms'], etre: 'est', avoir: 'a', verbs: ['voit', 'aime', 'mange'] },
  { fr: 'elle', en: 'she', third: true, forms: ['fs'], etre: 'est', avoir: 'a', verbs: ['voit', 'aime', 'mange'] },
  { fr: 'nous', en: 'we', third: false, forms: ['mp', 'fp'], etre: 'sommes', avoir: 'avons', verbs: ['voyons', 'aimons', 'mangeons'] },
  { fr: 'vous', en: 'you', third: false, forms: ['ms', 'fs', 'mp', 'fp'], etre: 'êtes', avoir: 'avez', verbs: ['voyez', 'aimez', 'mangez'] },
  { fr: 'ils', en: 'they', third: false, forms: ['mp'], etre: 'sont', avoir: 'ont', verbs: ['voient', 'aiment', 'mangent'] },
  { fr: 'elles', en: 'they', third: false, forms: ['fp'], etre: 'sont', avoir: 'ont', verbs: ['voient', 'aiment', 'mangent'] },
];

const BE: Record<string, string> = { i: 'am', you: 'are', he: 'is', she: 'is', we: 'are', they: 'are' };

/** Adjective forms (masculine/feminine, singular/plural) and the English adjective. */
const ADJECTIVES: { forms: Record<Form, string>; en: string }[] = [
  ['malade', 'malade', 'malades', 'malades', 'sick'],
  ['fatigué', 'fatiguée', 'fatigués', 'fatiguées', 'tired'],
  ['content', 'contente', 'contents', 'contentes', 'happy'],
  ['triste', 'triste', 'tristes', 'tristes', 'sad'],
  ['grand', 'grande', 'grands', 'grandes', 'tall'],
  ['petit', 'petite', 'petits', 'petites', 'small'],
  ['prêt', 'prête', 'prêts', 'prêtes', 'ready'],
  ['occupé', 'occupée', 'occupés', 'occupées', 'busy'],
  ['en retard', 'en retard', 'en retard', 'en retard', 'late'],
].map(([ms, fs, mp, fp, en]) => ({ forms: { ms: ms!, fs: fs!, mp: mp!, fp: fp! }, en: en! }));

/** avoir + noun, said in English with "to be": j'ai faim → i am hungry. */
const AVOIR_NOUNS: [string, string][] = [['faim', 'hungry'], ['soif', 'thirsty'], ['froid', 'cold'], ['chaud', 'hot'], ['peur', 'afraid']];

/** English base form and third person singular of voir, aimer, manger, with the objects that fit each. */
const VERBS: { en: [string, string]; objects: [string, string][] }[] = [
  { en: ['see', 'sees'], objects: [['le chat', 'the cat'], ['le chien', 'the dog'], ['la maison', 'the house'], ['la voiture', 'the car']] },
  { en: ['like', 'likes'], objects: [['le chat', 'the cat'], ['la musique', 'the music'], ['le film', 'the film'], ['la mer', 'the sea']] },
  { en: ['eat', 'eats'], objects: [['le pain', 'the bread'], ['la pomme', 'the apple'], ['le poisson', 'the fish'], ['la soupe', 'the soup']] },
];

const WORDS: [string, string][] = [
  ['assez', 'enough'], ['merci', 'thank you'], ['bonjour', 'hello'], ['au revoir', 'goodbye'], ['oui', 'yes'], ['non', 'no'],
  ['bonsoir', 'good evening'], ['bonne nuit', 'good night'], ['pardon', 'sorry'], ["s'il vous plaît", 'please'], ["d'accord", 'okay'], ['très bien', 'very well'],
];

/** French elision: je, ne before a vowel sound become j', n'. */
const elide = (phrase: string): string => phrase.replace(/\b(j|n)e ([aeiouéêh])/g, "$1'$2");

/** "pronoun verb rest", or negated "pronoun ne verb pas rest". */
const french = (pronoun: string, verb: string, rest: string, negated: boolean): string => elide(negated ? `${pronoun} ne ${verb} pas ${rest}` : `${pronoun} ${verb} ${rest}`);

function phrases(): [string, string][] {
  const pairs: [string, string][] = [...WORDS];
  for (const p of PRONOUNS) {
    const be = BE[p.en]!;
    for (const negated of [false, true]) {
      const not = negated ? ' not' : '';
      for (const adjective of ADJECTIVES) {
        for (const form of p.forms) pairs.push([french(p.fr, p.etre, adjective.forms[form], negated), `${p.en} ${be}${not} ${adjective.en}`]);
      }
      for (const [noun, en] of AVOIR_NOUNS) pairs.push([french(p.fr, p.avoir, noun, negated), `${p.en} ${be}${not} ${en}`]);
      VERBS.forEach((verb, v) => {
        const english = negated ? `${p.third ? 'does' : 'do'} not ${verb.en[0]}` : verb.en[p.third ? 1 : 0];
        for (const [object, en] of verb.objects) pairs.push([french(p.fr, p.verbs[v], object, negated), `${p.en} ${english} ${en}`]);
      });
    }
  }
  const distinct = new Map(pairs.map(([fr, en]) => [`${fr}\t${en}`, [fr, en] as [string, string]]));
  return [...distinct.values()];
}

export function buildTranslationPairs(): DatasetFiles {
  const random = makeRandom(TRANSLATION_SEED);
  return { 'translation/pairs.tsv': tsv(['source', 'target'], shuffled(phrases(), random.int)) };
}
