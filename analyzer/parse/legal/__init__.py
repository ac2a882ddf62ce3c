"""Read a Vietnamese legal text as a lawyer would: header, structure, citations, tasks and deadlines,
signature and the administrative procedures it prescribes (the text rules run in analyzer.detect.legal_text).

``parse_legal_text(text)`` returns a :class:`LegalDocument`; ``legal_to_json(doc)`` gives the JSON object
``tthc legal`` writes (one per input file). Files are read by ``analyzer.ingest.legal_files``
(``read_legal_text(path)`` reads and parses one).
"""

from __future__ import annotations

from typing import Any

from analyzer.parse.legal.assignments import find_assignments
from analyzer.parse.legal.citations import find_citations, find_cross_references, resolve_citation
from analyzer.parse.legal.cleanup import clean_legal_text, normalize_input
from analyzer.parse.legal.deadlines import find_deadlines
from analyzer.parse.legal.header import parse_header
from analyzer.parse.legal.model import (
    Assignment, Citation, CitationTarget, CrossReference, Deadline, Footnote, LegalDocument, Signature,
    StructureNode, TextFinding,
)
from analyzer.parse.legal.provisions import extract_procedures
from analyzer.parse.legal.signature import find_signature
from analyzer.parse.legal.structure import parse_structure

__all__ = [
    "Assignment", "Citation", "CitationTarget", "CrossReference", "Deadline", "LegalDocument", "Signature",
    "StructureNode", "TextFinding", "legal_to_json", "parse_legal_text", "resolve_citation",
]


def parse_legal_text(text: str, source: str | None = None) -> LegalDocument:
    """Parse a legal text given as a string (read a file with ``analyzer.read_legal_text(path)``).

    ``source`` names the text in the result. The text rules' findings (``document.findings``) are filled by
    ``analyzer.detect.legal_text.apply_text_rules`` (``analyzer.detect.appraise`` runs them): rules live in the
    detection layer.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse_legal_text takes the text as a str, not {type(text).__name__}; "
            "read a file with analyzer.read_legal_text(path)"
        )
    normalised, alignments = normalize_input(text)
    clean = clean_legal_text(normalised)
    text, paragraphs = clean.text, clean.paragraphs
    header = parse_header(text, paragraphs)
    block = find_signature(text, paragraphs, header.end)
    body_end = block.body_end if block else len(text)
    structure = parse_structure(text, paragraphs, header.end, body_end)
    regions = [(header.end, body_end)]
    if block and block.end < len(text):
        structure += parse_structure(text, paragraphs, block.end, len(text), annex=True)
        regions.append((block.end, len(text)))
    document = LegalDocument(
        source=source, type=header.type, consolidates=header.consolidates, number=header.number,
        issuer=header.issuer, place=header.place, date=header.date, title=header.title or clean.site_title,
        text=text, body_start=header.end, body_end=body_end, structure=structure,
        citations=find_citations(text, header.number),
        deadlines=[d for start, end in regions for d in find_deadlines(text, start, end)],
        signature=block.signature if block else None, recipients=block.recipients if block else [],
        footnotes=[Footnote(label=label, text=note) for label, note in clean.footnotes],
        cleanup={kind: count for kind, count in clean.removed.items() if count},
    )
    document.set_offset_map(clean.segments, alignments)
    document.cross_references = find_cross_references(document)
    document.assignments = find_assignments(document, document.deadlines)
    document.procedures = extract_procedures(document)
    return document


def legal_to_json(document: LegalDocument, include_text: bool = False) -> dict[str, Any]:
    """The JSON object ``tthc legal`` writes for one input file."""
    result: dict[str, Any] = {
        "source": document.source,
        "type": document.type,
        "consolidates": document.consolidates,
        "number": document.number,
        "issuer": document.issuer,
        "place": document.place,
        "date": document.date,
        "title": document.title,
        "structure": [_node_json(node) for node in document.structure],
        "citations": [_citation_json(c) for c in document.citations],
        "cross_references": [r.to_dict() for r in document.cross_references],
        "deadlines": [d.to_dict() for d in document.deadlines],
        "assignments": [_assignment_json(a) for a in document.assignments],
        "signature": _signature_json(document.signature),
        "recipients": list(document.recipients),
        "procedures": [p.to_dict() | {"findings": []} for p in document.procedures],
        "findings": [f.to_dict() for f in document.findings],
        "footnotes": [f.to_dict() for f in document.footnotes],
        "cleanup": dict(document.cleanup),
        "warnings": [w.to_dict() for w in document.warnings],
    }
    if include_text:
        result["text"] = document.text
    return result


def _node_json(node: StructureNode) -> dict[str, Any]:
    return {
        "kind": node.kind, "label": node.label, "heading": node.heading, "start": node.start, "end": node.end,
        "children": [_node_json(child) for child in node.children],
    }


def _citation_json(citation: Citation) -> dict[str, Any]:
    target = citation.target
    return {
        "type": citation.type, "number": citation.number, "year": citation.year, "issuer": citation.issuer,
        "issuer_code": citation.issuer_code, "date": citation.date, "name": citation.name, "text": citation.text,
        "start": citation.start, "end": citation.end,
        "target": {"article": target.article, "clause": target.clause, "point": target.point,
                   "path": [list(p) for p in target.path]} if target else None,
    }


def _assignment_json(assignment: Assignment) -> dict[str, Any]:
    deadline = assignment.deadline
    return {
        "lead": assignment.lead, "partners": list(assignment.partners), "action": assignment.action,
        "deadline": {"text": deadline.text, "date": deadline.date, "recurrence": deadline.recurrence,
                     "day": deadline.day, "month": deadline.month} if deadline else None,
        "node": assignment.node, "start": assignment.start, "end": assignment.end,
    }


def _signature_json(signature: Signature | None) -> dict[str, Any] | None:
    if signature is None:
        return None
    return {"authority": signature.authority, "position": signature.position, "signer": signature.signer,
            "start": signature.start, "end": signature.end}
