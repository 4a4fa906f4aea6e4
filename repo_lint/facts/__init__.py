"""Facts more than one rule family reads, written once: families import these, never each other.

- `classes`: the top-level-class text scan (`class_lines`, `class_headers`) and the package's class index
  (`class_index`, `ClassFact`), read by the AUT, DOC, NAM and STR families;
- `lazy_init`: the lazy `__init__.py` reader (`read_init`, `extract_init`), read by INI and DUM;
- `auto_mappings`: the auto mappings, read and sorted (`extract_mapping_facts`), read by AUT and DOC;
- `ast_names`: the names of decorators, bases and dotted expressions in an `ast` tree, read alike by DOC,
  NAM, STR and AUT;
- `regions`: the unsorted stretches a sorter finds (`Region`, `apply_regions`), of AUT and INI.
"""
