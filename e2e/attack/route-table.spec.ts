import { expect, test } from "@playwright/test";
import { ATTACKS, ROUTE_TABLE } from "./route-table";
import { itemKey, publicPathOf, readBuiltActions, readRouteTree } from "./route-tree";

const root = process.cwd();

test.describe("the attack table lists the whole app", () => {
  test("every route method, page and server action of the source tree has a row, and every row still exists", () => {
    const tree = readRouteTree(root);
    const inTree = new Set(tree.map(itemKey));
    const inTable = new Set(ROUTE_TABLE.map(itemKey));
    const missing = tree.filter((item) => !inTable.has(itemKey(item))).map((item) => `${item.kind} ${itemKey(item)}`);
    const gone = ROUTE_TABLE.filter((row) => !inTree.has(itemKey(row))).map((row) => `${row.kind} ${itemKey(row)}`);
    expect(missing, "in app/ (or a \"use server\" module) but not in e2e/attack/route-table.ts: add a row with its attacks").toEqual([]);
    expect(gone, "in e2e/attack/route-table.ts but no longer in the source tree").toEqual([]);
    expect(tree.filter((item) => item.kind === "route").length).toBeGreaterThan(30);
    expect(tree.filter((item) => item.kind === "page").length).toBeGreaterThan(20);
    expect(tree.filter((item) => item.kind === "action").length).toBeGreaterThan(20);
  });

  test("every server action in the build's manifest has a row, and every action row is in the build", () => {
    const built = readBuiltActions(root);
    expect(built, "no .next/server/server-reference-manifest.json: run `npx next build`").not.toBeNull();
    const builtKeys = new Set(built?.keys());
    const actionRows = ROUTE_TABLE.filter((row) => row.kind === "action");
    expect([...builtKeys].filter((key) => !actionRows.some((row) => itemKey(row) === key))).toEqual([]);
    expect(actionRows.filter((row) => !builtKeys.has(itemKey(row))).map(itemKey)).toEqual([]);
  });

  test("rows are unique, name every attack, and route paths match their files", () => {
    const keys = ROUTE_TABLE.map(itemKey);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    for (const row of ROUTE_TABLE) {
      expect(Object.keys(row.expect).sort(), itemKey(row)).toEqual([...ATTACKS].sort());
      if (row.kind === "action") {
        expect(row.args, `${itemKey(row)} needs args`).toBeDefined();
        continue;
      }
      const pattern = publicPathOf(row.file).replace(/\[\.\.\.\w+\]/g, "\0").replace(/\[\w+\]/g, "\u0001");
      const concrete = row.path.split("?")[0] ?? "";
      // A row may call a deeper path of a catch-all route (next-auth's /api/auth/[...nextauth], /assets/[...key]).
      const regex = new RegExp(`^${pattern.replace(/[.*+?^${}()|\\]/g, "\\$&").replace(/\0/g, ".+").replace(/\u0001/g, "[^/]+")}$`);
      expect(concrete, `${itemKey(row)}: path ${row.path} does not match ${publicPathOf(row.file)}`).toMatch(regex);
    }
  });
});
