import { badInput } from './errors';

/**
 * Global object ids: base64url("Type:dbId"). Opaque to clients, accepted by Query.node, and
 * checked for type wherever a specific kind of object is expected.
 */
export const NODE_TYPES = ['Party', 'Source', 'Engagement', 'Commitment', 'FollowUp', 'ProgressReport', 'Person', 'Webhook'] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeTypeName, id: string | number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function parseGlobalId(globalId: string): { type: NodeTypeName; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 100 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const m = /^([A-Za-z]+):([1-9]\d{0,17})$/.exec(decoded);
  if (!m || !(NODE_TYPES as readonly string[]).includes(m[1])) return null;
  return { type: m[1] as NodeTypeName, id: m[2] };
}

/** The database id behind a global id of the expected type; BAD_USER_INPUT naming `field` otherwise. */
export function expectGlobalId(globalId: string, type: NodeTypeName, field: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) throw badInput(field, `"${globalId}" is not ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} id`);
  return parsed.id;
}
