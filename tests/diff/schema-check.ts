/**
 * A small JSON Schema checker for the keywords docs/diff.schema.json uses (type, const, enum,
 * required, properties, additionalProperties, propertyNames, items, minimum, $ref to $defs):
 * the project has no schema validator dependency, so the test reads the schema itself with this.
 * Returns the problems found, as "path: what".
 */
type Schema = Record<string, unknown>;

export function checkSchema(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const resolve = (s: Schema): Schema => {
    const ref = s.$ref as string | undefined;
    if (!ref) return s;
    const name = ref.replace(/^#\/\$defs\//, "");
    const target = (root.$defs as Record<string, Schema>)[name];
    if (!target) throw new Error(`unknown $ref ${ref}`);
    return resolve(target);
  };
  const typeOf = (v: unknown) =>
    v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v;
  const walk = (raw: Schema, v: unknown, at: string) => {
    const s = resolve(raw);
    const known = new Set([
      "$schema",
      "$id",
      "$defs",
      "$ref",
      "title",
      "description",
      "type",
      "const",
      "enum",
      "required",
      "properties",
      "additionalProperties",
      "propertyNames",
      "items",
      "minimum",
    ]);
    for (const k of Object.keys(s))
      if (!known.has(k)) throw new Error(`schema keyword ${k} is not checked here`);
    if (s.type !== undefined) {
      const t = typeOf(v);
      const ok = s.type === t || (s.type === "number" && (t === "integer" || t === "number"));
      if (!ok) {
        problems.push(`${at}: expected ${s.type}, got ${t}`);
        return;
      }
    }
    if ("const" in s && v !== s.const) problems.push(`${at}: expected ${JSON.stringify(s.const)}`);
    if (s.enum && !(s.enum as unknown[]).includes(v))
      problems.push(`${at}: ${JSON.stringify(v)} is not allowed`);
    if (typeof s.minimum === "number" && typeof v === "number" && v < s.minimum)
      problems.push(`${at}: below ${s.minimum}`);
    if (typeOf(v) === "object") {
      const o = v as Record<string, unknown>;
      for (const r of (s.required as string[] | undefined) ?? [])
        if (!(r in o)) problems.push(`${at}: ${r} is required`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, x] of Object.entries(o)) {
        if (s.propertyNames) walk(s.propertyNames as Schema, k, `${at}.${k} (name)`);
        if (props[k]) walk(props[k], x, `${at}.${k}`);
        else if (s.additionalProperties === false) problems.push(`${at}: ${k} is not allowed`);
        else if (typeof s.additionalProperties === "object")
          walk(s.additionalProperties as Schema, x, `${at}.${k}`);
      }
    }
    if (Array.isArray(v) && s.items)
      for (const [i, x] of v.entries()) walk(s.items as Schema, x, `${at}[${i}]`);
  };
  walk(root, value, "$");
  return problems;
}
