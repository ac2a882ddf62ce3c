"""redundant_step: steps that repeat one another, re-check, only hand papers on, or certify known facts.

Evidence indices are positions in ``procedure.steps`` (0-based); messages name steps by their own
number ("Bước 3") so that a reviewer finds them in the source. Steps are compared only inside one
flow (see ``_steps.flows``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Callable, Iterator

from pydantic import Field

from analyzer.detect import _steps
from analyzer.detect._actions import actions, lead_action, verb_classes, without_names
from analyzer.detect._similarity import clauses, common_prefix, key, shorten, similarity_matrix, word_count
from analyzer.detect.context import DetectionContext
from analyzer.detect.finding import Finding
from analyzer.detect.pair_model import canonical, packaged_model, without_opener
from analyzer.detect.registry import RuleParams, rule as register
from analyzer.detect.rules import Rule
from analyzer.detect.schema import Confidence, Count, Similarity
from analyzer.model import Procedure
from analyzer.resources import Cues, Resources, StateData, StateHeld

NEAR_IDENTICAL = 0.85  # text similarity at which two step heads are the same even without a parsed action
MAX_HEAD_WORDS = 30  # a longer first clause describes a step rather than naming its action


def _recheck_positions(procedure: Procedure, context: DetectionContext,
                       detector: Callable[[Procedure, Rule, DetectionContext], Iterator[Finding]]) -> set[int]:
    """The steps ``detector`` (a recheck_step reading) reports, when recheck_step is enabled."""
    if not context.rules.enabled("recheck_step"):
        return set()
    found = detector(procedure, context.rules["recheck_step"], context)
    return {finding.evidence[0].index for finding in found}  # type: ignore[misc]


def _rechecked(procedure: Procedure, context: DetectionContext) -> set[int]:
    """Steps reported as re-checks: neither a duplicate nor a local certification of their own."""
    return _recheck_positions(procedure, context, recheck_steps)


def cued_recheck_steps(procedure: Procedure, context: DetectionContext) -> set[int]:
    """Steps a cued re-check reports ("Cán bộ xử lý hồ sơ có trách nhiệm kiểm tra lại toàn bộ hồ sơ")."""
    return _recheck_positions(procedure, context, _cued_rechecks)


def _flow_of(procedure: Procedure, cues: Cues) -> dict[int, int]:
    return {position: n for n, flow in enumerate(_steps.flows(procedure.steps, cues)) for position in flow}


# ---------------------------------------------------------------- recheck_step


def _objects_after(pattern: re.Pattern[str], text: str, words: int = 6) -> list[tuple[re.Match[str], str]]:
    """Matches of ``pattern`` in keyed ``text`` with the few words that follow each (their object)."""
    found = []
    for match in pattern.finditer(text):
        tail = re.split(r"[,.;:()\n]", text[match.end():], maxsplit=1)[0]
        found.append((match, " ".join(tail.split()[:words])))
    return found


EXEMPT_WORDS = 3  # how many words before "kiểm tra lại" may say it happens on request
_DETERMINERS = {"các", "những", "toàn", "bộ", "lại", "tất", "cả", "về", "việc", "một", "số", "cho", "của", "đã"}


def _object_head(obj: str) -> str:
    """The first two words of an object, without determiners: "toàn bộ hồ sơ đã nhận" -> "hồ sơ"."""
    return " ".join([w for w in obj.split() if w not in _DETERMINERS][:2])


def _earlier_check(procedure: Procedure, positions: list[int], obj: str, cues: Cues) -> tuple[int, tuple[int, int]] | None:
    """The first of ``positions`` with a clause that checks ``obj`` (not itself a re-check), and that clause."""
    check, again = cues.pattern("recheck", "checks"), cues.pattern("recheck", "cues")
    for position in positions:
        text = _steps.text(procedure.steps[position])
        for start, end in clauses(text):
            clause = key(text[start:end])
            if any(obj in tail for m, tail in _objects_after(check, clause, words=12)
                   if not again.match(clause, m.start())):
                return position, (start, end)
    return None


_SUB_BULLET = re.compile(r"^\s*(?:[-+•*–]|\(?[a-zđ]\)|\(?\d{1,2}\)|[ivx]{1,4}\))\s*")


def _is_sub_bullet(text: str) -> bool:
    """"- ...", "+ ...", "a) ...": a detail of the step above rather than a step of its own."""
    return bool(_SUB_BULLET.match(text))


def _parent(procedure: Procedure, position: int) -> int | None:
    """The nearest earlier step that is not itself a sub-bullet: the step a sub-bullet details."""
    return next((p for p in range(position - 1, -1, -1) if not _is_sub_bullet(_steps.body(procedure.steps[p]))), None)


class RecheckParams(RuleParams):
    confidence_titled: Confidence  # the step has its own title
    confidence_untitled: Confidence
    confidence_completeness: Confidence  # no re-check cue: two steps each check the file's completeness


COMPLETENESS_CHARS = 40  # between the checking verb and what it checks ("xem xét tính đầy đủ, hợp lệ")
_BRANCH_CLAUSE = re.compile(r"^\W*(?:trường hợp|nếu)(?!\w)")


def _completeness_check(text: str, cues: Cues) -> tuple[tuple[int, int], bool] | None:
    """The first clause of a step's text that checks the file for completeness (or the consistency of its
    information), not in a case of its own, and whether it names consistency (detect_cues.yaml recheck.consistency)."""
    check, what = cues.pattern("recheck", "checks"), cues.pattern("recheck", "completeness")
    unless, consistency = cues.pattern("recheck", "completeness_not"), cues.pattern("recheck", "consistency")
    for start, end in clauses(text):
        clause = key(text[start:end])
        if _BRANCH_CLAUSE.match(clause) or unless.search(clause):
            continue
        windows = [clause[m.end():m.end() + COMPLETENESS_CHARS] for m in check.finditer(clause)]
        if any(what.search(w) for w in windows):
            return (start, end), bool(consistency.search(clause))
        if any(consistency.search(w) for w in windows):
            return (start, end), True
    return None


def _double_completeness_check(procedure: Procedure, cues: Cues) -> tuple[int, tuple[int, int], int, tuple[int, int], bool] | None:
    """(later step, its clause, earlier step, its clause, whether the later one checks consistency): two steps of one
    flow that each check completeness; a later check of the information's consistency counts only when the desk's
    check named consistency too."""
    desk = cues.pattern("recheck", "desk")
    for flow in _steps.flows(procedure.steps, cues):
        found = [(p, *check) for p in flow if (check := _completeness_check(_steps.text(procedure.steps[p]), cues))]
        if not found:
            continue
        first, first_span, desk_consistency = found[0]
        first_clause = key(_steps.text(procedure.steps[first])[first_span[0]:first_span[1]])
        if not desk.search(first_clause):
            continue
        later = next(((p, span, c) for p, span, c in found[1:] if not c or desk_consistency), None)
        if later is None:
            continue
        second, second_span, consistency = later
        second_text = _steps.text(procedure.steps[second])
        # not the desk's own check again; the hộ tịch officer's step names the desk only as where it sends notices
        if not desk.search(key(second_text[second_span[0]:second_span[1]] if consistency else second_text)):
            return second, second_span, first, first_span, consistency  # the desk checked; the agency checks again
    return None


# "Tiếp nhận, kiểm tra hồ sơ đăng ký đánh giá ngoài từ các Ủy ban nhân dân cấp xã": the upper body checks a file
# that a lower body of government received, checked and forwarded (detect_cues.yaml approval_chain.tiers)
_RECEIVED_CHECK = re.compile(r"(?<!\w)tiếp nhận,?\s+(?:và\s+)?kiểm tra hồ sơ[^.;]{0,80}?(?<!\w)(?:từ|do)\s+(?:các\s+)?"
                             r"(?P<lower>[^.;,]{3,60})")


def _check_of_a_forwarded_file(procedure: Procedure, cues: Cues) -> tuple[int, tuple[int, int], int, tuple[int, int]] | None:
    """(later step, its clause, earlier step, its clause): a step that receives and checks the file from a lower
    body of government, after an earlier step of the same flow in which that file was checked."""
    from analyzer.detect.step_consultations import _tier_after

    check = cues.pattern("recheck", "checks")
    for flow in _steps.flows(procedure.steps, cues):
        for later in flow:
            text = _steps.text(procedure.steps[later])
            for start, end in clauses(text):
                match = _RECEIVED_CHECK.search(key(text[start:end]))
                if not match or _tier_after(match.group("lower"), cues, 8) not in ("commune", "district", "department"):
                    continue
                for earlier in [p for p in flow if p < later]:
                    first = _steps.text(procedure.steps[earlier])
                    span = next(((a, b) for a, b in clauses(first) if check.search(key(first[a:b]))
                                 and "hồ sơ" in key(first[a:b])), None)
                    if span:
                        return later, (start, end), earlier, span
    return None


@register("recheck_step", params=RecheckParams)
def recheck_steps(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    found = False
    for finding in _cued_rechecks(procedure, rule, context):
        found = True
        yield finding
    cues = context.resources.cues
    completeness = None if found else _double_completeness_check(procedure, cues)
    double: tuple[int, tuple[int, int], int, tuple[int, int]] | None = completeness and completeness[:4]
    activity = ("kiểm tra tính thống nhất, hợp lệ của hồ sơ" if completeness and completeness[4]
                else "kiểm tra tính đầy đủ, hợp lệ của hồ sơ")
    if not found and double is None:
        double, activity = _check_of_a_forwarded_file(procedure, cues), "tiếp nhận, kiểm tra hồ sơ"
    if double:  # the desk checked completeness, a later step checks it again
        second, second_span, first, first_span = double
        yield rule.finding(
            procedure.code,
            evidence=[_steps.evidence(procedure.steps[second], second, second_span),
                      _steps.evidence(procedure.steps[first], first, first_span)],
            confidence=rule.params["confidence_completeness"],
            suggestion_params={"remove_step": _steps.number(procedure.steps[second], second),
                               "already_checked_in": _steps.number(procedure.steps[first], first)},
            first=_steps.number(procedure.steps[first], first),
            second=_steps.number(procedure.steps[second], second),
            activity=activity,
        )


def _cued_rechecks(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """A step whose action is "kiểm tra lại" (or another re-check cue) what an earlier step checked."""
    cues = context.resources.cues
    recheck, exempt = cues.pattern("recheck", "cues"), cues.pattern("recheck", "exempt_before")
    new_information = cues.pattern("recheck", "new_information")
    flow_of = _flow_of(procedure, cues)
    for position, step in enumerate(procedure.steps):
        if _steps.is_branch(step):
            continue  # "Trường hợp ... thì kiểm tra lại": one case's own decision stage, not a step every file repeats
        span = _steps.head_span(step)
        head = key(_steps.text(step)[span[0]:span[1]])
        for match, obj in _objects_after(recheck, head):
            target = _object_head(obj)
            # "đề nghị kiểm tra lại", "được kiểm tra lại": a re-check on request or after a failure
            if not target or exempt.search(" ".join(head[: match.start()].split()[-EXEMPT_WORDS:])):
                continue
            if new_information.search(head[: match.start()]):
                continue  # reviewed again once new facts are in (police verification, supplement): a new review
            earlier = [p for p in range(position) if flow_of[p] == flow_of[position]]
            found = _earlier_check(procedure, earlier, target, cues)
            if found is None:
                continue
            first, first_span = found
            if _is_sub_bullet(_steps.body(step)) and _parent(procedure, position) == first:
                continue  # a sub-bullet details the check its parent step names
            yield rule.finding(
                procedure.code,
                evidence=[_steps.evidence(step, position, span), _steps.evidence(procedure.steps[first], first, first_span)],
                confidence=rule.params["confidence_titled"] if step.title else rule.params["confidence_untitled"],
                suggestion_params={"remove_step": _steps.number(step, position),
                                   "already_checked_in": _steps.number(procedure.steps[first], first)},
                first=_steps.number(procedure.steps[first], first),
                second=_steps.number(step, position),
                activity=f"{match.group(0).rsplit(' ', 1)[0]} {target}",
            )
            break


class ReissueSiteCheckParams(RuleParams):
    confidence: Confidence


def _reissue_of_a_checked_licence(procedure: Procedure, cues: Cues) -> bool:
    """A reissue or exchange (time_targets.reissue_names) whose name carries no new examination, and whose text
    names no change on the site, expiry or withdrawal (recheck.reissue_site_changed): the first issue's check holds."""
    name = key(procedure.name)
    if not any(name.startswith(key(n)) for n in cues["time_targets"]["reissue_names"]):
        return False
    if cues.pattern("time_targets", "reissue_reexamines").search(name):
        return False
    texts = [_steps.body(s) for s in procedure.steps] + [c.description or "" for c in procedure.channels]
    texts += [str(c) for c in procedure.conditions or []]
    return not cues.pattern("recheck", "reissue_site_changed").search(key(" ".join(texts)))


def _site_check_clause(text: str, cues: Cues) -> tuple[int, int] | None:
    """The span of the first clause that checks the site and then issues ("kiểm tra thực tế, cấp giấy phép"), unhedged."""
    site, issue = cues.pattern("recheck", "reissue_site_check"), cues.pattern("recheck", "reissue_issue")
    hedge = cues.pattern("recheck", "reissue_site_hedge")
    for start, end in clauses(text):
        clause = key(text[start:end])
        match = site.search(clause)
        if match and issue.search(clause[match.end():]) and not hedge.search(clause):
            return start, end
    return None


@register("reissue_site_check", params=ReissueSiteCheckParams)
def reissue_site_checks(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """A licence reissued on loss, damage or changed details whose text checks the site again before issuing."""
    from analyzer.detect.finding import Evidence

    cues = context.resources.cues
    if not _reissue_of_a_checked_licence(procedure, cues):
        return
    located = [("steps", i, _steps.text(s)) for i, s in enumerate(procedure.steps)]
    located += [("channels", i, c.description or "") for i, c in enumerate(procedure.channels)]
    for field, index, text in located:
        span = _site_check_clause(text, cues)
        if span is None:
            continue
        quote = text[span[0]:span[1]]
        evidence = (_steps.evidence(procedure.steps[index], index, span) if field == "steps"
                    else Evidence(field="channels", index=index, text=quote))
        yield rule.finding(procedure.code, evidence=[evidence], confidence=rule.params["confidence"],
                           suggestion_params={"reuse_record": "first_issue"})
        return  # one finding per procedure: the channels repeat the same clause


# ---------------------------------------------------------------- duplicate_step


def _distinguishers(text: str, cues: Cues) -> dict[str, frozenset[str]]:
    return {name: frozenset(m.group(0) for m in cues.pattern("step_distinguishers", name).finditer(text))
            for name in cues["step_distinguishers"]}


_QUOTED_OR_NUMBER = re.compile(r"[“\"«]([^”\"»]{2,80})[”\"»]|\d+")


def _parallel(a: str, b: str, cues: Cues) -> bool:
    """The two keyed texts differ in channel, level of government, round, outcome or phase, or in what
    they quote or number ("Chiến sĩ thi đua" / "Cờ thi đua"): alternatives, not repetitions."""
    da, db = _distinguishers(a, cues), _distinguishers(b, cues)
    qa, qb = ({m.group(0) for m in _QUOTED_OR_NUMBER.finditer(t)} for t in (a, b))
    return any(da[g] and db[g] and da[g] != db[g] for g in da) or bool(qa and qb and qa != qb)


def _plain_head(text: str) -> str:
    """A head as the parser should see it: keyed, without quotes, brackets, list marks or end punctuation."""
    text = re.sub(r"[«»“”\"'()\[\]*•]+", " ", key(text))
    return " ".join(text.strip(" -+.;:!?").split())


def _plain_words(text: str) -> list[str]:
    return re.findall(r"\w+", key(text))


_FILLERS = frozenset("của các những về việc theo quy định có đã được và đối với cho là tính".split())


def _candidate_pairs(procedure: Procedure, heads: list[str], skip: set[int], cues: Cues) -> list[tuple[int, int]]:
    """Pairs of steps in one flow whose heads share a verb class or are worded alike."""
    steps = procedure.steps
    classes = [verb_classes(h) for h in heads]
    pairs = []
    for flow in _steps.flows(steps, cues):
        usable = [p for p in flow if p not in skip and 1 <= word_count(heads[p]) <= MAX_HEAD_WORDS
                  and not heads[p].rstrip().endswith(":")]  # "Trình tự cấp lại ...:" heads a sub-flow
        for x, i in enumerate(usable):
            for j in usable[x + 1:]:
                if _steps.is_branch(steps[i]) and _steps.is_branch(steps[j]):
                    continue  # two alternatives of one choice
                if _is_sub_bullet(_steps.body(steps[j])) and _parent(procedure, j) == i and steps[j].index == steps[i].index:
                    continue  # listed under its parent's number, a sub-bullet details that step, it does not repeat it
                if j - i >= 2 and _plain_words(heads[i]) == _plain_words(heads[j]):
                    continue  # the same step word for word further down: a flow listed again for another case
                if classes[i] & classes[j]:
                    pairs.append((i, j))
    return pairs


def _repeated_run(pairs: set[tuple[int, int]], i: int, j: int) -> bool:
    """The pair belongs to a run of steps listed again (a second flow whose start the list does not mark)."""
    return (i + 1, j + 1) in pairs or (i - 1, j - 1) in pairs


MIN_RESTATED_WORDS = 6  # words of a step head that, written again inside a later step, repeat it
MIN_RESTATED_SHARE = 0.7  # share of the head's words (from its start) that the later clause must repeat


def _restated(procedure: Procedure, heads: list[str], skip: set[int], cues: Cues) -> Iterator[tuple[int, int, tuple[int, int]]]:
    """(i, j, span): step i's action is written again as a clause inside the next step ("Bước 2: Kiểm tra lại
    quyết định hành chính ..." and, in Bước 3, "+ Kiểm tra lại quyết định hành chính ...")."""
    for flow in _steps.flows(procedure.steps, cues):
        for x, i in enumerate(flow):
            words = _plain_words(re.sub(r"\([^)]*\)?", " ", heads[i]))
            if i in skip or len(words) < MIN_RESTATED_WORDS or heads[i].rstrip().endswith(":"):
                continue
            if not verb_classes(" ".join(words[:3])):
                continue  # the head must name an action ("Kiểm tra lại ..."), not an actor or a case
            needed = max(MIN_RESTATED_WORDS, round(MIN_RESTATED_SHARE * len(words)))
            # only the next step: further down, the same words mostly belong to another case's flow that the
            # list does not mark
            for j in flow[x + 1: x + 2]:
                text = _steps.text(procedure.steps[j])
                head_start = _steps.head_span(procedure.steps[j])[0]
                for start, end in clauses(text):
                    if start != head_start and common_prefix(_plain_words(text[start:end]), words) >= needed:
                        yield i, j, (start, end)
                        break


# words whose presence in one copy only changes nothing (folded, as the pair model's canonical form writes them)
_CANONICAL_FILLERS = frozenset("cua cac nhung ve viec theo quy dinh co da duoc va doi voi cho la thi se".split())
MAX_EXTRA_WORDS = 1  # content words one copy of a long step may add or drop and still be the same step
LONG_STEP_WORDS = 8


def _same_words(a: str, b: str, cues: Cues) -> bool:
    """Once both are canonical (openers, synonyms, case, accents and punctuation set aside), the two steps say the
    same words: a step that adds "gia hạn", or says "thu hẹp" for "mở rộng", is another step, however alike. A long
    step may add or drop one word, or name its act by a near-synonym verb (``_verb_swap``)."""
    ca, cb = canonical(a, "steps").split(), canonical(b, "steps").split()
    wa, wb = set(ca), set(cb)
    extra = (wa ^ wb) - _CANONICAL_FILLERS
    if not extra:
        return True
    long = min(len(wa), len(wb)) >= LONG_STEP_WORDS
    return long and (len(extra) <= MAX_EXTRA_WORDS or _verb_swap(ca, cb, cues))


def _verbatim(a: list[str], b: list[str], cues: Cues) -> bool:
    """Word for word the same step once canonical (``a``, ``b``: its words), or with one verb for a near-synonym: no
    word added or dropped ("Trường hợp hồ sơ hợp lệ ..." and "Trường hợp hồ sơ không hợp lệ ..." are two branches)."""
    return a == b or _verb_swap(a, b, cues)


@lru_cache(maxsize=4)
def _verb_forms(checks: tuple[str, ...]) -> tuple[dict[str, str], frozenset[str]]:
    """Folded verb forms of the NLP lexicon -> their class, and the folded checking verbs (detect_cues recheck)."""
    from analyzer.nlp.resources import lexicon
    from analyzer.text.keys import fold

    return ({fold(form): fold(cls) for form, cls in lexicon().verb_classes.items()}, frozenset(fold(c) for c in checks))


def _verb_swap(a: list[str], b: list[str], cues: Cues) -> bool:
    """The two word lists differ in one place only, where each says a verb of one class ("giải quyết" / "xử lý",
    "ký" / "ký duyệt") or each a check of the file ("xem xét" / "rà soát"): the same act of the same actor on the
    same thing, named by a near-synonym."""
    from difflib import SequenceMatcher

    changes = [op for op in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(changes) != 1 or changes[0][0] != "replace":
        return False
    _, i1, i2, j1, j2 = changes[0]
    classes, checks = _verb_forms(tuple(cues["recheck"]["checks"]))
    left, right = " ".join(a[i1:i2]), " ".join(b[j1:j2])
    if left not in classes or right not in classes:
        return False
    return classes[left] == classes[right] or (left in checks and right in checks)


MIN_MODEL_WORDS = 4  # shorter steps ("Nộp hồ sơ", "Trả kết quả") repeat in every flow; the action rules judge them


def _comparable(procedure: Procedure, cues: Cues) -> Iterator[tuple[int, int]]:
    """Pairs of steps that may repeat one another: in one flow, or a lone step that the flow split set apart
    (a step written again after the result is handed over is a repeat, not a flow of its own)."""
    groups = _steps.flows(procedure.steps, cues)
    for n, flow in enumerate(groups):
        for x, i in enumerate(flow):
            for j in flow[x + 1:]:
                yield i, j
        if n and len(flow) == 1:
            j = flow[0]
            for i in range(j):
                yield i, j


def _paraphrased(procedure: Procedure, rule: Rule, skip: set[int], reported: set[int], cues: Cues) -> Iterator[Finding]:
    """Steps the pairwise model reads as one step written twice ("Quyết định danh sách ..." and "Sau đó, quyết
    định danh sách ..."); its calibrated probability is the finding's confidence. Alternatives (branches, channels,
    levels, rounds, outcomes), a sub-bullet next to its parent and a run of steps listed again stay apart."""
    steps = procedure.steps
    bodies = [_steps.body(s) for s in steps]  # what the pair model compares
    comparable = set(_comparable(procedure, cues))
    words = [canonical(b, "steps").split() for b in bodies]
    candidates, verbatim_pairs = [], set()
    for i in range(len(steps)):
        for j in range(i + 1, len(steps)):
            if min(word_count(bodies[i]), word_count(bodies[j])) < MIN_MODEL_WORDS:
                continue
            if (i, j) not in comparable:
                continue  # another flow: the list starts over for another case ("Nộp hồ sơ ..." again)
            # A step written again word for word (a verb for its near-synonym at most) in one flow is a repeat
            # whatever the re-check and branch guards say ("kiểm tra lại" for "kiểm tra", "Trường hợp ..." twice).
            verbatim = len(words[i]) >= LONG_STEP_WORDS and _verbatim(words[i], words[j], cues)
            if not verbatim:
                if i in skip or j in skip:
                    continue
                if _steps.is_branch(steps[i]) or _steps.is_branch(steps[j]):
                    continue  # "Trường hợp ...": an alternative or a decision stage of one case, not a step every file passes
            if _is_sub_bullet(without_opener(bodies[i])) != _is_sub_bullet(without_opener(bodies[j])):
                continue  # a sub-bullet details its parent step
            if _parallel(key(bodies[i]), key(bodies[j]), cues):
                continue
            candidates.append((i, j))
            if verbatim:
                verbatim_pairs.add((i, j))
    if not candidates:
        return
    model = packaged_model("steps")
    probability = dict(zip(candidates, model.probabilities([(bodies[i], bodies[j]) for i, j in candidates])))
    # a verbatim repeat is one whatever the model says of the wording (its probability stays the confidence)
    same = verbatim_pairs | {(i, j) for (i, j), p in probability.items()
                             if p >= model.threshold and _same_words(bodies[i], bodies[j], cues)}
    def in_run(i: int, j: int) -> bool:  # a neighbour pair alike too: a flow listed again for another case
        return any(0 <= a < b < len(steps) and a != i and b != j and model.same(bodies[a], bodies[b])
                   for a, b in ((i - 1, j - 1), (i + 1, j + 1)))

    for i, j in sorted(same):
        if j in reported or in_run(i, j):
            continue
        reported.add(j)
        yield rule.finding(
            procedure.code,
            evidence=[_steps.evidence(steps[i], i), _steps.evidence(steps[j], j)],
            confidence=round(float(probability[(i, j)]), 3),
            suggestion_params={"merge": [_steps.number(steps[i], i), _steps.number(steps[j], j)],
                               "similarity": round(float(probability[(i, j)]), 2)},
            first=_steps.number(steps[i], i),
            second=_steps.number(steps[j], j),
            second_text=shorten(bodies[j], 80),
            activity=shorten(_steps.head(steps[i]), 60),
        )


class DuplicateStepParams(RuleParams):
    min_similarity: Similarity  # score (shared action and wording) from which two steps are one
    min_action_overlap: Count  # shared (verb, object) pairs from the NLP pipeline
    confidence_restated: Confidence  # a step's action written again inside the next step
    confidence_base: Confidence
    confidence_shared_action: Confidence  # added when the two steps share their lead action
    confidence_per_similarity: Confidence  # times the wording's similarity
    confidence_max: Confidence


@register("duplicate_step", params=DuplicateStepParams)
def duplicate_steps(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    cues, params = context.resources.cues, rule.params
    skip = _rechecked(procedure, context)
    steps = procedure.steps
    heads_all = [_steps.head(s) for s in steps]
    restated = {j: (i, span) for i, j, span in _restated(procedure, heads_all, skip, cues)}
    for j, (i, span) in sorted(restated.items()):
        yield rule.finding(
            procedure.code,
            evidence=[_steps.evidence(steps[i], i, _steps.head_span(steps[i])), _steps.evidence(steps[j], j, span)],
            confidence=params["confidence_restated"],
            suggestion_params={"merge": [_steps.number(steps[i], i), _steps.number(steps[j], j)], "similarity": 1.0},
            first=_steps.number(steps[i], i),
            second=_steps.number(steps[j], j),
            second_text=shorten(_steps.text(steps[j])[span[0]:span[1]], 80),
            activity=shorten(heads_all[i], 60),
        )
    skip = skip | set(restated)
    heads = [_steps.head(s) for s in steps]
    pairs = [(i, j) for i, j in _candidate_pairs(procedure, heads, skip, cues)
             if not _parallel(key(heads[i]), key(heads[j]), cues)]
    if not pairs:
        yield from _paraphrased(procedure, rule, skip, set(), cues)
        return
    involved = sorted({p for pair in pairs for p in pair})
    # parsed in their keyed form: "KIỂM TRA HỒ SƠ" and "Kiểm tra hồ sơ" must give the same action
    keyed = {p: _plain_head(heads[p]) for p in involved}
    parsed = dict(zip(involved, actions([keyed[p] for p in involved], context.resources)))
    sims = similarity_matrix([heads[p] for p in involved])
    row = {p: n for n, p in enumerate(involved)}
    min_similarity = float(params["min_similarity"])
    min_overlap = int(params["min_action_overlap"])
    scored = {}
    for i, j in pairs:
        similarity = float(sims[row[i], row[j]])
        a, b = lead_action(parsed[i]), lead_action(parsed[j])
        # the same act on the same object by the same actor (none, in titles such as "Rà soát hồ sơ"), and
        # nothing else done in one step only ("xem xét hồ sơ và cấp giấy phép" is not "xem xét hồ sơ")
        same_acts = {v for v, _, _ in parsed[i]} == {v for v, _, _ in parsed[j]}
        shared = [a] if a and b and a[:2] == b[:2] and same_acts and keyed[i][: a[2]] == keyed[j][: b[2]] else []
        # the action decides, the wording confirms: one shared action weighs as much as the whole threshold
        score = (1.0 if len(shared) >= min_overlap else 0.0) * 0.5 + similarity * 0.5
        differing = set(_plain_words(heads[i])) ^ set(_plain_words(heads[j]))
        worded_alike = similarity >= NEAR_IDENTICAL and differing <= _FILLERS and word_count(heads[i]) >= 3
        if score >= min_similarity or worded_alike:
            scored[(i, j)] = (score, similarity, shared)
    reported: set[int] = set()
    yield from _paraphrased(procedure, rule, skip, reported, cues)
    for (i, j), (score, similarity, shared) in sorted(scored.items()):
        if j in reported or _repeated_run(set(scored), i, j):
            continue
        reported.add(j)
        activity = f"{shared[0][0]} {shared[0][1]}" if shared else shorten(heads[i], 60)
        yield rule.finding(
            procedure.code,
            evidence=[_steps.evidence(steps[i], i, _steps.head_span(steps[i])),
                      _steps.evidence(steps[j], j, _steps.head_span(steps[j]))],
            confidence=min(params["confidence_max"], params["confidence_base"] + params["confidence_shared_action"] * bool(shared)
                           + params["confidence_per_similarity"] * similarity),
            suggestion_params={"merge": [_steps.number(steps[i], i), _steps.number(steps[j], j)],
                               "similarity": round(similarity, 2)},
            first=_steps.number(steps[i], i),
            second=_steps.number(steps[j], j),
            second_text=shorten(heads[j], 80),
            activity=activity,
        )


# ---------------------------------------------------------------- handover_chain


def _substance(text: str, cues: Cues) -> str:
    """A keyed step text without what belongs to other steps: purpose clauses ("để thẩm định"), the act
    the file is presented for ("trình lãnh đạo ký") and references to earlier acts ("sau khi ... được ký,")."""
    text = re.sub(r"(?<!\w)(?:sau khi|kể từ)[^,;.]*[,;.]", " ", text)
    text = re.sub(r"(?<!\w)trình\s+(?:[\w-]+\s+){0,8}?(?:ký|phê duyệt|quyết định|xem xét|duyệt|cho ý kiến)(?!\w)", " trình ", text)
    match = cues.pattern("handover", "purpose").search(text)
    return text[: match.start()] if match else text


def _handover_candidate(step, cues: Cues) -> bool:
    body = key(_steps.text(step))
    return word_count(body) <= int(cues.value("handover", "max_words")) and bool(
        cues.pattern("handover", "cues").search(_substance(body, cues)))


def is_handover(step, resources: Resources) -> bool:
    """A pure hand-over: it moves, presents or registers the file (chuyển, trình, vào sổ) and decides
    or examines nothing. Agency and document names are set aside first ("Bộ phận tiếp nhận và trả kết
    quả" names a desk, it does not return a result)."""
    cues = resources.cues
    if not _handover_candidate(step, cues):
        return False
    body = _substance(key(without_names([_steps.text(step)], resources)[0]), cues)
    body = cues.pattern("handover", "cues").sub(" ", body)
    return not cues.pattern("handover", "decisions").search(body)


class HandoverChainParams(RuleParams):
    min_chain: Annotated[int, Field(ge=2)]
    confidence_base: Confidence
    confidence_per_step: Confidence
    confidence_max: Confidence


@register("handover_chain", params=HandoverChainParams)
def handover_chains(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    cues, params = context.resources.cues, rule.params
    min_chain = int(params["min_chain"])
    for flow in _steps.flows(procedure.steps, cues):
        chain: list[int] = []
        for position in [*flow, None]:
            if position is not None and position != flow[0] and is_handover(procedure.steps[position], context.resources):
                chain.append(position)
                continue
            if len(chain) >= min_chain:
                numbers = [_steps.number(procedure.steps[p], p) for p in chain]
                yield rule.finding(
                    procedure.code,
                    evidence=[_steps.evidence(procedure.steps[p], p) for p in chain],
                    confidence=min(params["confidence_max"], params["confidence_base"] + params["confidence_per_step"] * len(chain)),
                    suggestion_params={"merge": numbers},
                    steps=", ".join(str(n) for n in numbers),
                )
            chain = []


# ---------------------------------------------------------------- local_certification

_NEGATED = re.compile(r"(?<!\w)(?:không cần|không phải|không yêu cầu|không được yêu cầu|không bắt buộc)(?!\w)")
_LOOKUP_FALLBACK = re.compile(r"(?<!\w)(?:tra cứu|khai thác|cơ sở dữ liệu)(?!\w)")
# what the certifier is asked to certify starts after one of these ("xác nhận của UBND cấp xã về việc ...")
_FACT_MARKER = re.compile(r"(?<!\w)(?:về việc|về|là|việc)(?!\w)|[(:]")
# ... and ends where the sentence moves on to another act
_FACT_END = re.compile(r"[.;]|(?<!\w)(?:và đề nghị|và gửi|và chuyển|thì|để|sau đó)(?!\w)")
MARKER_WITHIN = 12  # words between the certifier and the start of what it certifies
FACT_WORDS = 12  # words of what it certifies


# a present, lawful residence stated right after the certifier is what it certifies, even without "về"
# ("xác nhận của UBND cấp xã nơi hộ vay đang sinh sống, cư trú hợp pháp")
_STATED_RESIDENCE = re.compile(r"(?<!\w)(?:đang sinh sống|đang cư trú|đang thường trú|cư trú hợp pháp|thường trú hợp pháp)(?!\w)")


def _fact_window(text: str, marker_required: bool) -> str:
    """The words that say what is certified, from the start of ``text`` (right after the certifier)."""
    if marker_required:
        marker = _FACT_MARKER.search(text)
        if not marker or word_count(text[: marker.start()]) > MARKER_WITHIN:
            near = " ".join(text.split()[:FACT_WORDS])
            return near if _STATED_RESIDENCE.search(near) else ""
        text = text[marker.end():]
    end = _FACT_END.search(text)
    return " ".join((text[: end.start()] if end else text).split()[:FACT_WORDS])


def certified_facts(clause: str, cues: Cues, state_data: StateData) -> list[StateHeld]:
    """State-held facts a local authority is asked to certify in a keyed clause.

    Two wordings: "xác nhận của UBND cấp xã [nơi cư trú] về việc / là / (...) <fact>" and "UBND cấp xã
    xác nhận <fact>". Where the certifier sits ("nơi cư trú") is not the fact; a certification the text
    waives, or asks only when the database has no answer, is lawful.
    """
    if _LOOKUP_FALLBACK.search(clause):
        return []
    authority = cues.pattern("local_certification", "authorities")
    certify = cues.pattern("local_certification", "certify")
    found: dict[str, StateHeld] = {}
    for verb in certify.finditer(clause):
        if _NEGATED.search(clause[max(0, verb.start() - 25): verb.start()]):
            continue
        after, before = clause[verb.end():], clause[: verb.start()].rstrip()
        lead = re.match(r"\s*(?:của|do)\s+", after)
        who = authority.match(after, lead.end()) if lead else None
        if who:  # "xác nhận của UBND cấp xã ..."
            window = _fact_window(after[who.end():], marker_required=True)
        elif any(m.end() == len(before) for m in authority.finditer(before)):  # "UBND cấp xã xác nhận ..."
            window = _fact_window(after, marker_required=False)
        else:
            continue
        for fact in state_data.facts:
            if fact.pattern.search(window):
                found.setdefault(fact.id, fact)
    return list(found.values())


BRING_WITHIN = 60  # characters between the bringing verb, the authority and "xác nhận"
_SAME_COMMUNE = re.compile(r"(?<!\w)(?:cấp xã|xã|phường|thị trấn)(?!\w)")


@lru_cache(maxsize=8)
def _bringing(bring: str, authority: str, certify: str) -> re.Pattern[str]:
    """The bring-to-certify pattern, compiled once per set of cue patterns (not per clause)."""
    return re.compile(
        rf"(?:{bring})\s[^.;]{{0,{BRING_WITHIN}}}?(?<!chủ tịch )(?P<authority>{authority})[^.;]{{0,{BRING_WITHIN}}}?(?:{certify})"
        rf"|(?<!\w)xin\s+(?:{certify})\s+(?:của|tại)\s+(?P<asked>{authority})"
        # "sau khi có xác nhận của UBND cấp xã là hộ nghèo trên Danh sách ...", "văn bản đề nghị gia hạn ... có xác nhận
        # của UBND cấp xã": a confirmation the step waits for, or on the applicant's request (not "đã có xác nhận", the
        # stamped slip handed back, nor a body's own record "lập biên bản bàn giao ... có xác nhận của UBND cấp xã")
        rf"|(?:sau khi|đề nghị)\s[^.;]{{0,{2 * BRING_WITHIN}}}?(?<!đã )(?<!\w)có\s+(?:{certify})\s+của\s+(?P<awaited>{authority})")


def brought_for_certification(clause: str, cues: Cues) -> re.Match[str] | None:
    """The applicant takes a paper to a local authority to have it certified, in a keyed step clause ("mang tờ
    khai đến UBND cấp xã để xác nhận", "gửi tới UBND cấp xã xác nhận", "xin xác nhận của UBND cấp xã về ...");
    the match's group "authority" (or "asked") is the certifier. A certification the text waives is not one."""
    pattern = _bringing(*(cues.pattern("local_certification", name).pattern for name in ("bring", "authorities", "certify")))
    for match in pattern.finditer(clause):
        if not _NEGATED.search(clause[max(0, match.start() - 25): match.start()]):
            return match
    return None


def _certified_what(clause: str, match: re.Match[str]) -> str:
    """What the authority is asked to certify, as the text says it after the match, else a neutral label."""
    tail = _fact_window(clause[match.end():], marker_required=True)
    return f"«{shorten(tail, 50)}»" if tail else "nội dung hồ sơ"


class LocalCertificationParams(RuleParams):
    confidence_one_fact: Confidence
    confidence_several_facts: Confidence
    confidence_brought: Confidence  # the applicant takes a paper to the commune for a certification
    confidence_same_authority: Confidence  # ... of the very commune authority that then decides


@register("local_certification", params=LocalCertificationParams)
def local_certifications(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    resources, skip = context.resources, _rechecked(procedure, context)
    title = key(procedure.name)
    for position, step in enumerate(procedure.steps):
        if position in skip:
            continue  # already reported as a re-check
        text = _steps.text(step)
        for start, end in clauses(text):
            facts = [f for f in certified_facts(key(text[start:end]), resources.cues, resources.state_data)
                     if not f.pattern.search(title)]
            if not facts:  # a procedure that issues the certificate itself is not a finding of its own
                found = _brought_finding(procedure, rule, step, position, (start, end), resources.cues)
                if found:
                    yield found
                    break
                continue
            labels = list(dict.fromkeys(f.label for f in facts))
            databases = list(dict.fromkeys(f.database for f in facts))
            yield rule.finding(
                procedure.code,
                evidence=[_steps.evidence(step, position, (start, end))],
                confidence=rule.params["confidence_one_fact"] if len(labels) == 1 else rule.params["confidence_several_facts"],
                suggestion_params={"facts": [f.id for f in facts], "databases": databases},
                where=f"Bước {_steps.number(step, position)}",
                fact=", ".join(labels),
                database=", ".join(databases),
            )
            break


def _brought_finding(procedure: Procedure, rule: Rule, step, position: int, span: tuple[int, int], cues: Cues) -> Finding | None:
    """A commune certification the applicant must fetch inside a step, whatever fact it certifies."""
    clause = key(_steps.text(step)[span[0]:span[1]])
    match = brought_for_certification(clause, cues)
    if match is None or re.search(r"(?<!\w)(?:xác nhận|chứng nhận)(?!\w)", key(procedure.name)):
        return None  # the procedure is the certification itself
    certifier = match.group("authority") or match.group("asked") or match.group("awaited")
    agency = key(procedure.agency or "")
    same = bool(_SAME_COMMUNE.search(certifier)) and bool(_SAME_COMMUNE.search(agency)) and "ủy ban" in agency + certifier
    database = ("hồ sơ của chính Ủy ban nhân dân cấp xã giải quyết thủ tục" if same else
                "hồ sơ của chính quyền địa phương, có thể trao đổi trực tiếp với cơ quan giải quyết")
    return rule.finding(
        procedure.code,
        evidence=[_steps.evidence(step, position, span)],
        confidence=rule.params["confidence_same_authority"] if same else rule.params["confidence_brought"],
        suggestion_params={"facts": [], "databases": [], "certifier": certifier, "same_authority": same},
        where=f"Bước {_steps.number(step, position)}",
        fact=_certified_what(clause, match),
        database=database,
    )


# ---------------------------------------------------------------- local_certification_paper

PAPER_WITHIN = 40  # characters between the authority and the confirmation word ("do UBND cấp xã nơi cư trú xác nhận")
# the paper is itself a named certificate ("Giấy xác nhận khuyết tật ... do Chủ tịch UBND cấp xã xác nhận"): a status
# the commune grants as its own function, held by the applicant (state_held's or nobody's matter), not a confirmation
# fetched for this procedure; "Giấy xác nhận của UBND xã về việc ..." (the head followed by "của") is one
_NAMED_CERTIFICATE = re.compile(r"(?<!\w)giấy (?:xác nhận|chứng nhận) (?!của(?!\w))(?!.*(?<!\w)giấy (?:xác nhận|chứng nhận) của(?!\w))")


@lru_cache(maxsize=8)
def _paper_confirmation(certify: str, officers: str, authority: str) -> re.Pattern[str]:
    """A local authority's confirmation a paper must carry: "xác nhận của [Chủ tịch] UBND cấp xã ..." (group
    ``of``) or "do / được [Chủ tịch] UBND cấp xã ... xác nhận" (group ``by``), compiled once per set of cues."""
    return re.compile(
        rf"(?:{certify})\s+(?:của|do|bởi)\s+(?:(?:{officers})\s+)?(?P<of>{authority})"
        rf"|(?<!\w)(?:do|được)\s+(?:(?:{officers})\s+)?(?P<by>{authority})[^.;]{{0,{PAPER_WITHIN}}}?\s(?:{certify})(?!\w)")


def _one_option(name: str, match: re.Match[str], state_data: StateData) -> bool:
    """The confirmation is one proof among several the applicant chooses from ("gồm một trong các giấy tờ sau: …;
    giấy xác nhận của UBND cấp xã …"), or the applicant may prove the fact itself instead ("hoặc … tự mình chứng minh")."""
    before = name[: match.start()]
    if _FALLBACK_PAPER.search(before):
        return True
    if any(p is not None and p.search(before) for p in (state_data.choice_lists, state_data.proof_lists)):
        return True
    return bool(_SELF_PROOF.search(name[match.end():]))


# the confirmation as the last fallback for another paper ("các loại giấy tờ quy định tại Điều 137 …; hoặc giấy xác
# nhận của Ủy ban nhân dân cấp xã", 1.013231; "giấy tờ chứng minh nhân thân khác … hoặc giấy xác nhận của công an cấp
# xã", 1.014193): for whoever lacks the paper, not asked of everyone; "xác nhận của cơ quan quản lý trực tiếp … hoặc
# xác nhận của chính quyền địa phương nơi cư trú" (one confirmation or another) stays a finding
_FALLBACK_PAPER = re.compile(r"(?<!\w)hoặc\s+(?:bản chính\s+|bản sao\s+)?(?:giấy|văn bản|bản)\s*$")
# an alternative where the applicant proves the fact itself ("Bản xác nhận của UBND cấp xã hoặc người mang thai hộ ...
# tự mình chứng minh về mối quan hệ thân thích", 1.008685)
_SELF_PROOF = re.compile(r"(?<!\w)hoặc(?!\w)[^.;]{0,80}?(?<!\w)(?:tự mình chứng minh|tự chứng minh|tự kê khai|tự khai|cam kết)(?!\w)")


def local_confirmation(name: str, cues: Cues, state_data: StateData | None = None) -> re.Match[str] | None:
    """The local authority's confirmation a paper of the dossier must carry, in its keyed ``name``; None for an
    optional paper ("(nếu có)"), a form of copy ("bản sao có xác nhận của UBND xã"), the record of an event, a
    named certificate the commune grants, or a confirmation the text waives."""
    lc = "local_certification"
    if _LOOKUP_FALLBACK.search(name):
        return None  # asked only when the database has no answer ("không yêu cầu nộp trong trường hợp đã có cơ sở dữ liệu")
    if any(cues.pattern(lc, cue).search(name) for cue in ("paper_optional", "paper_copy_form", "paper_event_record")):
        return None
    pattern = _paper_confirmation(*(cues.pattern(lc, cue).pattern for cue in ("paper_certify", "paper_officers", "authorities")))
    for match in pattern.finditer(name):
        if _NEGATED.search(name[max(0, match.start() - 25): match.start()]):
            continue
        if match.group("by") and _NAMED_CERTIFICATE.search(name[: match.start()]):
            continue
        if state_data is not None and _one_option(name, match, state_data):
            continue
        return match
    return None


class LocalCertificationPaperParams(RuleParams):
    confidence_fact: Confidence  # the paper names a fact a State database holds (residence, family relation)
    confidence: Confidence


@register("local_certification_paper", params=LocalCertificationPaperParams)
def local_certification_papers(procedure: Procedure, rule: Rule, context: DetectionContext) -> Iterator[Finding]:
    """One finding per procedure: every paper of the dossier that must carry a commune/ward confirmation."""
    from analyzer.detect.finding import Evidence

    resources = context.resources
    cues, agency = resources.cues, key(procedure.agency or "")
    if _SAME_COMMUNE.search(agency) and cues.pattern("local_certification", "authorities").search(agency):
        return  # the commune itself receives and decides: the confirmation is its own verification
    evidence: list[Evidence] = []
    facts: dict[str, StateHeld] = {}
    for n, case in enumerate(procedure.cases):
        for index, document in enumerate(case.documents):
            name = key(document.name)
            match = local_confirmation(name, cues, resources.state_data)
            if match is None or any(e.text == document.name for e in evidence):
                continue
            evidence.append(Evidence(field="documents", case=n, index=index, text=document.name))
            window = _fact_window(name[match.end():], marker_required=True)
            for fact in resources.state_data.facts:
                if fact.pattern.search(window):
                    facts.setdefault(fact.id, fact)
    if not evidence:
        return
    labels = list(dict.fromkeys(f.label for f in facts.values()))
    databases = list(dict.fromkeys(f.database for f in facts.values()))
    held = f"; {', '.join(labels)} đã có trong {', '.join(databases)}" if facts else ""
    yield rule.finding(
        procedure.code,
        evidence=evidence,
        confidence=rule.params["confidence_fact"] if facts else rule.params["confidence"],
        suggestion_params={"facts": list(facts), "databases": databases, "items": len(evidence)},
        count=len(evidence),
        item=shorten(evidence[0].text, 90),
        held=held,
    )
