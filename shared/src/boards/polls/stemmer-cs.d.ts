declare module '@nlpjs/lang-cs/src/stemmer-cs.js' {
  /** The Snowball Czech stemmer as shipped by nlp.js. */
  export default class StemmerCs {
    stemWord(word: string): string;
  }
}
