"""The main job in one call: draft file → template → reply document → .docx."""
from __future__ import annotations

from pathlib import Path

from dafu.draft import Draft
from dafu.draftio import read_draft
from dafu.model import ReplyDocument
from dafu.templates import TemplateSet, assemble


def render_document(draft: Draft | str | Path, *, template: str | None = None,
                    templates: TemplateSet | None = None) -> ReplyDocument:
    """Assemble a draft (or a draft file) into a reply document, optionally through another template."""
    if not isinstance(draft, Draft):
        draft = read_draft(draft)
    if template:
        draft = draft.copy()
        draft.template = template
    return assemble(draft, templates)


def render(draft: Draft | str | Path, output: str | Path, *, template: str | None = None,
           templates: TemplateSet | None = None) -> Path:
    """Write the official .docx for a draft; the output file is replaced only whole."""
    document = render_document(draft, template=template, templates=templates)
    from dafu.export.docx import export_docx  # python-docx is slow to import; only when writing

    return export_docx(document, output)


def default_output(draft_path: Path, template: str | None = None) -> Path:
    """reply_JY20230126.dafu → reply_JY20230126.docx, reply.v2.dafu → reply.v2.docx
    (…-feedback_form.docx for another template; the template name is checked first)."""
    draft_path = Path(draft_path)
    suffix = f"-{template}" if template else ""
    return draft_path.with_name(f"{draft_path.stem or draft_path.name}{suffix}.docx")
