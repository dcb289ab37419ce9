"""Reported speech: the clause a speech verb reports ('she said the plan was dead'), what someone calls for
or calls on others to do ('called on the government to act'), and 'according to X'."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from transforms.nlp.doc_cache import doc_tokens
from transforms.nlp.quotes.article import _Article
from transforms.nlp.quotes.lexicon import (
    CALLING_PREPOSITIONS,
    CALLING_VERBS,
    DIRECTIVE_VERBS,
    NEEDS_SUBJECT,
    OBJECT_REPORT_VERBS,
    QUOTE_ADJACENT_VERBS,
    SPEECH_VERBS,
)
from transforms.nlp.quotes.quote import Quote
from transforms.nlp.quotes.references import ORGANISATION_KINDS, ROLE_NOUNS
from transforms.nlp.quotes.subjects import SUBJECT_DEPS, _subject_of

# Pronouns for someone who can ask for something ('they called for', not 'it calls for').
ASKING_PRONOUNS = frozenset("i we you he she they who".split())
# Subjects that stand for a thing or a situation, never for someone who speaks ("it seems", "that is").
IMPERSONAL_PRONOUNS = frozenset("it this that these those there which what".split())
# Fewest words of a reported clause worth storing ("said so" is not a report).
MIN_REPORTED_TOKENS = 3
# How far (in tokens) past a reported clause's last token a second clause of the same verb may start and still be
# part of the report: right after it, or with one token (a comma, 'and') between.
MAX_CLAUSE_GAP_TOKENS = 2
# Tokens before a clause looked at for the comma (or dash) that sets it off: right before it, or before its 'and'.
COMMA_LOOKBACK_TOKENS = 2


@dataclass
class _Report:
    """Reported speech found by its cue: a speech verb's clause, or the rest of an 'according to' sentence."""

    cue: Token
    start: int
    end: int
    source: Span | None = None  # the 'according to' phrase's source
    inverted: bool = False  # the speaker after the cue: 'CLAUSE, reported The New York Times'


def _reported_clauses(article: _Article) -> list[_Report]:
    """The reported clause of every speech verb outside quote marks."""
    clauses = []
    for verb in doc_tokens(article.doc):
        if verb.pos_ not in ("VERB", "AUX") or article.inside_marks[verb.idx]:
            continue
        if verb.lemma_ in SPEECH_VERBS or verb.lemma_ in DIRECTIVE_VERBS or _calling_preposition(verb) is not None:
            if verb.lemma_ in NEEDS_SUBJECT and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
                continue
            report = _report_of(article, verb)
            if report is not None:
                clauses.append(report)
        elif _quotes_in_its_clause(article, verb):
            # 'He implied the judge was "hostile"': the quote marks show the clause gives someone's
            # words, whatever the verb, and the verb's subject is whose.
            report = _report_of(article, verb)
            if report is not None:
                clauses.append(report)
    return clauses


def _quotes_in_its_clause(article: _Article, verb: Token) -> bool:
    """The verb has a subject that can speak and a complement clause with words both in and out of
    quote marks ('it seems the plan is "dead"' gives words the subject never said)."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subject = _subject_of(verb, article.inside_marks)
    if subject is None or subject.lower_ in IMPERSONAL_PRONOUNS:
        return False
    inside = [article.inside_marks[t.idx] for t in clause.subtree if not t.is_punct]
    return any(inside) and not all(inside)


def _report_of(article: _Article, verb: Token) -> _Report | None:
    """'X said (that) CLAUSE' → the clause; 'CLAUSE, X said' / 'A, X said, B' → the rest of the sentence;
    with whether the speaker comes after the cue ('CLAUSE, reported The New York Times')."""
    inverted = False
    clause = _reported_clause(verb)
    if clause is not None:
        tokens = _clause_tokens(clause)
        # 'say they don’t yet know …' can come out as two clauses side by side: take both.
        for sibling in verb.children:
            if (
                sibling.dep_ == "ccomp"
                and sibling.i > clause.i
                and tokens
                and sibling.left_edge.i <= tokens[-1].i + MAX_CLAUSE_GAP_TOKENS
            ):
                more = _clause_tokens(sibling)
                tokens = list(verb.doc[tokens[0].i : max(tokens[-1].i, more[-1].i) + 1])
    elif (called := _called_for(verb)) is not None:
        tokens = called  # 'called for a delay', 'called on the government to scrap the plan'
    elif verb.lemma_ in OBJECT_REPORT_VERBS and (reported_object := _reported_object(verb)) is not None:
        # 'The campaign denied any wrongdoing': what is denied, announced or stressed is the report.
        tokens = list(reported_object.subtree)
    elif (before := _report_before_inverted_cue(article, verb)) is not None:
        tokens, inverted = before, True
    elif verb.dep_ == "parataxis" and verb.head.i != verb.i and _is_parenthetical(article, verb):
        # The speech verb is a parenthetical of the clause it reports.
        skip = {t.i for t in verb.subtree}
        sentence = article.sentence(verb)
        tokens = [t for t in verb.head.subtree if t.i not in skip and sentence.start <= t.i < sentence.end]
        tokens = _trim(tokens)
        if tokens:
            tokens = list(article.doc[tokens[0].i : tokens[-1].i + 1])
    else:
        return None
    if clause is not None and tokens:
        tokens = _with_fronted_part(article, verb, clause, tokens)
    tokens = _trim(tokens)
    if len([t for t in tokens if not t.is_punct]) < MIN_REPORTED_TOKENS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if "\n" in article.text[start:end] or (
        start <= verb.idx < end and clause is not None and not tokens[0].i < verb.i < tokens[-1].i
    ):
        return None
    return _Report(verb, start, end, inverted=inverted)


def _calling_preposition(verb: Token) -> Token | None:
    """The "for" or "on" right after a verb of calling ('called for', 'calling on')."""
    if verb.lemma_ not in CALLING_VERBS or verb.i + 1 >= len(verb.doc):
        return None
    after = verb.doc[verb.i + 1]
    return after if after.lower_ in CALLING_PREPOSITIONS and after.head.i == verb.i else None


def _called_for(verb: Token) -> list[Token] | None:
    """What someone who can speak asks for with a verb of calling: the object of its "for", or of its "on"
    with the infinitive after it ('called for a delay', 'called on the government to scrap the plan', 'called
    for Peter Hain to make a statement'); not 'The forecast calls for rain', 'called on a friend'."""
    preposition = _calling_preposition(verb)
    thing = next((c for c in preposition.children if c.dep_ == "pobj"), None) if preposition is not None else None
    subject = _subject_of(verb)
    if thing is None or subject is None or not _can_ask(subject):
        return None
    last = thing.right_edge.i
    asked = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > last), None)
    to_do = asked is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in asked.children)
    if preposition is not None and preposition.lower_ == "on" and not to_do:
        return None
    if asked is not None and to_do:
        last = _clause_tokens(asked)[-1].i
    return list(verb.doc[thing.left_edge.i : last + 1])


def _can_ask(subject: Token) -> bool:
    """A person, a body, a people or a group of people, by name, pronoun, or a noun for one: not a thing."""
    return (
        subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or subject.lower_ in ASKING_PRONOUNS
        or subject.tag_ in ("NNS", "NNPS", "NNP")
        or subject.lower_ in ORGANISATION_KINDS
        or subject.lower_ in ROLE_NOUNS
    )


def _report_before_inverted_cue(article: _Article, verb: Token) -> list[Token] | None:
    """'She had volunteered for several charities, reported The New York Times.': a cue after a comma whose
    object is a name with nothing but punctuation after it (the sentence's end, or a comma before an aside
    such as ', citing police sources') has its speaker after it and its report before the comma."""
    doc = article.doc
    sentence = article.sentence(verb)
    if verb.i - 1 <= sentence.start or doc[verb.i - 1].text != ",":
        return None
    name = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if name is None or name.ent_type_ not in ("ORG", "PERSON"):
        return None
    last = max(t.i for t in name.subtree)
    if last + 1 < sentence.end and not doc[last + 1].is_punct:
        return None
    return list(doc[sentence.start : verb.i - 1])


def _is_parenthetical(article: _Article, verb: Token) -> bool:
    """'X, he said, Y.' / 'X, he said.': the cue and its subject, set off by commas, with no object of its own."""
    doc = article.doc
    if _subject_of(verb) is None or any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return False
    block = [t for t in verb.subtree]
    while block and block[0].is_punct:
        block.pop(0)
    while block and block[-1].is_punct:
        block.pop()
    if not block:
        return False
    sentence = article.sentence(verb)
    before = doc[block[0].i - 1] if block[0].i > sentence.start else None
    after = doc[block[-1].i + 1] if block[-1].i + 1 < sentence.end else None
    return (
        before is not None
        and before.text in (",", "”", '"', "''")
        and (after is None or after.text in (",", ".", "!", "?", ";", "“", '"', "''"))
    )


def _with_fronted_part(article: _Article, verb: Token, clause: Token, tokens: list[Token]) -> list[Token]:
    """The report's own words before the parenthetical cue: 'In a general election …, those Democrats
    argued, black voters would turn out' and 'who urged the party to …' keep what comes first."""
    doc = article.doc
    if verb.lemma_ in DIRECTIVE_VERBS and clause.dep_ == "xcomp":
        # 'urged Silicon Valley to find a compromise': the one urged is part of the report.
        target = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and verb.i < c.i < clause.i), None)
        if target is not None:
            return list(doc[target.left_edge.i : tokens[-1].i + 1])
        return tokens
    subject = _subject_of(verb)
    sentence = article.sentence(verb)
    if subject is None or subject.i > verb.i or clause.i < verb.i or verb.i + 1 >= len(doc):
        return tokens
    before_subject = subject.left_edge.i - 1
    parenthetical = doc[verb.i + 1].text == "," and before_subject > sentence.start and doc[before_subject].text == ","
    if not parenthetical:
        return tokens
    return list(doc[sentence.start : tokens[-1].i + 1])


def _reported_object(verb: Token) -> Token | None:
    """The verb's direct object after it, when it is a thing said and not a person spoken of."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ == "PRON" or obj.ent_type_ in ("PERSON", "ORG", "DATE", "TIME"):
        return None
    return obj


def _reported_clause(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    # "told Trump that …" is sometimes parsed with the clause under the object or an xcomp.
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj"):
            for grandchild in child.children:
                if grandchild.dep_ == "ccomp":
                    return grandchild
    if verb.lemma_ in DIRECTIVE_VERBS:
        for child in verb.children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return child
    return None


def _reports_with_that(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _clause_tokens(head: Token) -> list[Token]:
    """The clause under ``head``, without what the parser hung on it but belongs to the main sentence:
    a coordinated clause with its own subject after a comma (', and he railed …') and a speech
    participle after a comma (', saying …'); never past a paragraph break."""
    cut = len(head.doc)
    for child in head.children:
        if child.i <= head.i:
            continue
        after_comma = any(
            t.text in (",", ";", "—", "–")
            for t in head.doc[max(head.i, child.left_edge.i - COMMA_LOOKBACK_TOKENS) : child.left_edge.i]
        )
        # ', but that the DNC's blocking was …' is more of the report: its 'that' says so.
        reported_too = _reports_with_that(child)
        if (
            child.dep_ == "conj"
            and after_comma
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
            and not reported_too
        ):
            cut = min(cut, child.left_edge.i)
        elif (
            child.dep_ in ("advcl", "xcomp", "conj")
            and child.tag_ == "VBG"
            and after_comma
            and child.lemma_ in QUOTE_ADJACENT_VERBS
        ):
            cut = min(cut, child.left_edge.i)
        elif (
            child.dep_ == "conj"
            and child.lemma_ in SPEECH_VERBS
            and _reports_with_that(head)
            and any(c.dep_ == "ccomp" and _reports_with_that(c) for c in child.children)
        ):
            # 'said that many countries support it and stressed that funding was …': the parser hangs the
            # speaker's next report on the first; two "that" clauses side by side are two reports (not 'said the
            # minister resigned and admitted that …', the minister's own admission), the "and" neither's.
            start = child.left_edge.i
            cut = min(cut, start - 1 if head.doc[start - 1].dep_ == "cc" else start)
    tokens = [t for t in head.subtree if t.i < cut]
    # Keep the clause contiguous around its head.
    run = [head]
    by_index = {t.i: t for t in tokens}
    i = head.i - 1
    while i in by_index and "\n" not in by_index[i].text:
        run.insert(0, by_index[i])
        i -= 1
    i = head.i + 1
    while i in by_index and "\n" not in by_index[i].text:
        run.append(by_index[i])
        i += 1
    return run


def _trim(tokens: list[Token]) -> list[Token]:
    # 'that' introduces the report; 'whether' and 'if' are part of a reported question.
    while tokens and (
        tokens[0].dep_ == "mark" and tokens[0].lower_ == "that" or tokens[0].is_punct or tokens[0].is_space
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _report_holding(reports: list[_Report], quote: Quote) -> int | None:
    """The report a partial quote opens in (the innermost), if any."""
    best = None
    for index, report in enumerate(reports):
        if report.start <= quote.start - 1 <= report.end and (
            best is None or report.end - report.start < reports[best].end - reports[best].start
        ):
            best = index
    return best


def _according_to_reports(article: _Article) -> list[_Report]:
    """'…, according to X.' → the rest of the sentence, said by X."""
    doc = article.doc
    reports = []
    for token in doc_tokens(doc):
        if token.lower_ != "according" or article.inside_marks[token.idx]:
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        source_tokens = list(to.subtree)[1:]
        while source_tokens and (source_tokens[-1].is_punct or source_tokens[-1].is_space):
            source_tokens.pop()
        if not source_tokens:
            continue
        sentence = article.sentence(token)
        phrase_start, phrase_end = token.i, source_tokens[-1].i + 1
        left = [t for t in sentence if t.i < phrase_start]
        right = [t for t in sentence if t.i >= phrase_end]
        content = left if len(left) >= len(right) else right
        between_commas = (
            phrase_start > sentence.start
            and doc[phrase_start - 1].text == ","
            and phrase_end < sentence.end
            and doc[phrase_end].text == ","
        )
        if between_commas and len([t for t in left if not t.is_punct]) >= 2 and len(right) >= MIN_REPORTED_TOKENS:
            # 'That's bad, according to Rubio, because …': the report is on both sides of its cue.
            content = list(sentence)
        while content and (content[-1].is_punct or content[-1].is_space):
            content = content[:-1]
        while content and (content[0].is_punct or content[0].is_space):
            content = content[1:]
        if len(content) < MIN_REPORTED_TOKENS:
            continue
        start, end = content[0].idx, content[-1].idx + len(content[-1].text)
        if "\n" in article.text[start:end]:
            continue
        reports.append(_Report(token, start, end, doc[source_tokens[0].i : source_tokens[-1].i + 1]))
    return reports
