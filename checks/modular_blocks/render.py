"""The text of a generated docstring: the framework's `make_doc_string` layout (description, components,
configs, inputs, outputs, workflows), then what Diffusers' script does to it before writing (the class line
dropped, the text stripped and indented) and what its formatters change (ruff's docstring whitespace, the
doc-builder reflow of `restyle`): the lines as they must be in the file."""

from __future__ import annotations

from repo_lint.checks.modular_blocks.index import Unresolved
from repo_lint.checks.modular_blocks.restyle import style_docstring
from repo_lint.checks.modular_blocks.values import LOAD_FIELDS

LINE_WIDTH = 119  # doc-builder's --max_len in the script
WRAP_WIDTH = 115  # the framework's own word wrap of descriptions (before the reflow)


def type_str(hint) -> str:
    if hint is None:
        return "None"
    if hint.is_any():
        return ""
    return hint.render()


def wrap_words(text: str, indent: str, max_length: int) -> str:
    lines, current, length = [], [], 0
    for word in text.split():
        added = len(word) + (1 if current else 0)
        if current and length + added > max_length:
            lines.append(" ".join(current))
            current, length = [word], len(word)
        else:
            current.append(word)
            length += added
    if current:
        lines.append(" ".join(current))
    return f"\n{indent}".join(lines)


def _text(value, what: str) -> str:
    if not isinstance(value, str):
        raise Unresolved(f"{what} not a string", repr(value)[:60])
    return value


def format_params(params: list, header: str, indent_level: int = 2, max_len: int = WRAP_WIDTH) -> str:
    if not params:
        return ""
    base, name_indent, text_indent = " " * indent_level, " " * (indent_level + 4), " " * (indent_level + 8)
    out = [f"{base}{header}:"]
    for param in params:
        name = f"**{param.kwargs_type}" if param.name is None and param.kwargs_type is not None else param.name
        entry = f"{name_indent}{name} (`{type_str(param.type_hint)}`"
        if param.kind == "in" and not param.required:
            entry += ", *optional*"
            if param.defaults_by_block is not None:
                distinct = list(dict.fromkeys(param.defaults_by_block.values()))
                entry += f", defaults to {' or '.join(str(v) for v in distinct)}, depending on the workflow"
            elif param.default is not None:
                entry += f", defaults to {param.default}"
        entry += "):"
        if param.description:
            description = _text(param.description, f"description of {name}")
            entry += f"\n{text_indent}{wrap_words(description, text_indent, max_len)}"
        else:
            entry += f"\n{text_indent}TODO: Add description."
        out.append(entry)
    return "\n".join(out)


def format_components(components: list, indent_level: int = 2) -> str:
    if not components:
        return ""
    out = [f"{' ' * indent_level}Components:"]
    for component in components:
        if component.type_hint is None:
            type_name = "None"
        else:
            if component.type_hint.union_args(component.type_hint.node) is not None:
                raise Unresolved("union component type", str(component.name))  # str(Union): not reproduced
            type_name = component.type_hint.render_name(component.type_hint.node)
        entry = f"{' ' * (indent_level + 4)}{component.name} (`{type_name}`)"
        if component.description:
            entry += f": {component.description}"
        loading = [f"{key}={getattr(component, key)}" for key in LOAD_FIELDS if getattr(component, key)]
        if loading:
            entry += f" [{', '.join(loading)}]"
        out.append(entry)
    return "\n".join(out)


def format_configs(configs: list, indent_level: int = 2) -> str:
    if not configs:
        return ""
    out = [f"{' ' * indent_level}Configs:"]
    for config in configs:
        entry = f"{' ' * (indent_level + 4)}{config.name} (default: {config.default})"
        if config.description:
            entry += f": {config.description}"
        out.append(entry)
    return "\n".join(out)


def format_workflow(workflows: dict) -> str:
    lines = ["Supported workflows:"]
    for name, triggers in workflows.items():
        alternatives = triggers if isinstance(triggers, tuple) else (triggers,)
        if not all(isinstance(alternative, dict) for alternative in alternatives):
            raise Unresolved("workflow triggers not dicts", str(name))
        needed = [", ".join(f"`{key}`" for key, on in alt.items() if on) for alt in alternatives]
        needed = [text for text in needed if text]
        if needed:
            lines.append(f"  - `{name}`: requires {' or '.join(needed)}")
        else:
            lines.append(f"  - `{name}`: default (no additional inputs required)")
    return "\n".join(lines)


def make_doc_string(inputs, outputs, description: str, class_name: str, components, configs) -> str:
    out = f"class {class_name}\n\n" if class_name else ""
    if description:
        out += "\n".join("  " + line.rstrip() for line in description.strip().split("\n")) + "\n\n"
    if components:
        out += format_components(components) + "\n\n"
    if configs:
        out += format_configs(configs) + "\n\n"
    out += format_params(inputs, "Inputs")
    out += "\n\n" + format_params(outputs, "Outputs")
    return out


def docstring_lines(doc: str, class_name: str, indent: str = "    ") -> list[str]:
    """The docstring statement's lines (without endings) as the script writes it and its formatters leave it:
    the class line dropped, the text stripped (which takes the 2-space indent off the first description line
    only), indented, ruff's whitespace rules, the doc-builder reflow."""
    lines = doc.strip().split("\n")
    if lines and lines[0].strip() == f"class {class_name}":
        lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    lines = "\n".join(lines).strip().split("\n")
    if any('"""' in line or "\\" in line for line in lines) or lines[-1].endswith('"'):
        raise Unresolved("text that would need escaping in a docstring", class_name)
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    body = "\n" + "".join((f"{indent}{line}\n" if line.strip() else "\n") for line in lines) + indent
    body = style_docstring(ruff_docstring(body, indent), LINE_WIDTH)
    return f'{indent}"""{body}"""'.split("\n")


def ruff_docstring(body: str, indent: str) -> str:
    """ruff format's docstring whitespace, for what can occur here: trailing whitespace dropped, and the lines
    re-indented when the smallest indentation of the continuation lines is not the docstring's own."""
    lines = body.split("\n")
    rest = [line for line in lines[1:-1] if line.strip()]
    if rest:
        smallest = min(len(line) - len(line.lstrip()) for line in rest)
        if smallest != len(indent):
            middle = [(indent + line[smallest:]) if line.strip() else "" for line in lines[1:-1]]
            lines = [lines[0], *middle, lines[-1]]
    return "\n".join([lines[0]] + [line.rstrip() for line in lines[1:-1]] + [lines[-1]])
