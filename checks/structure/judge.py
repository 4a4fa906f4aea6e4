"""Judgement of the STR family: model classes (config class, base-model prefix, heads, depth, `post_init`,
`forward(**kwargs)`), `nn.Sequential` subclasses, config `__init__`s and TensorFlow layers.

Which classes are model classes comes from the package's cheap class index (a cached text scan shared with
the AUT family); only model files that hold a model class, config files with an `__init__` and TensorFlow
files are parsed (`ast`, pieces only for the big model files), in a process pool on cold runs.
"""

from __future__ import annotations

import re

from repo_lint.checks.structure import rules
from repo_lint.checks.structure.config_attributes import unused_arguments
from repo_lint.checks.structure.facts import (
    ClassInfo,
    FileStructure,
    read_model_classes,
    read_model_structure,
    read_structure,
)
from repo_lint.checks.structure.hierarchy import Hierarchy
from repo_lint.checks.structure.tests_judge import judge_imported_by_tests, judge_test_decorators, judge_tested_models

from repo_lint.diagnostics import Diagnostic
from repo_lint.facts.ast_names import last_part
from repo_lint.facts.classes import class_index
from repo_lint.workspace import glob_to_regex

SECTION = "structure"
_PREFIX = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_HEAD = re.compile(r"(?P<prefix>\w+?)For[A-Z0-9]\w*")


def _patterns(globs: list[str], source: str) -> list[re.Pattern[str]]:
    found = []
    for glob in globs:
        if "{source}" in glob and not source:
            glob = glob.replace("{source}/", "").replace("{source}", "")
        found.append(glob_to_regex(glob.replace("{source}", source)))
    return found


def _matching(paths: list[str], patterns: list[re.Pattern[str]]) -> list[str]:
    return [path for path in paths if any(p.match(path) for p in patterns)]


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    source = (repo.config["source"] or "").strip("/")
    files = repo.python_files(source or None)
    ignored = set(_matching(files, _patterns(options["ignore-files"], source)))
    files = [path for path in files if path not in ignored]
    found: list[Diagnostic] = judge_test_decorators(repo, options) + judge_imported_by_tests(repo, options, source)
    tf_files = _matching(files, _patterns(options["tf-files"], source))
    model_files = [p for p in _matching(files, _patterns(options["model-files"], source)) if p not in set(tf_files)]
    config_files = _matching(files, _patterns(options["config-files"], source))
    if not (model_files or config_files or tf_files):
        return found
    index = class_index(repo, source)
    exempt = {code: set(names) for code, names in options["exempt"].items()}
    if model_files:
        models = ModelJudge(repo, options, index, model_files)
        found.extend(models.run())
        if options["model-tests"]:  # the chains ModelJudge memoised serve again
            found.extend(judge_tested_models(repo, options, models.hierarchy, model_files))
    if config_files:
        found.extend(_judge_configs(repo, options, index, config_files))
    if config_files and options["config-attributes"]:
        found.extend(_judge_config_attributes(repo, options, config_files, source))
    if tf_files:
        found.extend(_judge_tf(repo, options, index, tf_files))
    return [d for d in found if d.data.get("class") not in exempt.get(d.code, ())]


def _diagnostic(rule, path: str, line: int, column: int, name: str, message: str, **data) -> Diagnostic:
    return Diagnostic(rule.code, path, line, column, message, data={"class": name, **data})


def _by_path(index, paths: list[str]) -> dict[str, list]:
    wanted = set(paths)
    per_path: dict[str, list] = {path: [] for path in paths}
    for places in index.values():
        for path, fact in places:
            if path in wanted:
                per_path[path].append(fact)
    for facts in per_path.values():
        facts.sort(key=lambda fact: fact.line)
    return per_path


class ModelJudge:
    """STR001-STR005, STR007 and STR008 over the model files."""

    def __init__(self, repo, options, index, paths: list[str]) -> None:
        self.repo = repo
        self.options = options
        self.index = index
        self.paths = paths
        self.base = options["base-class"]
        self.hierarchy = Hierarchy(index, {self.base}, set(paths))
        self._post_init: dict[tuple[str, str], bool] = {}

    def run(self) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        per_path = _by_path(self.index, self.paths)
        parse = []
        for path in self.paths:
            models = []
            for fact in per_path[path]:
                if "Sequential" in fact.bases and "Sequential" not in self.index:
                    found.append(
                        _diagnostic(
                            rules.SEQUENTIAL_SUBCLASS,
                            path,
                            fact.line,
                            1,
                            fact.name,
                            f"`{fact.name}` subclasses `nn.Sequential`: declare named sub-modules "
                            "and a `forward` instead",
                        )
                    )
                chain = self.hierarchy.chain(fact.name, path)
                if chain is None or len(chain) < 2:
                    continue
                models.append((fact, chain))
                found.extend(self._shape(path, fact, chain))
            if models and self._needs_facts(path, models):
                parse.append((path, models))
        self.repo.prefetch([path for path, _ in parse], read_model_classes, self.base)
        for path, models in parse:
            structure = self.repo.facts(path, read_model_classes, self.base)
            if structure is None or structure.error:
                continue  # unreadable or unparsable: the engine reports RL002 / RL001
            infos = {info.name: info for info in structure.classes}
            for fact, chain in models:
                info = infos.get(fact.name) or _find(
                    self.repo.facts(path, read_model_structure, (fact.name,)), fact.name
                )
                if info is not None:
                    found.extend(self._members(path, info, chain))
        return found

    def _needs_facts(self, path: str, models) -> bool:
        if self.options["post-init"] or self.options["forward-kwargs"]:
            return True
        if any(fact.name.endswith(self.base) for fact, _ in models):
            return True
        return self.repo.contains(path, "base_model_prefix")

    def _shape(self, path: str, fact, chain: tuple[str, ...]) -> list[Diagnostic]:
        """STR003 and STR004, from the class index alone."""
        found = []
        head = _HEAD.fullmatch(fact.name)
        if head:
            own_model = head.group("prefix") + "Model"
            if own_model in fact.bases and self.hierarchy.chain(own_model, path) is not None:
                found.append(
                    _diagnostic(
                        rules.HEAD_INHERITS_MODEL,
                        path,
                        fact.line,
                        1,
                        fact.name,
                        f"head model `{fact.name}` inherits from `{own_model}`: derive it from the pre-trained base "
                        f"class and hold the `{own_model}` in an attribute instead",
                        base=own_model,
                    )
                )
        depth = len(chain) - 1
        limit = self.options["max-depth"]
        if depth > limit:
            shown = " -> ".join(chain)
            found.append(
                _diagnostic(
                    rules.TOO_DEEP,
                    path,
                    fact.line,
                    1,
                    fact.name,
                    f"`{fact.name}` is {depth} levels below `{chain[-1]}` ({shown}); at most {limit} are allowed",
                    depth=depth,
                    chain=list(chain),
                )
            )
        return found

    def _members(self, path: str, info: ClassInfo, chain: tuple[str, ...]) -> list[Diagnostic]:
        """STR001, STR002, STR007 and STR008, from the parsed class."""
        found = []
        name = info.name
        if name.endswith(self.base) and name != self.base:
            found.extend(self._config_class(path, info, chain))
        prefix = info.attributes.get("base_model_prefix")
        if prefix is not None and not (prefix.is_string and _PREFIX.fullmatch(prefix.value or "")):
            shown = repr(prefix.value) if prefix.is_string else "not a string literal"
            found.append(
                _diagnostic(
                    rules.BASE_MODEL_PREFIX,
                    path,
                    prefix.line,
                    prefix.column,
                    name,
                    f"`{name}.base_model_prefix` is {shown}: it must be a non-empty identifier (or dotted identifiers)",
                )
            )
        init = info.methods.get("__init__")
        if (
            self.options["post-init"]
            and init is not None
            and not init.calls_post_init
            and not any(self._runs_post_init(last_part(base), path) for base in info.bases)
        ):
            found.append(
                _diagnostic(
                    rules.MISSING_POST_INIT,
                    path,
                    init.line,
                    5,
                    name,
                    f"`{name}.__init__` does not call `self.post_init()` (and no base `__init__` it inherits does)",
                )
            )
        forward = info.methods.get("forward")
        if self.options["forward-kwargs"] and forward is not None and forward.var_keyword is None:
            found.append(
                _diagnostic(
                    rules.FORWARD_KWARGS, path, forward.line, 5, name, f"`{name}.forward` does not accept `**kwargs`"
                )
            )
        return found

    def _config_class(self, path: str, info: ClassInfo, chain: tuple[str, ...]) -> list[Diagnostic]:
        model = info.name[: -len(self.base)]
        expected = f"{model}Config"
        declared = info.attributes.get("config_class")
        names: tuple[str, ...] = ()
        where = declared
        if declared is not None and declared.value and not declared.is_string:
            names = (declared.value,)
        elif declared is not None:
            return []  # `config_class = None` or a computed value: nothing to compare
        else:
            annotated = info.attributes.get("config")
            if annotated is not None and annotated.annotation:
                names, where = annotated.annotation, annotated
        names = tuple(last_part(n) for n in names)
        if not names:
            if len(chain) == 2:  # derives from the library directly: no config to inherit
                return [
                    _diagnostic(
                        rules.CONFIG_CLASS,
                        path,
                        info.line,
                        info.column,
                        info.name,
                        f"`{info.name}` declares no config class (`config: {expected}`)",
                        expected=expected,
                    )
                ]
            return []
        if any(self._config_matches(model, config) for config in names):
            return []
        shown = " | ".join(names)
        return [
            _diagnostic(
                rules.CONFIG_CLASS,
                path,
                where.line,
                where.column,
                info.name,
                f"`{info.name}` declares config class `{shown}`, expected `{expected}`",
                expected=expected,
                found=shown,
            )
        ]

    def _config_matches(self, model: str, config: str) -> bool:
        if config == f"{model}Config":
            return True
        if not self.options["config-family"] or not config.endswith("Config"):
            return False
        own, other = model.replace("_", ""), config[: -len("Config")].replace("_", "")
        return bool(own and other) and (other.startswith(own) or own.startswith(other))

    def _runs_post_init(self, name: str, path: str, visiting: frozenset = frozenset()) -> bool:
        """Whether `name`'s `__init__` (its own or inherited) calls `self.post_init()`."""
        if name == self.base or (name, path) in visiting:
            return False
        key = (name, path)
        if key in self._post_init:
            return self._post_init[key]
        answer = False
        for where, _ in self.hierarchy.definitions(name, path):
            info = _find(self.repo.facts(where, read_model_structure, (name,)), name)
            if info is None:
                continue
            init = info.methods.get("__init__")
            if init is not None and init.calls_post_init:
                answer = True
            else:
                answer = any(self._runs_post_init(last_part(b), where, visiting | {key}) for b in info.bases)
            if answer:
                break
        self._post_init[key] = answer
        return answer


def _find(structure: FileStructure | None, name: str) -> ClassInfo | None:
    if structure is None:
        return None
    return next((info for info in structure.classes if info.name == name), None)


def _judge_config_attributes(repo, options, paths: list[str], source: str) -> list[Diagnostic]:
    """STR010: configuration arguments that no modeling file of their folder reads."""
    rule = rules.CONFIG_ARGUMENT_UNUSED
    return [
        _diagnostic(rule, path, line, 1, name, rule.message.format(argument=argument, name=name), argument=argument)
        for path, line, name, argument in unused_arguments(repo, paths, source, options)
    ]


def _judge_configs(repo, options, index, paths: list[str]) -> list[Diagnostic]:
    """STR006: config classes that define `__init__` accept `**kwargs` and pass them on."""
    hierarchy = Hierarchy(index, set(options["config-bases"]), set(paths))
    per_path = _by_path(index, paths)
    todo = []
    for path in paths:
        configs = {fact.name for fact in per_path[path] if (hierarchy.chain(fact.name, path) or ())[1:]}
        if configs and repo.contains(path, "def __init__"):
            todo.append((path, configs))
    repo.prefetch([path for path, _ in todo], read_model_structure)
    found = []
    for path, configs in todo:
        structure = repo.facts(path, read_model_structure)
        if structure is None or structure.error:
            continue
        for info in structure.classes:
            init = info.methods.get("__init__")
            if info.name not in configs or init is None:
                continue
            if init.var_keyword is None:
                message = f"`{info.name}.__init__` does not accept `**kwargs` (for the base config's arguments)"
            elif not init.forwards_kwargs:
                message = (
                    f"`{info.name}.__init__` does not pass `**{init.var_keyword}` to `super().__init__`: "
                    "the base config's arguments are dropped"
                )
            else:
                continue
            found.append(_diagnostic(rules.CONFIG_KWARGS, path, init.line, 5, info.name, message))
    return found


def _judge_tf(repo, options, index, paths: list[str]) -> list[Diagnostic]:
    """STR009: `@keras_serializable` main layers, `@unpack_inputs` calls, `TF` prefixes."""
    hierarchy = Hierarchy(index, {options["tf-base-class"]}, set(paths))
    repo.prefetch(paths, read_structure)
    found = []
    for path in paths:
        structure = repo.facts(path, read_structure)
        if structure is None or structure.error:
            continue
        for info in structure.classes:
            found.extend(_tf_class(path, info, hierarchy, options["tf-base-class"]))
    return found


def _tf_class(path: str, info: ClassInfo, hierarchy: Hierarchy, tf_base: str) -> list[Diagnostic]:
    found = []
    name = info.name
    serializable = "keras_serializable" in info.decorators
    if name.endswith("MainLayer") and not serializable:
        found.append(
            _diagnostic(
                rules.TF_LAYERS,
                path,
                info.line,
                info.column,
                name,
                f"main layer `{name}` is not decorated `@keras_serializable`",
            )
        )
    is_model = hierarchy.chain(name, path) is not None and name != tf_base
    call = info.methods.get("call")
    if call is not None and (serializable or is_model) and "unpack_inputs" not in call.decorators:
        found.append(
            _diagnostic(rules.TF_LAYERS, path, call.line, 5, name, f"`{name}.call` is not decorated `@unpack_inputs`")
        )
    bases = {last_part(base) for base in info.bases}
    keras_like = is_model or bool(bases & {"Layer", "Model"}) or any(b.startswith("TF") for b in bases)
    if keras_like and not name.startswith(("TF", "_")):
        found.append(
            _diagnostic(
                rules.TF_LAYERS,
                path,
                info.line,
                info.column,
                name,
                f"TensorFlow class `{name}` does not carry the `TF` prefix (`TF{name}`)",
            )
        )
    return found
