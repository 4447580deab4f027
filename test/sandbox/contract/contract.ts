// Validates sandbox responses against the schemas of license-api.yaml (vendored beside this
// file; a test checks it equals the upstream contract when that is checked out beside the repo). OpenAPI 3.1
// schemas are JSON Schema 2020-12, so ajv's 2020 dialect validates them as they are.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const CONTRACT_PATH = join(dirname(fileURLToPath(import.meta.url)), 'license-api.yaml');
const DOC_ID = 'https://licenskoll.test/license-api.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const asObject = (v: Json | undefined): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};

/** Point local refs ("#/components/…") at the registered document so inline schemas compile alone. */
function absolutize(node: Json): Json {
  if (Array.isArray(node)) return node.map(absolutize);
  if (typeof node !== 'object' || node === null) return node;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : absolutize(v);
  }
  return out;
}

interface OperationSpec {
  id: string;
  method: string;
  path: string;
  /** status ('200', '304', 'default', …) → validator, or null for a response without a body. */
  responses: Map<string, ValidateFunction | null>;
}

export interface Contract {
  operations: Map<string, OperationSpec>;
  errorCodes: string[];
  errorValidator: ValidateFunction;
}

let cached: Contract | undefined;

export function loadContract(): Contract {
  if (cached) return cached;
  const doc = parse(readFileSync(CONTRACT_PATH, 'utf8')) as JsonObject;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: doc.components ?? {} });
  const components = asObject(doc.components);
  const sharedResponses = asObject(components.responses);
  const errorValidator = ajv.compile({ $ref: `${DOC_ID}#/components/schemas/Error` });
  const operations = new Map<string, OperationSpec>();
  for (const [path, item] of Object.entries(asObject(doc.paths))) {
    for (const [method, opJson] of Object.entries(asObject(item))) {
      const op = asObject(opJson);
      if (typeof op.operationId !== 'string') continue;
      const responses = new Map<string, ValidateFunction | null>();
      for (const [status, respJson] of Object.entries(asObject(op.responses))) {
        let resp = asObject(respJson);
        if (typeof resp.$ref === 'string') resp = asObject(sharedResponses[resp.$ref.split('/').pop() ?? '']);
        const schema = asObject(asObject(asObject(resp.content)['application/json']).schema);
        responses.set(status, Object.keys(schema).length ? ajv.compile(absolutize(schema) as object) : null);
      }
      operations.set(op.operationId, { id: op.operationId, method: method.toUpperCase(), path, responses });
    }
  }
  const errorSchema = asObject(asObject(asObject(components.schemas).Error).properties);
  const code = asObject(asObject(asObject(errorSchema.error).properties).code);
  const errorCodes = Array.isArray(code.enum) ? code.enum.map(String) : [];
  cached = { operations, errorCodes, errorValidator };
  return cached;
}

export interface ContractResponse<T = unknown> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

/** Every (operationId, status, error code) the suite has seen, for the coverage test. */
export const seen = { statuses: new Map<string, Set<number>>(), errorCodes: new Set<string>() };

export class ContractDrift extends Error {}

/** Fetch and validate by operationId and status; throws ContractDrift on any mismatch with the contract. */
export async function contractFetch<T = unknown>(
  operationId: string,
  url: string,
  init: RequestInit = {},
): Promise<ContractResponse<T>> {
  const contract = loadContract();
  const op = contract.operations.get(operationId);
  if (!op) throw new ContractDrift(`unknown operationId ${operationId}`);
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== op.method) throw new ContractDrift(`${operationId} is ${op.method}, not ${method}`);
  const res = await fetch(url, init);
  const text = await res.text();
  const status = res.status;
  const where = `${operationId} ${method} ${new URL(url).pathname} → ${status}`;
  const statuses = seen.statuses.get(operationId) ?? new Set<number>();
  statuses.add(status);
  seen.statuses.set(operationId, statuses);

  let validator: ValidateFunction | null | undefined;
  if (op.responses.has(String(status))) validator = op.responses.get(String(status));
  else if (op.responses.has('default')) validator = op.responses.get('default');
  else if (status >= 400)
    validator = contract.errorValidator; // the general rules: errors have the body Error
  else throw new ContractDrift(`${where}: status not in the contract`);

  if (validator === null || validator === undefined) {
    if (text !== '') throw new ContractDrift(`${where}: expected no body, got ${text.slice(0, 200)}`);
    return { status, headers: res.headers, text, body: undefined as T };
  }
  if (!(res.headers.get('content-type') ?? '').includes('application/json')) {
    throw new ContractDrift(`${where}: content-type ${res.headers.get('content-type')}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ContractDrift(`${where}: body is not JSON: ${text.slice(0, 200)}`);
  }
  if (!validator(body)) {
    throw new ContractDrift(
      `${where}: ${JSON.stringify(validator.errors?.slice(0, 5))} in ${text.slice(0, 300)}`,
    );
  }
  if (status >= 400) {
    const code = (body as { error: { code: string } }).error.code;
    seen.errorCodes.add(code);
    if (status === 429 || status === 503) {
      const ra = res.headers.get('retry-after');
      if (ra === null || !/^\d+$/.test(ra))
        throw new ContractDrift(`${where}: Retry-After must be whole seconds`);
    }
  }
  if (
    (operationId === 'listTools' || operationId === 'listAssignments') &&
    status === 200 &&
    !res.headers.get('etag')
  ) {
    throw new ContractDrift(`${where}: list responses carry an ETag`);
  }
  return { status, headers: res.headers, text, body: body as T };
}
