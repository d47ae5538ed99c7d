#!/usr/bin/env python3
"""The Java request records of the RULES.md §4 decision functions, generated from
schema/wanzheng.schema.json (`decisions`: each function's request, in decide::FUNCTIONS order).

Each request, and each object type it refers to, becomes a record nested in
bindings/java/.../Decisions.java (between the `BEGIN generated requests` and `END generated
requests` lines; the results around them are written by hand) with a builder of named setters.
A component is named after its wire name in camelCase (`@Name` where that does not map back);
its type follows the schema: Yuan → BigDecimal, date → LocalDate, boolean → Boolean, integer →
Integer, a vocabulary enum of gen_java_enums.py → that enum, any other string → String, array →
List, map → Map<String, …>, object → its own record. No rule logic: names and types only.
`--check` fails when Decisions.java differs from what this script writes (scripts/test-java.sh
runs it; the JUnit RequestSchemaTest checks the records against the schema too).

    python3 scripts/gen_java_requests.py [--check]
"""
import json
import re
import sys
import textwrap

from gen_java_enums import ENUMS, OUT, ROOT, SCHEMA, javadoc, values

DECISIONS = OUT / "Decisions.java"
BEGIN = "    // BEGIN generated requests"
END = "    // END generated requests"

# §4.1 approval_route has its own request class (RouteRequest: total + flag names), not a record.
SKIP = {"approval_route"}
# $defs entries that are a vocabulary enum under another name (same wire names, checked below).
ALIASES = {"CheckResult": "PassFail"}
# Component types kept as they were before the records were generated (the public API).
TYPES = {("PlanCalendarRequest", "copies_to"): "List<String>"}
# Component orders kept as they were (the canonical constructor); otherwise the schema's order.
ORDER = {
    "EstimateDelta": ["before", "after"],
    "InitialChecks": ["content_consistency", "data_resource_conformity", "intensive_construction",
                      "security_compliance", "other"],
}
WIDTH = 120


def camel(wire: str) -> str:
    first, *rest = wire.split("_")
    return first + "".join(p[:1].upper() + p[1:] for p in rest)


def snake(name: str) -> str:
    """What Codec.wireName makes of a component name without @Name."""
    return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)


def doc(text: str) -> str:
    """A schema description as Javadoc text: `code` and [`links`] become {@code …}."""
    text = javadoc(re.sub(r"\[`([^`]*)`\]", r"`\1`", text))
    return re.sub(r"`([^`]*)`", r"{@code \1}", text)


def comment(text: str, indent: str) -> list:
    """A Javadoc comment, on one line when it fits."""
    one = f"{indent}/** {text} */"
    if len(one) <= WIDTH:
        return [one]
    # An inline {@code …} is never broken (its spaces are held as NUL while wrapping).
    held = re.sub(r"\{@code [^}]*\}", lambda m: m.group(0).replace(" ", "\0"), text)
    body = textwrap.wrap(held, WIDTH - len(indent) - 3, break_long_words=False, break_on_hyphens=False)
    return [f"{indent}/**"] + [f"{indent} * {line.replace(chr(0), ' ')}" for line in body] + [f"{indent} */"]


def wrapped(head: str, items: list, tail: str, indent: str) -> list:
    """`head item, item, …tail`, broken before an item where a line would pass WIDTH."""
    lines, line = [], head
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else tail)
        if len(line) + len(piece.rstrip()) > WIDTH and line.strip() != head.strip():
            lines.append(line.rstrip())
            line = indent + piece
        else:
            line += piece
    lines.append(line)
    return lines


class Gen:
    def __init__(self, schema: dict):
        self.defs = schema["$defs"]
        self.decisions = schema["decisions"]
        self.done = set()
        self.out = []
        for alias, enum in ALIASES.items():
            assert [w for w, _ in values(schema, alias)] == [w for w, _ in values(schema, enum)], alias

    def java_type(self, owner: str, wire: str, s: dict) -> str:
        if (owner, wire) in TYPES:
            return TYPES[(owner, wire)]
        if "anyOf" in s:
            [s] = [x for x in s["anyOf"] if x.get("type") != "null"]
        if "$ref" in s:
            name = s["$ref"].removeprefix("#/$defs/")
            d = self.defs[name]
            if name == "Yuan":
                return "BigDecimal"
            if name in ENUMS:
                return ENUMS[name][0]
            if name in ALIASES:
                return ALIASES[name]
            if d.get("type") == "object":
                self.record(name, None)
                return name
            if d.get("type") == "string" or all(x.get("type") == "string" for x in d.get("oneOf", [{}])):
                return "String"
            raise SystemExit(f"{owner}.{wire}: no Java type for $defs.{name}")
        t = s.get("type")
        if isinstance(t, list):
            [t] = [x for x in t if x != "null"]
        if t == "string":
            return "LocalDate" if s.get("format") == "date" else "String"
        if t == "boolean":
            return "Boolean"
        if t == "integer":
            return "Integer"
        if t == "array":
            return f"List<{self.java_type(owner, wire, s['items'])}>"
        if t == "object" and isinstance(s.get("additionalProperties"), dict):
            return f"Map<String, {self.java_type(owner, wire, s['additionalProperties'])}>"
        raise SystemExit(f"{owner}.{wire}: no Java type for {json.dumps(s)}")

    def record(self, name: str, decision):
        """The record of $defs[name] with its builder, after the records it refers to."""
        if name in self.done:
            return
        self.done.add(name)
        d = self.defs[name]
        props = d["properties"]
        order = ORDER.get(name, list(props))
        assert sorted(order) == sorted(props), f"{name}: ORDER lists other fields than the schema"
        fields = [(w, camel(w), self.java_type(name, w, props[w])) for w in order]
        text = doc(d.get("description", ""))
        if decision and decision["section"] not in text:
            text += f" (RULES.md {decision['section']})"
        out = comment(text, "    ")
        params = [(f'@Name("{w}") ' if snake(c) != w else "") + f"{t} {c}" for w, c, t in fields]
        out += wrapped(f"    public record {name}(", params, ") {", "            ")
        out += [
            "        /** A builder with named setters; unset components are null (left out of the request). */",
            "        public static Builder builder() {",
            "            return new Builder();",
            "        }",
            "",
            f"        /** Named setters for {{@link {name}}}. */",
            "        public static final class Builder {",
        ]
        out += [f"            private {t} {c};" for _, c, t in fields]
        out += ["", "            private Builder() {}"]
        required = set(d.get("required", []))
        for w, c, t in fields:
            what = doc(props[w].get("description", ""))
            head = f"Sets {{@code {c}}}" + (" (required)" if w in required else "") + "."
            out += [""] + comment(f"{head} {what}".strip(), "            ")
            out += [
                f"            public Builder {c}({t} {c}) {{",
                f"                this.{c} = {c};",
                "                return this;",
                "            }",
            ]
        out += ["", "            /** The request. */", f"            public {name} build() {{"]
        out += wrapped(f"                return new {name}(", [c for _, c, _ in fields], ");", " " * 20)
        out += ["            }", "        }", "    }", ""]
        self.out += out

    def render(self) -> list:
        for f in self.decisions:
            if f["function"] in SKIP:
                continue
            self.out += [f"    // ---- {f['section']} {f['function']}", ""]
            name = f["request"]["$ref"].removeprefix("#/$defs/")
            self.record(name, f)
        return self.out


def main() -> int:
    check = "--check" in sys.argv[1:]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    old = DECISIONS.read_text(encoding="utf-8")
    head, rest = old.split(BEGIN + "\n", 1)
    _, tail = rest.split(END + "\n", 1)
    new = head + BEGIN + "\n\n" + "\n".join(Gen(schema).render()) + END + "\n" + tail
    if check:
        if new != old:
            print("out of date (run python3 scripts/gen_java_requests.py):", DECISIONS.relative_to(ROOT))
            return 1
    else:
        DECISIONS.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
