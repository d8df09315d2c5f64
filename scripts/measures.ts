/**
 * `npm run measures`: the size and shape of src/, read with the TypeScript parser (nothing is run).
 *
 * - the longest functions (any function, method, arrow or accessor; a function's lines include those of
 *   the functions inside it), and how many are over FUNCTION_LIMIT lines;
 * - files over FILE_LIMIT lines;
 * - import cycles: strongly connected groups of modules, at run time (static imports, re-exports and
 *   dynamic import() of a literal path; type-only imports left out) and counting type-only imports too;
 * - lines over LINE_LIMIT characters.
 *
 * Usage: npm run measures [-- --json] [-- --all] (`--all` lists every long line and long function).
 * Exit status 0 whatever the figures: `npm run lint` is what fails on a cycle.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTION_LIMIT = 80;
const FILE_LIMIT = 400;
const LINE_LIMIT = 160;

interface FunctionSize {
  name: string;
  file: string;
  line: number;
  lines: number;
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

interface FileFacts {
  file: string;
  lines: number;
  longLines: number[];
  functions: FunctionSize[];
  imports: Edge[];
}

export interface Measures {
  files: number;
  lines: number;
  functionsOverLimit: number;
  longestFunctions: FunctionSize[];
  filesOverLimit: { file: string; lines: number }[];
  runtimeCycles: string[][];
  cyclesWithTypes: string[][];
  longLines: { file: string; line: number; length: number }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .sort();
}

/** The name a reader would look for: the declaration's, the variable's or property's it is assigned to. */
function functionName(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  let name = named.name ? named.name.getText(sf) : '';
  const parent = node.parent;
  if (!name && parent) {
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
      name = parent.name.getText(sf);
    else if (ts.isCallExpression(parent)) name = `(callback of ${parent.expression.getText(sf).slice(0, 40)})`;
  }
  const owner = ts.isClassLike(parent) ? parent.name?.getText(sf) : undefined;
  return owner ? `${owner}.${name}` : name || '(anonymous)';
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

/** The module a relative specifier names, if it is a file under src/. */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = resolve(dirname(from), spec);
  return target.endsWith('.ts') ? target : null;
}

function importEdges(sf: ts.SourceFile, file: string): Edge[] {
  const edges: Edge[] = [];
  const add = (spec: ts.Expression | undefined, typeOnly: boolean): void => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const to = resolveImport(file, spec.text);
    if (to) edges.push({ to, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const named = c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : null;
      const typeOnly = !!c && (c.isTypeOnly || (!c.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

function factsOf(file: string): FileFacts {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const rel = relative(ROOT, file);
  const functions: FunctionSize[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunction(node) && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      functions.push({ name: functionName(node, sf), file: rel, line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const longLines = lines.flatMap((l, i) => ([...l].length > LINE_LIMIT ? [i + 1] : []));
  return { file, lines: lines.length, longLines, functions, imports: importEdges(sf, file) };
}

/** Strongly connected groups of two or more modules (or one importing itself), by Tarjan's algorithm. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

export function measure(srcDir = join(ROOT, 'src')): Measures {
  const facts = sourceFiles(srcDir).map(factsOf);
  const known = new Set(facts.map((f) => f.file));
  const graphOf = (withTypes: boolean): Map<string, string[]> =>
    new Map(
      facts.map((f) => [f.file, [...new Set(f.imports.filter((e) => known.has(e.to) && (withTypes || !e.typeOnly)).map((e) => e.to))]]),
    );
  const rel = (groups: string[][]): string[][] => groups.map((g) => g.map((f) => relative(ROOT, f)));
  const functions = facts.flatMap((f) => f.functions).sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file));
  return {
    files: facts.length,
    lines: facts.reduce((n, f) => n + f.lines, 0),
    functionsOverLimit: functions.filter((f) => f.lines > FUNCTION_LIMIT).length,
    longestFunctions: functions,
    filesOverLimit: facts
      .filter((f) => f.lines > FILE_LIMIT)
      .map((f) => ({ file: relative(ROOT, f.file), lines: f.lines }))
      .sort((a, b) => b.lines - a.lines),
    runtimeCycles: rel(cycles(graphOf(false))),
    cyclesWithTypes: rel(cycles(graphOf(true))),
    longLines: facts.flatMap((f) => {
      const text = readFileSync(f.file, 'utf8').split('\n');
      return f.longLines.map((line) => ({ file: relative(ROOT, f.file), line, length: [...text[line - 1]].length }));
    }),
  };
}

function report(m: Measures, all: boolean): string {
  const out: string[] = [];
  out.push(`src/: ${m.files} files, ${m.lines} lines`);
  const top = all ? m.longestFunctions.filter((f) => f.lines > FUNCTION_LIMIT) : m.longestFunctions.slice(0, 10);
  out.push(
    `longest function: ${m.longestFunctions[0]?.name} (${m.longestFunctions[0]?.file}:${m.longestFunctions[0]?.line}), ${m.longestFunctions[0]?.lines} lines`,
  );
  out.push(`functions over ${FUNCTION_LIMIT} lines: ${m.functionsOverLimit}`);
  for (const f of top) out.push(`  ${String(f.lines).padStart(4)}  ${f.name}  ${f.file}:${f.line}`);
  out.push(`files over ${FILE_LIMIT} lines: ${m.filesOverLimit.length}`);
  for (const f of m.filesOverLimit) out.push(`  ${String(f.lines).padStart(4)}  ${f.file}`);
  out.push(`import cycles at run time: ${m.runtimeCycles.length}`);
  for (const c of m.runtimeCycles) out.push(`  ${c.join(' ⇄ ')}`);
  out.push(`import cycles counting type-only imports: ${m.cyclesWithTypes.length}`);
  for (const c of m.cyclesWithTypes) out.push(`  ${c.join(' ⇄ ')}`);
  const byFile = new Map<string, number>();
  for (const l of m.longLines) byFile.set(l.file, (byFile.get(l.file) ?? 0) + 1);
  out.push(
    `lines over ${LINE_LIMIT} characters: ${m.longLines.length} in ${byFile.size} files (longest ${Math.max(0, ...m.longLines.map((l) => l.length))})`,
  );
  if (all) for (const l of m.longLines) out.push(`  ${l.file}:${l.line} (${l.length})`);
  else for (const [f, n] of [...byFile].sort((a, b) => b[1] - a[1])) out.push(`  ${String(n).padStart(4)}  ${f}`);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const m = measure();
  if (args.includes('--json')) console.log(JSON.stringify(m, null, 2));
  else console.log(report(m, args.includes('--all')));
}
