import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { NluData } from '@zhishou/flow-schema';
import { classificationReport, normalizeText } from '@zhishou/nlu';
import { REPO_ROOT } from '../../infra/config/config';
import type { GateResult } from '../versioning/versioning.types';
import { OnnxInference } from './onnx-inference';

export const MODELS_ROOT = join(REPO_ROOT, 'models');

export interface LabelledExample {
  text: string;
  label: string;
}

/** The fixed held-out split a bot's NLU is measured on. */
export interface HeldOut {
  /** "shipped": `models/<bot>/corpus/intent_test.tsv`; "split": every example whose text hashes into the held-out bucket. */
  source: 'shipped' | 'split';
  examples: LabelledExample[];
}

export interface QualityReport {
  size: number;
  /** Percent, one decimal. */
  accuracy: number;
  macroF1: number;
  perIntent: { label: string; precision: number; recall: number; f1: number; support: number }[];
}

/** One in SPLIT_MODULO examples is held out, chosen by a hash of its text: the same example stays out as the data grows. */
const SPLIT_MODULO = 6;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const pct = (x: number): number => Math.round(x * 1000) / 10;

function readIntentTsv(path: string): LabelledExample[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = (header ?? '').split('\t');
  const text = cols.indexOf('text');
  const label = cols.indexOf('intent');
  return lines.map((l) => l.split('\t')).flatMap((c) => (c[text] && c[label] ? [{ text: c[text]!, label: c[label]! }] : []));
}

/** The held-out split of a bot: its shipped test file, else a deterministic split of `data`'s examples. */
export function heldOutFor(bot: string, data: NluData): HeldOut {
  const shipped = join(MODELS_ROOT, bot, 'corpus', 'intent_test.tsv');
  if (existsSync(shipped)) return { source: 'shipped', examples: readIntentTsv(shipped) };
  const examples = data.intents.flatMap((i) => i.examples.filter((t) => fnv1a(normalizeText(t)) % SPLIT_MODULO === 0).map((text) => ({ text, label: i.key })));
  return { source: 'split', examples };
}

/** `data` without the held-out texts, so the example matcher cannot answer them by heart. */
export function withoutHeldOut(data: NluData, heldOut: HeldOut): NluData {
  const out = new Set(heldOut.examples.map((e) => normalizeText(e.text)));
  return { ...data, intents: data.intents.map((i) => ({ ...i, examples: i.examples.filter((t) => !out.has(normalizeText(t))) })) };
}

/**
 * The publish gate of NLU data and models: the candidate (NLU data + model) must not score lower than
 * the live pair on the bot's fixed held-out split, in intent accuracy nor macro-F1.
 */
@Injectable()
export class NluQualityGate {
  constructor(@Inject(OnnxInference) private readonly inference: OnnxInference) {}

  async measure(bot: string, heldOut: HeldOut, data: NluData, modelId: string | null): Promise<QualityReport> {
    const analyze = await this.inference.evaluator(bot, withoutHeldOut(data, heldOut), modelId);
    const predicted: string[] = [];
    for (const e of heldOut.examples) predicted.push((await analyze(e.text)).intent.intent);
    const report = classificationReport(
      heldOut.examples.map((e) => e.label),
      predicted,
    );
    return {
      size: heldOut.examples.length,
      accuracy: pct(report.accuracy),
      macroF1: pct(report.macroF1),
      perIntent: report.perClass
        .filter((c) => c.support > 0)
        .map((c) => ({ label: c.label, precision: pct(c.precision), recall: pct(c.recall), f1: pct(c.f1), support: c.support })),
    };
  }

  /** Compares candidate with live on the held-out split of the live data (of the candidate before a first release). */
  async compare(bot: string, live: { data: NluData; modelId: string | null } | null, candidate: { data: NluData; modelId: string | null }): Promise<GateResult> {
    const heldOut = heldOutFor(bot, live?.data ?? candidate.data);
    const split = { source: heldOut.source, size: heldOut.examples.length };
    const cand = await this.measure(bot, heldOut, candidate.data, candidate.modelId);
    if (!live) return { passed: true, message: 'first release: nothing to compare with', details: { heldOut: split, live: null, candidate: cand } };
    const base = await this.measure(bot, heldOut, live.data, live.modelId);
    const regressed = cand.accuracy < base.accuracy || cand.macroF1 < base.macroF1;
    const message = regressed
      ? `held-out intent accuracy ${base.accuracy} → ${cand.accuracy}, macro-F1 ${base.macroF1} → ${cand.macroF1}: the candidate is worse than live`
      : `held-out intent accuracy ${base.accuracy} → ${cand.accuracy}, macro-F1 ${base.macroF1} → ${cand.macroF1}`;
    return { passed: !regressed, message, details: { heldOut: split, live: base, candidate: cand } };
  }
}
