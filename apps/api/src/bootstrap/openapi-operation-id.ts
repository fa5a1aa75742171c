const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `Categories` → `Category`, `Cases` → `Case`; nouns that are the same either way stay. */
function singular(resource: string): string {
  if (/(News|Settings|Health|Me|Intake)$/.test(resource)) return resource;
  if (resource.endsWith('ies')) return `${resource.slice(0, -3)}y`;
  return resource.endsWith('s') ? resource.slice(0, -1) : resource;
}

const COLLECTION_VERBS = new Set(['list', 'export', 'approve']);
const SINGLE_VERBS: Record<string, string> = {
  create: 'create',
  get: 'get',
  update: 'update',
  delete: 'delete',
  remove: 'delete',
};
const OTHER_VERBS = new Set(['add', 'erase', 'redeliver', 'rotate', 'submit', 'test']);

/**
 * Operation ids a generated SDK reads well, from the controller and method names:
 * `CasesController.list` → `listCases`, `.update` → `updateCase`, `.addNote` → `addCaseNote`,
 * `.timeline` → `getCaseTimeline`, `MeController.me` → `getMe`. An explicit
 * `@ApiOperation({ operationId })` still wins.
 */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const resource = controllerKey.replace(/Controller$/, '');
  const one = singular(resource);
  const [verb = methodKey, ...rest] = methodKey.split(/(?=[A-Z])/);
  const remainder = rest.join('');
  if (COLLECTION_VERBS.has(methodKey)) return `${methodKey}${resource}`;
  if (methodKey in SINGLE_VERBS) return `${SINGLE_VERBS[methodKey]}${one}`;
  if (OTHER_VERBS.has(verb)) return `${verb}${one}${remainder}`;
  if (methodKey.toLowerCase() === resource.toLowerCase()) return `get${resource}`;
  // A noun: `timeline` → `getCaseTimeline`; `publicReport` already names its resource.
  return methodKey.endsWith(one) ? `get${capitalise(methodKey)}` : `get${one}${capitalise(methodKey)}`;
}
