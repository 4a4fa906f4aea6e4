"""The bases of a class taken from a parent model when the modular class lists more than the parent class:
`class CsmDepthDecoderModel(LlamaModel, CsmPreTrainedModel)`.

The generated class keeps the parent's bases (renamed), except that a base sharing a capitalised suffix with
one of the modular's other bases is switched to it (`CsmDepthDecoderPreTrainedModel` -> `CsmPreTrainedModel`);
the modular's other bases that the parent lacks are appended, and `nn.Module` goes when
`GradientCheckpointingLayer` is there too. The parent's keywords (`total=False`) stay, the modular's are not used.
"""

from __future__ import annotations

import libcst as cst
from repo_lint.checks.modular.classes import dotted_name
from repo_lint.checks.modular.namespace import Unsupported
from repo_lint.checks.modular.prefixes import common_suffix


def merged_bases(parent_node: cst.ClassDef, modular_node: cst.ClassDef, parent_base: str) -> list[cst.Arg]:
    """The bases of the generated class; `parent_base` is the modular's base naming the parent class (before
    renaming)."""
    class_name = modular_node.name.value
    modular_bases = {}
    for base in modular_node.bases:
        name = dotted_name(base.value)
        if name is None:
            raise Unsupported("base other than a dotted name", class_name)
        modular_bases[name] = base
    others = [name for name in modular_bases if name != parent_base]
    bases = [_switched(base, others, class_name) for base in parent_node.bases]
    parent_names = {dotted_name(base.value) for base in parent_node.bases}
    appended = [name for name in others if name not in parent_names]
    if len(appended) > 1:
        # the converter appends them in the order of a set of strings, which changes from run to run
        raise Unsupported("several bases added to the parent's", class_name)
    bases.extend(modular_bases[name] for name in appended)
    names = {dotted_name(base.value) for base in bases}
    if {"nn.Module", "GradientCheckpointingLayer"} <= names:
        bases = [base for base in bases if dotted_name(base.value) != "nn.Module"]
    return bases


def _switched(base: cst.Arg, others: list[str], class_name: str) -> cst.Arg:
    """`base` of the parent class, or the modular base that shares a capitalised suffix with it (which is then
    no longer appended)."""
    if not isinstance(base.value, cst.Name):
        return base
    matching = [other for other in others if _shares_suffix(base.value.value, other, class_name)]
    if not matching:
        return base
    if len(matching) > 1:
        raise Unsupported("several modular bases could replace a parent base", class_name)
    others.remove(matching[0])
    return base.with_changes(value=base.value.with_changes(value=matching[0]))


def _shares_suffix(parent_base: str, other: str, class_name: str) -> bool:
    """A capitalised common end; in 5.23.0 the whole parent base counts (`ProcessorMixin` is switched to
    `OmniModalProcessorMixin`), unlike between class names."""
    if parent_base != other and other.endswith(parent_base):
        return parent_base[0].isupper()
    if parent_base != other and parent_base.endswith(other):
        raise Unsupported("modular base is the end of a parent base", f"{class_name}: {other} in {parent_base}")
    suffix = common_suffix(parent_base, other)
    return bool(suffix) and suffix[0].isupper()
