// How a system's code must take each answer shape its specification allows (answer-variants.ts): read it, or — only
// where the record cannot be used without what was left out (its id, say) — refuse it with a ConnectorError whose
// message names what is missing. Anything else (a thrown ZodError, a refusal of an optional property) is a finding.
import { ConnectorError } from '../../main/connectors/contract.js';
import type { JsonObject, Variant } from './answer-variants.js';

export interface Finding {
  variant: string;
  problem: string;
}

export interface ShapeCase {
  /** The property paths the record cannot be used without. */
  essential: readonly string[];
  /** Reads one answer through the real client and the code that uses it. */
  read: (record: JsonObject) => Promise<unknown>;
}

async function judge(
  c: ShapeCase,
  variant: Variant,
  missing: readonly Variant['kind'][],
): Promise<Finding | null> {
  try {
    await c.read(variant.record);
    return null;
  } catch (error) {
    const essential = missing.includes(variant.kind) && c.essential.includes(variant.path);
    if (!(error instanceof ConnectorError)) {
      return { variant: variant.label, problem: `threw ${String(error).slice(0, 300)}` };
    }
    if (!essential) return { variant: variant.label, problem: `refused: ${error.userMessage}` };
    const name = variant.path.split('.').pop()!;
    if (!new RegExp(`\\b${name}\\b`).test(error.userMessage))
      return { variant: variant.label, problem: `refused without naming ${name}: ${error.userMessage}` };
    return null;
  }
}

/**
 * What went wrong with each variant, one after another (they share the case's fakes). `missing` says which kinds of
 * change take an essential property away: left out, and for specifications with nullable properties, null.
 */
export async function findingsOf(
  c: ShapeCase,
  variants: readonly Variant[],
  missing: readonly Variant['kind'][] = ['dropped'],
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const variant of variants) {
    const finding = await judge(c, variant, missing);
    if (finding) findings.push(finding);
  }
  return findings;
}
