"""Direct quotes with no cue of their own, attributed from the text around them: a colon above, the quote
before, or a bare cue sentence right before."""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.nlp.gender import FEMALE_PRONOUNS, MALE_PRONOUNS
from transforms.nlp.name_spans import Mention, name_head
from transforms.nlp.quotes.article import _Article
from transforms.nlp.quotes.lexicon import FRAMING_VERBS, QUOTE_ADJACENT_VERBS
from transforms.nlp.quotes.quote import Quote
from transforms.nlp.quotes.speakers import _SpeakerResolver, role_without_honorifics
from transforms.nlp.quotes.subjects import _subject_of

# The longest opening mark ('' or ``): a quote whose text starts within this many characters of its paragraph's
# start opens the paragraph.
LONGEST_MARK_CHARS = 2


def _attribute_by_context(article: _Article, quotes: list[Quote], resolver: _SpeakerResolver) -> None:
    """Direct quotes with no cue of their own.

    - a paragraph opening with a quote after a paragraph that ends in a colon ('Caddell continued:')
      takes that clause's verb as its cue;
    - a quote in the same paragraph as an attributed quote before it ('"…," he said. "…"'), or in a
      paragraph of nothing but quotation right after one, or opening the paragraph after the one it is in
      with no one else named between (the body the speaker works for, named where the speaker is, is no
      one else), or in the next paragraph after narrative about the speaker alone (their name or a pronoun
      of their known gender as a subject), continues that quote's speaker;
    - else a sentence of nothing but a cue right before it ('Tyler said. "…"') is its cue;
    - else the person named as the subject of the narrative sentence right before it, in its paragraph, is
      its speaker ('Coach Gareth Lloyd, however, wants to rest his players. "…"').
    """
    previous: Quote | None = None
    for quote in quotes:
        if quote.attribution == "unresolved" and quote.kind == "direct":
            cue = _colon_cue_above(article, quote)
            if cue is not None:
                resolver.attribute(quote, cue)
            elif previous is not None and _continues(article, previous, quote, resolver):
                quote.speaker_text, quote.speaker_start, quote.speaker_end = (
                    previous.speaker_text,
                    previous.speaker_start,
                    previous.speaker_end,
                )
                quote.speaker_entity_index = previous.speaker_entity_index
                quote.attribution = "carried_over"
            else:
                cue = _bare_cue_before(article, quote)
                if cue is not None:
                    resolver.attribute(quote, cue)
                elif (subject := _person_introduced_before(article, quote, resolver)) is not None:
                    quote.speaker_text = article.text[subject[1].start : subject[1].end]
                    quote.speaker_start, quote.speaker_end = subject[1].start, subject[1].end
                    quote.speaker_entity_index = subject[0]
                    quote.speaker_role = role_without_honorifics(subject[1].role)
                    quote.attribution = "introduced"
        if quote.speaker_text is not None or quote.speaker_entity_index is not None:
            previous = quote


def _person_introduced_before(
    article: _Article, quote: Quote, resolver: _SpeakerResolver
) -> tuple[int, Mention] | None:
    """'Coach Gareth Lloyd, however, wants to rest his players. "There is nothing more …"': the person
    named as the subject of the narrative sentence right before a quote with no cue, in its paragraph."""
    sentence = _narrative_sentence_before(article, quote)
    # the quote follows the sentence: no narrative of its own between ('… is alleged to have told him: "…"')
    if sentence is None or article.text[sentence.end_char : quote.start].strip(" \n\"“'`"):
        return None
    subject = _subject_of(sentence.root, article.inside_marks)
    if subject is None or subject.dep_ != "nsubj":
        return None  # 'John Smith was jailed for life.': the one acted on is not who speaks next
    people = {
        found[0]: found
        for token in subject.subtree
        if (found := resolver.entity_at.get(token.idx)) is not None
        and resolver.entities[found[0]].label == "PERSON"
        and _stands_for_subject(name_head(token), subject)
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _stands_for_subject(head: Token, subject: Token) -> bool:
    """The name is the subject, in apposition to it or joined to it ('the union leader, Ann Roe,'), or one
    it names by example ('the coaches, such as Ann Roe,'); not whose or of whom ('The family of Ann Roe')."""
    if head.i == subject.i:
        return True
    if head.dep_ in ("appos", "conj") and head.head.i == subject.i:
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.head.i == subject.i


def _narrative_sentence_before(article: _Article, quote: Quote) -> Span | None:
    """The sentence right before the quote's, in its paragraph, when it holds no quoted words."""
    opening = article.token_before(quote.start)
    if opening is None or article.sentence_of[opening.i] == 0:
        return None
    sentence = article.sentences[article.sentence_of[opening.i] - 1]
    if sentence.start_char < article.paragraphs[article.paragraph_index(quote.start)][0] or any(
        article.inside_marks[t.idx] or t.text in ('"', "“", "”", "''") for t in sentence
    ):
        return None
    return sentence


def _bare_cue_before(article: _Article, quote: Quote) -> Token | None:
    sentence = _narrative_sentence_before(article, quote)
    if sentence is None:
        return None
    root = sentence.root
    bare = (
        root.lemma_ in FRAMING_VERBS
        and root.pos_ == "VERB"
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children)
    )
    return root if bare and _subject_of(root, article.inside_marks) is not None else None


def _continues(article: _Article, previous: Quote, quote: Quote, resolver: _SpeakerResolver) -> bool:
    paragraph = article.paragraph_index(quote.start)
    previous_paragraph = article.paragraph_index(previous.start)
    if paragraph == previous_paragraph:
        # '"…," he said. But Unison's Dave Prentis criticised the plans. "…"': someone else named as the
        # subject of a sentence between them is who the narrative turned to.
        return not _someone_else_is_subject(
            article, resolver, previous, _end_of_attribution(article, previous), quote.start
        )
    if paragraph - article.paragraph_index(previous.end) != 1:
        return False
    p_start, p_end = article.paragraphs[paragraph]
    outside = "".join(article.text[i] for i in range(p_start, p_end) if not article.inside_marks[i])
    if not outside.strip(" .,\"“”«»'"):
        return True
    # A paragraph that opens with a quote of no cue, right after a paragraph with a speaker's words, is that
    # speaker going on ('…"build anew their alliance".¶"All of us …," then the narrative):
    # unless someone else was named between them.
    opens = quote.start - p_start <= LONGEST_MARK_CHARS
    if opens:
        return not _someone_else_named(article, resolver, previous, _end_of_attribution(article, previous), p_start)
    # 'He then progressed to crutches … "Walking without the crutches seemed like …"': the next paragraph's
    # narrative, about the speaker alone, leads into more of their words.
    start = _end_of_attribution(article, previous)
    return not _someone_else_named(article, resolver, previous, start, quote.start) and _speaker_is_subject(
        article, resolver, previous, p_start, quote.start
    )


def _speaker_is_subject(article: _Article, resolver: _SpeakerResolver, previous: Quote, start: int, end: int) -> bool:
    """``previous``'s speaker, by name or by a pronoun of their known gender, is a clause's subject between
    ``start`` and ``end``, outside quote marks."""
    speaker = previous.speaker_entity_index
    if speaker is None:
        return False
    gender = resolver.references.gender.get(speaker)
    # (With the gender unknown a "he" or "she" may be anyone: 'his wife … she now cares for him'.)
    pronouns = MALE_PRONOUNS if gender == "male" else FEMALE_PRONOUNS if gender == "female" else frozenset()
    for token in article.doc.char_span(start, end, alignment_mode="contract") or ():
        if token.dep_ not in ("nsubj", "nsubjpass") or article.inside_marks[token.idx]:
            continue
        found = resolver.entity_at.get(token.idx)
        if token.lower_ in pronouns or (found is not None and found[0] == speaker):
            return True
    return False


def _end_of_attribution(article: _Article, quote: Quote) -> int:
    """Where the sentence that says who spoke the quote ends: the body they work for, named in it ('…," said
    Michael Moran, analyst at Daiwa Securities.'), is no one else speaking."""
    last = article.token_before(max(quote.end, quote.speaker_end or 0, quote.cue_end or 0))
    return quote.end if last is None else max(quote.end, article.sentence(last).end_char)


def _someone_else_named(article: _Article, resolver: _SpeakerResolver, previous: Quote, start: int, end: int) -> bool:
    """A person or organisation other than ``previous``'s speaker is named between ``start`` and ``end``,
    outside quote marks."""
    for char in range(start, end):
        found = resolver.entity_at.get(char)
        if (
            found is not None
            and not article.inside_marks[char]
            and found[0] != previous.speaker_entity_index
            and resolver.entities[found[0]].label in ("PERSON", "ORG")
        ):
            return True
    return False


def _someone_else_is_subject(
    article: _Article, resolver: _SpeakerResolver, previous: Quote, start: int, end: int
) -> bool:
    """A person or organisation other than ``previous``'s speaker is a clause's subject between ``start`` and
    ``end``, outside quote marks."""
    for char in range(start, end):
        found = resolver.entity_at.get(char)
        if (
            found is None
            or found[1].start != char
            or article.inside_marks[char]
            or found[0] == previous.speaker_entity_index
            or resolver.entities[found[0]].label not in ("PERSON", "ORG")
            or article.token_of_char[char] < 0
        ):
            continue
        if name_head(article.doc[article.token_of_char[char]]).dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def _colon_cue_above(article: _Article, quote: Quote) -> Token | None:
    paragraph = article.paragraph_index(quote.start)
    p_start = article.paragraphs[paragraph][0]
    if paragraph == 0 or quote.start - p_start > LONGEST_MARK_CHARS:
        return None
    above_start, above_end = article.paragraphs[paragraph - 1]
    if not article.text[above_start:above_end].endswith(":"):
        return None
    colon = article.token_before(above_end)
    if colon is None:
        return None
    sentence = article.sentence(colon)
    verbs = [t for t in sentence if t.pos_ == "VERB" and t.idx >= above_start and not article.inside_marks[t.idx]]
    speech = [t for t in verbs if t.lemma_ in QUOTE_ADJACENT_VERBS]
    with_subject = [t for t in verbs if _subject_of(t) is not None]
    cues = speech or with_subject
    return cues[-1] if cues else None
