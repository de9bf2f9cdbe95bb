"""Relation finders: facts between resolved entities, read from the document.

They run after the resolver (:mod:`kg.resolve`) and read its entities: :mod:`oversight`
(who oversees whom, by kind) and :mod:`ratings` (evaluation results). They may call the
finders (:mod:`kg.extract`) to read a line again and the resolver to name what they find.
"""
