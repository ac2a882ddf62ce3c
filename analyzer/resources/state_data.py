"""The State-held registry: the databases, the papers and facts they hold, and the legal ground for not
asking citizens for them again (analyzer/data/state_data.yaml, compiled to patterns once)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.resources.legal_ground import LegalGround
from analyzer.resources.patterns import phrase_pattern
from analyzer.resources.schema import StateDataSchema, StateHeldSchema


@dataclass(frozen=True)
class StateHeld:
    """A document or fact whose data a State database holds."""

    id: str
    label: str
    database: str  # the database's display name
    pattern: re.Pattern[str]
    legal_ground: tuple[LegalGround, ...] = ()
    head_pattern: re.Pattern[str] | None = None  # counts only at the start of a name
    only_copies: bool = False
    copies_only: bool = False  # only copies count: the original is handed in to be endorsed or replaced
    acted_on_by: re.Pattern[str] | None = None  # with copies_only: agencies that act on the paper itself
    condition: str | None = None  # a rule parameter that must be true for the entry to apply
    not_in_procedures: re.Pattern[str] | None = None  # in a procedure's name: the database does not hold the paper
    confidence: float = 0.8
    database_id: str = ""  # the key of the database in state_data.yaml
    foreigners: bool = False  # a paper Việt Nam issues to foreigners: applies in foreigners' procedures too
    own_original: bool = False  # its database's operators asking the original ask their own record again
    opens_part: bool = False  # counts only where it opens the item or one of its parts
    not_with: re.Pattern[str] | None = None  # in the item: routed through the database already, or another paper


@dataclass(frozen=True)
class IssuedPapers:
    """Papers another Vietnamese State body issued, named with their issuer: the entry reported, the heads of the
    papers, and how the issuer is named ("do <issuer> <verb>", "của <issuer>")."""

    entry: StateHeld
    papers: re.Pattern[str]
    issuers: re.Pattern[str]
    verbs: re.Pattern[str]
    not_issuers: re.Pattern[str] | None = None
    foreign: re.Pattern[str] | None = None


@dataclass(frozen=True)
class LegalTextPaper:
    """How provisions of legal texts name a registry paper (matched on the cleaned legal text)."""

    id: str
    label: str
    database: str  # the registry paper's database display name
    pattern: re.Pattern[str]
    legal_ground: tuple[LegalGround, ...] = ()


@dataclass(frozen=True)
class Database:
    """A State database: the papers and data it replaces, and the legal ground for looking them up."""

    id: str
    name: str
    replaces: tuple[str, ...] = ()
    legal_ground: tuple[LegalGround, ...] = ()
    operators: re.Pattern[str] | None = None  # in a handling agency's name: the agency keeps this database
    central_link: bool = False  # only a link built centrally lets a provincial body look it up


@dataclass(frozen=True)
class StateData:
    documents: tuple[StateHeld, ...]
    facts: tuple[StateHeld, ...]
    exemptions: re.Pattern[str]  # around a mention: not the citizen's record in a Vietnamese database
    fallbacks: re.Pattern[str]  # anywhere in a document: asked only when the database cannot answer
    procedure_exemptions: re.Pattern[str]  # in a procedure's name or agency: foreigners, citizens abroad
    # the exemptions without the words that only say the paper is a foreigner's (for entries with foreigners=True)
    foreigner_exemptions: re.Pattern[str] | None = None
    # a foreign owner ("thương nhân nước ngoài"): exempts only the alternative it is written in, and the paper an
    # equivalent ("hoặc giấy tờ có giá trị tương đương của …") stands for
    owner_exemptions: re.Pattern[str] | None = None
    equivalent_papers: re.Pattern[str] | None = None
    # the exemptions and the foreign owners, anywhere around a mention: in a procedure for a foreign company ("… của
    # thương nhân nước ngoài tại Việt Nam") every paper of the company is the foreign one
    exemptions_and_owners: re.Pattern[str] | None = None
    abroad_procedures: re.Pattern[str] | None = None  # in a procedure's name or agency: citizens abroad
    legal_text_papers: tuple[LegalTextPaper, ...] = ()
    databases: tuple[Database, ...] = ()
    lost_record_procedures: re.Pattern[str] | None = None  # in a procedure's name: re-registering a lost record
    waivers: re.Pattern[str] | None = None  # "không phải nộp": waives the item where it also names the database
    waiver_context: re.Pattern[str] | None = None
    waiver_scope: re.Pattern[str] | None = None  # a waiver stated elsewhere that covers every paper of the record
    citizen_procedures: re.Pattern[str] | None = None  # in a name: Vietnamese citizens too, despite an exemption
    proof_lists: re.Pattern[str] | None = None  # "một hoặc một số giấy tờ": one proof among many
    choice_lists: re.Pattern[str] | None = None  # "một trong các giấy tờ sau": only the first alternative counts
    lookup_offers: re.Pattern[str] | None = None  # in an item or its case: the record already offers the lookup
    issued_papers: IssuedPapers | None = None  # papers named with the Vietnamese State body that issued them

    def database(self, database_id: str) -> Database | None:
        return next((d for d in self.databases if d.id == database_id), None)

    @classmethod
    def from_schema(cls, data: StateDataSchema) -> "StateData":
        def entries(items: list[StateHeldSchema]) -> tuple[StateHeld, ...]:
            return tuple(
                StateHeld(
                    id=item.id,
                    label=item.label,
                    database=data.databases[item.database].name,
                    pattern=phrase_pattern(item.patterns),
                    legal_ground=tuple(LegalGround(**g.model_dump()) for g in item.legal_ground),
                    head_pattern=phrase_pattern(item.head_patterns) if item.head_patterns else None,
                    only_copies=item.only_copies,
                    copies_only=item.copies_only,
                    acted_on_by=phrase_pattern(item.acted_on_by) if item.acted_on_by else None,
                    condition=item.condition,
                    not_in_procedures=phrase_pattern(item.not_in_procedures) if item.not_in_procedures else None,
                    confidence=item.confidence,
                    database_id=item.database,
                    foreigners=item.foreigners,
                    own_original=item.own_original,
                    opens_part=item.opens_part,
                    not_with=phrase_pattern(item.not_with) if item.not_with else None,
                )
                for item in items
            )

        papers = {item.id: item for item in data.documents}
        issued = data.issued_papers
        return cls(
            issued_papers=None if issued is None else IssuedPapers(
                entry=StateHeld(id=issued.id, label=issued.label, database=data.databases[issued.database].name,
                                pattern=phrase_pattern(issued.papers), confidence=issued.confidence,
                                legal_ground=tuple(LegalGround(**g.model_dump()) for g in issued.legal_ground),
                                database_id=issued.database),
                papers=phrase_pattern(issued.papers), issuers=phrase_pattern(issued.issuers),
                verbs=phrase_pattern(issued.verbs),
                not_issuers=phrase_pattern(issued.not_issuers) if issued.not_issuers else None,
                foreign=phrase_pattern(issued.foreign) if issued.foreign else None),
            documents=entries(data.documents),
            facts=entries(data.facts),
            exemptions=phrase_pattern(data.exemptions),
            fallbacks=phrase_pattern(data.fallbacks),
            procedure_exemptions=phrase_pattern(data.procedure_exemptions),
            foreigner_exemptions=phrase_pattern(e for e in data.exemptions if e not in set(data.foreigner_words)),
            owner_exemptions=phrase_pattern(data.owner_exemptions) if data.owner_exemptions else None,
            equivalent_papers=phrase_pattern(data.equivalent_papers) if data.equivalent_papers else None,
            exemptions_and_owners=phrase_pattern([*data.exemptions, *data.owner_exemptions]),
            abroad_procedures=phrase_pattern(data.abroad_procedures) if data.abroad_procedures else None,
            lost_record_procedures=phrase_pattern(data.lost_record_procedures) if data.lost_record_procedures else None,
            waivers=phrase_pattern(data.waivers) if data.waivers else None,
            waiver_context=phrase_pattern(data.waiver_context) if data.waiver_context else None,
            waiver_scope=phrase_pattern(data.waiver_scope) if data.waiver_scope else None,
            citizen_procedures=phrase_pattern(data.citizen_procedures) if data.citizen_procedures else None,
            proof_lists=phrase_pattern(data.proof_lists) if data.proof_lists else None,
            choice_lists=phrase_pattern(data.choice_lists) if data.choice_lists else None,
            lookup_offers=phrase_pattern(data.lookup_offers) if data.lookup_offers else None,
            databases=tuple(Database(id=key, name=db.name, replaces=tuple(db.replaces),
                                     legal_ground=tuple(LegalGround(**g.model_dump()) for g in db.legal_ground),
                                     operators=phrase_pattern(db.operators) if db.operators else None,
                                     central_link=db.central_link)
                            for key, db in data.databases.items()),
            legal_text_papers=tuple(
                LegalTextPaper(
                    id=item.id,
                    label=item.label,
                    database=data.databases[papers[item.paper].database].name,
                    pattern=re.compile(item.pattern, re.IGNORECASE),
                    legal_ground=tuple(LegalGround(**g.model_dump()) for g in item.legal_ground),
                )
                for item in data.legal_texts
            ),
        )
