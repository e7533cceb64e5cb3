// Judges Xero request and response bodies against Xero's own OpenAPI description
// (../shared/oracles/xero/xero_accounting.yaml, read in place, never copied). The operation is found from the
// method and path as the spec lists them; its request body schema and the schema of the answer's status are
// compiled with Ajv. Every object schema is closed (additionalProperties: false) so a misspelt or invented field
// is a problem too; the spec itself uses no allOf/oneOf, so closing them changes nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import yaml from 'js-yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const XERO_ORACLE_DIR = path.resolve(here, '../../../../shared/oracles/xero');
const SPEC_FILE = path.join(XERO_ORACLE_DIR, 'xero_accounting.yaml');
export const IDENTITY_SPEC_FILE = path.join(XERO_ORACLE_DIR, 'xero-identity.yaml');

export function xeroOracleAvailable(): boolean {
  return fs.existsSync(SPEC_FILE) && fs.existsSync(IDENTITY_SPEC_FILE);
}

type Json = Record<string, unknown>;
interface Operation {
  pattern: RegExp;
  method: string;
  requestRef: string | null;
  responses: Record<string, string | null>;
}

function close(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(close);
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  if (o.properties && typeof o.properties === 'object' && o.additionalProperties === undefined) {
    o.additionalProperties = false;
  }
  for (const value of Object.values(o)) close(value);
}

function refOf(content: unknown): string | null {
  const schema = (content as { 'application/json'?: { schema?: { $ref?: string } } } | undefined)?.[
    'application/json'
  ]?.schema;
  return schema?.$ref ?? null;
}

export interface Problem {
  where: string;
  message: string;
}

export class XeroOracle {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file = SPEC_FILE, id = 'xero') {
    const spec = yaml.load(fs.readFileSync(file, 'utf8')) as Json;
    const components = spec.components as Json;
    close(components.schemas);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    this.ajv.addSchema({ $id: id, components }, id);
    for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries(item)) {
        if (!/^(get|put|post|delete)$/.test(method)) continue;
        const operation = op as Json;
        const body = operation.requestBody as { content?: unknown; $ref?: string } | undefined;
        const responses: Record<string, string | null> = {};
        for (const [status, answer] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
          const shared = typeof answer.$ref === 'string' ? answer.$ref.split('/').pop()! : null;
          const resolved = shared ? ((components.responses as Record<string, Json>)[shared] ?? {}) : answer;
          responses[status] = refOf(resolved.content);
        }
        this.operations.push({
          pattern,
          method: method.toUpperCase(),
          requestRef: body?.content ? refOf(body.content) : null,
          responses,
        });
      }
    }
    this.id = id;
  }

  private readonly id: string;

  private validator(ref: string): ValidateFunction {
    let v = this.compiled.get(ref);
    if (!v) {
      v = this.ajv.getSchema(`${this.id}${ref}`);
      if (!v) throw new Error(`The Xero spec has no schema ${ref}`);
      this.compiled.set(ref, v);
    }
    return v;
  }

  private operation(method: string, apiPath: string): Operation | undefined {
    // Literal paths before templated ones (/PurchaseOrders/{id} and /{number} are the same shape).
    return this.operations.find((o) => o.method === method && o.pattern.test(apiPath));
  }

  /** Whether the spec lists this operation at all. */
  knows(method: string, apiPath: string): boolean {
    return this.operation(method, apiPath) !== undefined;
  }

  private check(ref: string | null | undefined, body: unknown, where: string): Problem[] {
    if (!ref) return [{ where, message: 'the spec has no JSON schema here' }];
    const validate = this.validator(ref);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => ({
      where,
      message: `${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
    }));
  }

  request(method: string, apiPath: string, body: unknown): Problem[] {
    const op = this.operation(method, apiPath);
    if (!op) return [{ where: `${method} ${apiPath}`, message: 'not an operation of the spec' }];
    return this.check(op.requestRef, body, `request ${method} ${apiPath}`);
  }

  response(method: string, apiPath: string, status: number, body: unknown): Problem[] {
    const op = this.operation(method, apiPath);
    if (!op) return [{ where: `${method} ${apiPath}`, message: 'not an operation of the spec' }];
    if (!(String(status) in op.responses)) {
      return [
        {
          where: `response ${method} ${apiPath}`,
          message: `status ${status} is not listed for this operation`,
        },
      ];
    }
    return this.check(op.responses[String(status)], body, `response ${status} ${method} ${apiPath}`);
  }
}
