/**
 * The validate stage: one rule per file, each a plain function from a built project to the
 * findings it raises. Rules never throw; an input they need that is missing is reported by
 * the model stage (the cell and its page), and a rule that skips a check for it says so
 * (`unchecked.ts`).
 */
import type { Finding } from '../findings.js';
import type { Project, ProvenanceMap } from '../model/types.js';

export interface ValidationInput {
  project: Project;
  provenance: ProvenanceMap;
}

export type Rule = (input: ValidationInput) => Finding[];
