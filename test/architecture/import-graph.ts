/**
 * The import graph of src/, read with the TypeScript compiler's parser (no type checking, so it is fast):
 * static imports, `export ... from`, `import x = require()`, dynamic `import()` with a literal specifier,
 * and the uses of process/console globals that architecture.md forbids below the shell.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ModuleFacts {
  /** Repository-relative paths (src/...) of the arctl modules this one imports. */
  imports: string[];
  /** Forbidden global uses, e.g. `process.exit` at line 12. */
  globals: { name: string; line: number }[];
}

/** `process.exit`, `process.exitCode`, `process.argv`, `process.env`, `process.stdout`, `process.stderr`, `console.*`. */
const PROCESS_MEMBERS = new Set(['exit', 'exitCode', 'argv', 'env', 'stdout', 'stderr']);

export function listSourceFiles(root: string, dir = 'src'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listSourceFiles(root, path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

/** Facts of one module's text; `path` is repository-relative (src/x/y.ts). */
export function moduleFacts(path: string, text: string): ModuleFacts {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const globals: ModuleFacts['globals'] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      specifiers.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) specifiers.push(arg.text);
      else globals.push({ name: 'import() with a computed specifier', line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push(node.argument.literal.text);
    } else if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const object = node.expression.text;
      const member = node.name.text;
      if (object === 'console' || (object === 'process' && PROCESS_MEMBERS.has(member))) {
        globals.push({ name: `${object}.${member}`, line: lineOf(node) });
      }
    } else if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)
      && (node.expression.text === 'process' || node.expression.text === 'console')) {
      globals.push({ name: `${node.expression.text}[...]`, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const imports = specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => relative('.', join(dirname(path), s)).replace(/\.js$/, '.ts'));
  return { imports: [...new Set(imports)].sort(), globals };
}

/** The graph of every module under src/ of the repository at `root`. */
export function importGraph(root: string): Map<string, ModuleFacts> {
  const graph = new Map<string, ModuleFacts>();
  for (const path of listSourceFiles(resolve(root))) {
    graph.set(path, moduleFacts(path, readFileSync(join(root, path), 'utf8')));
  }
  return graph;
}
