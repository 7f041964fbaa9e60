/**
 * Every kind of event the core logs has a label on the audit screen, in Thai and in English. The kinds are read from
 * the core's own `appendAudit` calls (not copied by hand), checked against the one exported list, and looked up in
 * both dictionaries; so are the fields those calls name in their payloads.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { AUDIT_KINDS } from '../../shared/api/audit-kinds';
import { HIDDEN_FIELDS } from '../../renderer/features/audit/payload-summary';
import { en } from '../../renderer/i18n/en';
import { th } from '../../renderer/i18n/th';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const coreDir = join(repoRoot, 'electron/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** A kind as the call writes it: a whole kind, or the fixed start of a template (`links.${action}`). */
type Logged = Readonly<{ kind: string; prefix: boolean; at: string; fields: readonly string[] }>;

/** The kinds one expression can evaluate to: literals, both sides of a conditional, a parameter typed as a union. */
function kindsOf(node: ts.Expression, file: ts.SourceFile, at: string): Logged[] | string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    return [{ kind: node.text, prefix: false, at, fields: [] }];
  if (ts.isTemplateExpression(node)) return [{ kind: node.head.text, prefix: true, at, fields: [] }];
  if (ts.isParenthesizedExpression(node)) return kindsOf(node.expression, file, at);
  if (ts.isConditionalExpression(node)) {
    const a = kindsOf(node.whenTrue, file, at);
    const b = kindsOf(node.whenFalse, file, at);
    return typeof a === 'string' ? a : typeof b === 'string' ? b : [...a, ...b];
  }
  if (ts.isIdentifier(node)) {
    for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
      if (!ts.isFunctionLike(scope)) continue;
      const param = scope.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === node.text);
      const type = param?.type;
      if (type && ts.isUnionTypeNode(type) && type.types.every((x) => ts.isLiteralTypeNode(x) && ts.isStringLiteral(x.literal))) {
        return type.types.map((x) => ({
          kind: ((x as ts.LiteralTypeNode).literal as ts.StringLiteral).text,
          prefix: false,
          at,
          fields: [],
        }));
      }
    }
  }
  return `${at}: the kind \`${node.getText(file)}\` cannot be read here; write it as a literal or a parameter typed as a union`;
}

/** The fields a payload written as an object literal names (a spread's or a variable's fields are not read). */
function fieldsOf(payload: ts.Expression | undefined): string[] {
  if (!payload || !ts.isObjectLiteralExpression(payload)) return [];
  return payload.properties.flatMap((p) =>
    p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
  );
}

function loggedKinds(): { logged: Logged[]; unreadable: string[] } {
  const logged: Logged[] = [];
  const unreadable: string[] = [];
  for (const path of sourceFiles(coreDir)) {
    const text = readFileSync(path, 'utf8');
    if (!text.includes('appendAudit(')) continue;
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'appendAudit') {
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        const at = `${relative(repoRoot, path)}:${line}`;
        const kind = node.arguments[2];
        const found = kind ? kindsOf(kind, file, at) : `${at}: no kind`;
        if (typeof found === 'string') unreadable.push(found);
        else logged.push(...found.map((l) => ({ ...l, fields: fieldsOf(node.arguments[3]) })));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { logged, unreadable };
}

describe('audit event kinds', () => {
  const { logged, unreadable } = loggedKinds();
  const listed = new Set<string>(AUDIT_KINDS);

  it('are read from every appendAudit call of the core', () => {
    expect(unreadable).toEqual([]);
    expect(logged.length).toBeGreaterThan(40);
  });

  it('logged by the core are all in the exported list', () => {
    const missing = logged
      .filter((l) => (l.prefix ? !AUDIT_KINDS.some((k) => k.startsWith(l.kind)) : !listed.has(l.kind)))
      .map((l) => `${l.kind} (${l.at})`);
    expect(missing).toEqual([]);
  });

  it('logged by the core each have a Thai and an English label', () => {
    const kinds = new Set(logged.flatMap((l) => (l.prefix ? AUDIT_KINDS.filter((k) => k.startsWith(l.kind)) : [l.kind])));
    const unlabelled = [...kinds].flatMap((kind) =>
      (
        [
          ['th', th.audit.kinds],
          ['en', en.audit.kinds],
        ] as const
      ).flatMap(([lang, labels]) => {
        const label: unknown = Object.hasOwn(labels, kind) ? (labels as Readonly<Record<string, string>>)[kind] : undefined;
        return typeof label === 'string' && label.trim() !== '' && label !== kind ? [] : [`${lang}: ${kind}`];
      }),
    );
    expect(unlabelled).toEqual([]);
  });

  it('write fields that each have a Thai and an English label in the audit trail (bookkeeping it hides aside)', () => {
    const fields = new Map<string, string>();
    for (const l of logged) for (const f of l.fields) if (!HIDDEN_FIELDS.has(f) && !fields.has(f)) fields.set(f, l.at);
    expect(fields.size).toBeGreaterThan(30);
    const unlabelled = [...fields].flatMap(([field, at]) =>
      (
        [
          ['th', th.audit.field],
          ['en', en.audit.field],
        ] as const
      ).flatMap(([lang, labels]) => {
        const label: unknown = Object.hasOwn(labels, field) ? (labels as Readonly<Record<string, string>>)[field] : undefined;
        return typeof label === 'string' && label.trim() !== '' ? [] : [`${lang}: ${field} (${at})`];
      }),
    );
    expect(unlabelled).toEqual([]);
  });

  it('in the list are each logged somewhere (no label kept for a kind nothing writes)', () => {
    const written = (kind: string): boolean => logged.some((l) => (l.prefix ? kind.startsWith(l.kind) : l.kind === kind));
    expect(AUDIT_KINDS.filter((k) => !written(k))).toEqual([]);
  });
});
