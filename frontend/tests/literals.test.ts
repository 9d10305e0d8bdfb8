// Every word a player reads comes from the catalogues: this fails on text written
// straight into a component (JSX text, or a string in an attribute people read).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "src");
const READ_ATTRIBUTES = new Set(["aria-label", "title", "placeholder", "alt", "label", "aria-description"]);
const HAS_LETTERS = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsxFiles(path) : entry.name.endsWith(".tsx") ? [path] : [];
  });
}

/** Literal, player-visible texts in a .tsx source, as "line: text". */
export function literalTexts(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${fileName}:${line}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && HAS_LETTERS.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value) && HAS_LETTERS.test(value.text)) report(node, value.text);
    }
    if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const inner = node.expression;
      if (inner && (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) && HAS_LETTERS.test(inner.text)) {
        report(node, inner.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("components", () => {
  it("hold no literal text a player could read", () => {
    const found = tsxFiles(SRC).flatMap((path) => literalTexts(path.slice(SRC.length + 1), readFileSync(path, "utf8")));
    expect(found).toEqual([]);
  });

  it("the scan catches what it should", () => {
    const source = `const A = () => <p title="Hello">Buy now {"Cancel"} {t("ok")} × <b aria-label={x}>{n}</b></p>;`;
    expect(literalTexts("a.tsx", source)).toEqual(["a.tsx:1: Hello", "a.tsx:1: Buy now", "a.tsx:1: Cancel"]);
  });
});
