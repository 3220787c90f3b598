"""Chinese-text basics shared by the checker, the outline reader, importing and update mode.

One module per concept, each importing only ``re`` and the standard library (``shuzhi check``
must start fast):

- ``numerals``: 一二三…十 ↔ int (二十一, 一百零五, 〇), years written digit by digit (二〇二二),
  and the figures written in a text (``numbers_in``) or in nested data such as the facts;
- ``years``: the year patterns (2023年, 二〇二三年), a report's first year, the signature date line;
- ``sentences``: a paragraph cut into sentences (or clauses, at ；);
- ``paragraphs``: a text's lines and its non-blank paragraphs, a line without its indentation;
- ``headings``: the one parser of heading numbers — 一、 （一） 一是 1. （1） ① and their
  half-width and variant forms.
"""
