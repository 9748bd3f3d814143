/**
 * Whether a question asks about the asker's own tenant ("are we federated?", "do we have P1?",
 * "why doesn't password change sync?") rather than about the product in general ("what is PTA?").
 * Only those answers are grounded, so a general question costs no tenant read.
 */

/** The asker's organisation: "we", "our", "us", "my tenant", "this directory". */
const OWN = /\b(we|we're|we've|weve|us|our|ours|ourselves)\b|\b(my|this|the)\s+(tenant|organi[sz]ation|org|directory|domains?|company)\b/i;
/** The asker as the tenant: "do I have P1", "am I federated", "have I turned on PHS". */
const FIRST_PERSON_STATE = /\b(do|am|have|did)\s+i\b|\bi('m| am| have)\b/i;
/** A symptom, which is about this tenant even without a pronoun: "why doesn't password change sync?". */
const SYMPTOM =
  /\bwhy\s+(does|do|is|are|did|has|have|won't|can't|isn't|aren't|doesn't|don't|didn't|hasn't|haven't)\b|\b(not|stopped|isn't|aren't|doesn't|don't|didn't)\s+(sync|syncing|synced|working|signing|running)\b/i;

export function asksAboutOwnTenant(question: string): boolean {
  return OWN.test(question) || FIRST_PERSON_STATE.test(question) || SYMPTOM.test(question);
}
