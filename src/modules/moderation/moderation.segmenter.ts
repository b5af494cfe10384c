// Chinese word segmentation with @node-rs/jieba (the Rust port of jieba) and its bundled dictionary,
// taught the lexicon's phrases. Loading the dictionary takes a fraction of a second, so a service
// builds one segmenter on first use and keeps it.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { lexiconDictionary, type Segmenter } from './moderation.sentiment.ts';

export function createSegmenter(): Segmenter {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(lexiconDictionary());
  // HMM off: new-word guessing splits shopping slang unpredictably; the dictionary is enough here.
  return { cut: (text: string) => jieba.cut(text, false) };
}
