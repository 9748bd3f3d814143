/** Narrowing for the JSON a scenario file holds: Graph bodies are objects, collections are {"value": […]}. */

/** A JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
