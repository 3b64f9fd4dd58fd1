// Renders an evaluation for people: every code with its message in the caller's language. The
// messages themselves live once, in schemas/taxonomy (the client shows the same texts).
import { POLICY_REASONS, POLICY_REQUIREMENTS, type Locale, type PolicyReason, type PolicyRequirement } from '../../schemas/taxonomy';
import type { Decision, Evaluation, ReasonCode, RequirementCode } from './types';

// Compile-time checks that the engine's codes and the bilingual lists name the same sets.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const reasonsMatch: Same<ReasonCode, PolicyReason> = true;
const requirementsMatch: Same<RequirementCode, PolicyRequirement> = true;
void reasonsMatch;
void requirementsMatch;

/** An evaluation as the API returns it. */
export interface ExplainedEvaluation {
  decision: Decision;
  reasons: Array<{ code: ReasonCode; message: string }>;
  requirements: Array<{ code: RequirementCode; message: string; blocking: boolean }>;
}

const reasonMessages = new Map<string, { ko: string; en: string }>(POLICY_REASONS.map((r) => [r.code, r.message]));
const requirementMessages = new Map<string, { ko: string; en: string }>(POLICY_REQUIREMENTS.map((r) => [r.code, r.message]));

/** Adds the message of every reason and requirement in `lang`. */
export function explain(evaluation: Evaluation, lang: Locale): ExplainedEvaluation {
  return {
    decision: evaluation.decision,
    reasons: evaluation.reasons.map((code) => ({ code, message: reasonMessages.get(code)?.[lang] ?? code })),
    requirements: evaluation.requirements.map(({ code, blocking }) => ({
      code,
      message: requirementMessages.get(code)?.[lang] ?? code,
      blocking,
    })),
  };
}
