"""The entry point: one parsed article and its entities → its quotes and the pronoun mentions they resolved."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from spacy.tokens import Doc

from transforms.nlp.doc_cache import doc_text
from transforms.nlp.entities import Entity
from transforms.nlp.name_spans import Mention
from transforms.nlp.quotes.article import _Article
from transforms.nlp.quotes.context import _attribute_by_context
from transforms.nlp.quotes.lexicon import NAMING_VERBS
from transforms.nlp.quotes.marks import _char_mask, _mark_at, find_quote_marks
from transforms.nlp.quotes.quote import Quote, _new_quote
from transforms.nlp.quotes.quoted import _is_title, _join_partials_of_one_cue, _marked_quote
from transforms.nlp.quotes.reported import _according_to_reports, _report_holding, _reported_clauses
from transforms.nlp.quotes.speakers import _SpeakerResolver


def extract_quotes(
    doc: Doc, entities: list[Entity], capitals: Mapping[str, str] = MappingProxyType({})
) -> tuple[list[Quote], list[Mention]]:
    """Quotes of one article, and the pronoun mentions their attribution resolved; ``capitals``: each capital's
    country, which speaks by its capital's name ("Pyongyang said")."""
    body = doc_text(doc)
    marked = find_quote_marks(body)
    inside_marks = _char_mask(len(body), marked)
    article = _Article(doc, inside_marks)
    resolver = _SpeakerResolver(article, entities, capitals)

    reports = _reported_clauses(article) + _according_to_reports(article)
    marked_quotes = [_marked_quote(article, start, end, resolver) for start, end in marked]
    # A title or name in quote marks ('the "Fantastic Four" reboot', 'on MSNBC's "Morning Joe"') is no
    # quote, unless someone gives it as a name ('called it "Crooked Hillary"').
    marked_quotes = [
        q
        for q in marked_quotes
        if not (
            q.kind == "partial"
            and _is_title(q.text)
            # cue_start is set with cue (and cue is read from it), so it stands for "has a cue".
            and (q.cue_start is None or article.doc[article.token_of_char[q.cue_start]].lemma_ not in NAMING_VERBS)
        )
    ]
    quotes: list[Quote] = []
    mixed: set[int] = set()
    for quote in marked_quotes:
        holder = _report_holding(reports, quote) if quote.kind == "partial" else None
        if holder is None:
            quotes.append(quote)
            continue
        mixed.add(holder)
        report = reports[holder]
        if quote.end > report.end:
            # The quote runs on past the clause the parser saw ('said the ruling was "… Bible. The
            # threat … is very clear."'): the report runs to the quote's end.
            report.end = quote.end
    for index, report in enumerate(reports):
        if index not in mixed:
            overlapping = [q for q in marked_quotes if q.start - 1 < report.end and report.start < q.end + 1]
            for quote in overlapping:
                # 'According to X, "…"': the report's cue and speaker are the quote's.
                if quote.kind == "direct" and quote.attribution == "unresolved" and report.cue.idx < quote.start:
                    resolver.attribute_report(quote, report)
            if overlapping:
                continue
        end = report.end
        if index in mixed:
            # A clause that ends where a quote inside it ends keeps that quote's closing mark.
            if any(q.end == end for q in marked_quotes):
                end += len(_mark_at(article.text, end) or "")
        quote = _new_quote(article, report.start, end, "mixed" if index in mixed else "indirect")
        resolver.attribute_report(quote, report)
        quotes.append(quote)
    quotes.sort(key=lambda q: (q.start, q.end, q.speaker_text is None))
    # Two cues can report the same words ('said and added that …'): one quote, the first attributed.
    quotes = [
        q
        for i, q in enumerate(quotes)
        if i == 0 or (q.start, q.end, q.kind) != (quotes[i - 1].start, quotes[i - 1].end, quotes[i - 1].kind)
    ]
    quotes = _join_partials_of_one_cue(article, quotes)
    resolver.know_quotes(quotes)
    _attribute_by_context(article, quotes, resolver)
    # A partial quote nobody is found to say is a scare quote or a borrowed term ('the "temporary"
    # tax'), not someone's words.
    quotes = [q for q in quotes if not (q.kind == "partial" and q.speaker_text is None)]
    for quote in quotes:
        if quote.speaker_entity_index in resolver.country_of_capital:
            # 'Pyongyang said … It said': the capital, named or referred to, speaks for its country.
            quote.speaker_entity_index = resolver.country_of_capital[quote.speaker_entity_index]
    return quotes, resolver.pronoun_mentions
