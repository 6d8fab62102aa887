"""Checks: find the errors clerks let slip before a reply goes out.

``check(document_or_text)`` runs every rule and returns findings in reading
order; ``check_file(path)`` reads a .dafu draft, .docx or .txt first;
``apply_fixes(text, findings)`` applies the safe replacements. Each rule is a
small registered function with an id (``family.name``) and a severity; the
rule modules below register themselves when imported.
"""
from __future__ import annotations

from dafu.checks.base import RULES, Finding, Hit, Rule, Severity
from dafu.checks import form, measures, pairing, punctuation, repeat, sequence  # noqa: F401  (register rules)
from dafu.checks.engine import CHECKABLE, apply_fixes, check, check_file, check_paragraphs, fix_draft, safe_rules

__all__ = ["CHECKABLE", "RULES", "Finding", "Hit", "Rule", "Severity", "apply_fixes", "check", "check_file",
           "check_paragraphs", "fix_draft", "safe_rules"]
