"""Speaker resolution: a cue verb's subject to a speaker mention and entity.  A pronoun or a description as
the subject waits until every quote is known, then ``references`` says whom it stands for."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType

from spacy.tokens import Span, Token

from transforms.nlp.doc_cache import doc_tokens
from transforms.nlp.entities import Entity, name_of
from transforms.nlp.gender import FEMALE_PRONOUNS, MALE_PRONOUNS
from transforms.nlp.name_spans import HONORIFICS, POST_NOMINALS, TITLE_HEADS, Mention, company_named_by
from transforms.nlp.quotes.article import _Article
from transforms.nlp.quotes.lexicon import CUE_OBJECT_NOUNS, EXPRESSING_VERBS, PASSIVE_NOT_SPEAKER_VERBS
from transforms.nlp.quotes.quote import Quote
from transforms.nlp.quotes.references import (
    PEOPLE_VOICE_NOUNS,
    PLURAL_TAGS,
    ROLE_NOUNS,
    SPOKESPERSON_NOUNS,
    ReferenceResolver,
    in_brackets,
    is_national_of,
)
from transforms.nlp.quotes.reported import _Report
from transforms.nlp.quotes.subjects import (
    SUBJECT_DEPS,
    _inverted_speaker,
    _subject_of,
    quoted_source,
    reporter_above,
)

RELATIVE_PRONOUNS = frozenset(("who", "that", "which"))
# Subjects that can have said a partial quote in their clause: people, groups and bodies.
SPEAKING_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | frozenset(("i", "we", "they"))
SPEAKING_LABELS = frozenset(("PERSON", "ORG", "NORP"))
# Plural words for people who hold seats in a body: a name ending in one is its members, not the body.
MEMBERS_NOUNS = frozenset(
    "congressmen congresswomen lawmakers legislators senators mps meps councillors delegates".split()
)
# What a dateline or time stamp before a sentence is tagged as.
DATELINE_LABELS = frozenset(("GPE", "LOC", "DATE", "TIME"))


class _SpeakerResolver:
    """Turns a cue verb into a speaker mention and entity."""

    def __init__(
        self, article: _Article, entities: list[Entity], capitals: Mapping[str, str] = MappingProxyType({})
    ) -> None:
        self.article = article
        # 'Pyongyang said': a capital speaks for its country, when the article names the country.
        country_index = {e.name: i for i, e in enumerate(entities) if e.label == "GPE"}
        self.country_of_capital = {
            i: country_index[capitals[e.name]]
            for i, e in enumerate(entities)
            if e.label == "GPE" and capitals.get(e.name) in country_index
        }
        self.doc = article.doc
        self.inside_marks = article.inside_marks
        self.entity_at: dict[int, tuple[int, Mention]] = {}
        for index, entity in enumerate(entities):
            for mention in entity.mentions:
                for char in range(mention.start, mention.end):
                    self.entity_at[char] = (index, mention)
        self.entities = entities
        # Names of the people and bodies that can speak, casefolded: "the information commissioner's office"
        # is the Information Commissioner's Office met before, whatever its case.
        self.names = {
            name_of(m.text).casefold(): index
            for index, entity in enumerate(entities)
            if entity.label in SPEAKING_LABELS and len(entity.name.split()) > 1
            for m in entity.mentions
            if m.mention_type in ("full_name", "partial_name")
        }
        # A surname the model did not tag where it speaks ("Pontikes reiterated that …") is the one person the
        # article named in full with it ("Chairman Kenneth Pontikes"); two people of one surname leave it open.
        people_by_surname: dict[str, set[int]] = {}
        for index, entity in enumerate(entities):
            if entity.label == "PERSON" and len(entity.name.split()) > 1:
                people_by_surname.setdefault(entity.name.split()[-1].casefold(), set()).add(index)
        self.surnames = {surname: next(iter(found)) for surname, found in people_by_surname.items() if len(found) == 1}
        self.references = ReferenceResolver(
            article, entities, self.entity_at, _gender_evidence(article, self.entity_at, entities)
        )
        self.pronoun_mentions: list[Mention] = []
        # Pronouns and descriptions wait for every quote to be known: a name inside someone's words is not
        # what a pronoun refers to.  After ``know_quotes`` they are resolved at once.
        self.pending: list[tuple[Quote, Token]] = []
        self.quotes_known = False

    def attribute(self, quote: Quote, verb: Token, inverted: bool = False) -> None:
        cue_tokens = [verb]
        if verb.lemma_ in EXPRESSING_VERBS:
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_ in CUE_OBJECT_NOUNS), None)
            if obj is not None:
                cue_tokens = [t for t in self.doc[verb.i : obj.i + 1]]
        quote.cue_start, quote.cue_end = cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1].text)
        quote.cue = self.article.text[quote.cue_start : quote.cue_end]
        # A subject inside the quote marks is the parser reading the quote as the clause's subject.
        subject = _inverted_speaker(verb, self.inside_marks) if inverted else _subject_of(verb, self.inside_marks)
        if subject is not None and not inverted and not self._speaks(subject):
            # A thing that cannot speak ('the film', 'his comments') as the subject of the clause the cue
            # hangs from is the parser's attachment; the one reporting that clause is speaking on.
            reporter = reporter_above(verb, self.inside_marks)
            if reporter is not None and self._speaks(reporter):
                subject = reporter
        quoted = None if inverted else quoted_source(verb)
        if quoted is not None and not self.inside_marks[quoted.idx]:
            subject = quoted
        if subject is not None and not inverted:
            subject = self._person_in_apposition(subject)
        if subject is not None and subject.dep_ == "nsubjpass" and verb.lemma_ in PASSIVE_NOT_SPEAKER_VERBS:
            # 'Trump was asked, "…"', 'Blunkett has been accused of using the "politics of confusion"': the
            # one asked or accused is not the speaker; the agent ('by a reporter') is.
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subject is not None and subject.i < verb.i and (_is_dateline(subject) or in_brackets(subject)):
            # 'LONDON (Reuters) - Donald Trump said', 'Saturday at the convention Sen. Warren said': the
            # parser took the (upper-case) dateline, its agency in brackets or the day for the subject; a
            # name nearer the verb is the speaker ('(Reuters) - North Korea said': a country speaks too).
            labels = SPEAKING_LABELS | {"GPE"} if in_brackets(subject) else SPEAKING_LABELS
            named = [
                t for t in self.doc[subject.i + 1 : verb.i] if t.ent_type_ in labels and not self.inside_marks[t.idx]
            ]
            subject = _noun_described(named[-1], verb) if named else subject
        if subject is None and verb.i > 0:
            # 'with finance minister Herve Gaymard telling parliament: "…"': a cue right after a name has
            # that name for its subject, however the parser read the clause.
            before = self.doc[verb.i - 1]
            if before.ent_type_ in SPEAKING_LABELS and not self.inside_marks[before.idx]:
                subject = before
            else:
                subject = self._named_after_quote(verb)
        if subject is None:
            return
        self._set_speaker(quote, subject, "explicit")

    def _named_after_quote(self, verb: Token) -> Token | None:
        """'"…," Kris Hoce, president of Morton Plant Hospital, said': the parser may hang the name on the
        quote; the first person's name between the quote's close and the verb, else the first name, is who
        speaks (a body after it in apposition is where they work)."""
        start = verb.i
        while start > 0 and not self.inside_marks[self.doc[start - 1].idx] and not self.doc[start - 1].is_quote:
            if self.doc[start].is_sent_start:
                return None  # no quote closes before the verb in its sentence
            start -= 1
        if start == 0 or start == verb.i:
            return None
        named = [t for t in self.doc[start : verb.i] if t.ent_type_ in SPEAKING_LABELS]
        if not named:
            return None
        # "Japan's Ambassador to the United Nations, Koro Bessho, told": a person named there is the speaker.
        people = [t for t in named if t.ent_type_ == "PERSON"]
        last_word = (people or named)[0]
        while last_word.i + 1 < verb.i and self.doc[last_word.i + 1].ent_iob_ == "I":
            last_word = self.doc[last_word.i + 1]
        return last_word

    def _person_in_apposition(self, subject: Token) -> Token:
        """'The chairman of the Bar Council, Guy Mansfield QC warned': with no comma to close the
        apposition the parser gives the verb a second subject right after the first; the person named in
        it is the speaker."""
        if self._is_person(subject):
            return self._first_of_people_joined(subject)
        holder = self._holder_named_in_apposition(subject)
        if holder is not None:
            return holder
        named_last = self._holder_named_last(subject)
        if named_last is not None and self.doc[_first_word_of_name(named_last).i - 1].lower_ in TITLE_HEADS:
            # 'Essential Guide to British Quangos 2005 author Dan Lewis said': a subject that ends in a role
            # word and a person's name is that person, however the parser hung the name.
            return named_last
        second = next((c for c in subject.head.children if c.dep_ in SUBJECT_DEPS and c.i > subject.i), None)
        if second is None or self.inside_marks[second.idx]:
            return subject
        between = self.doc[subject.right_edge.i + 1 : second.left_edge.i]
        if any(t.text != "," for t in between) or self.doc[second.left_edge.i - 1].text != ",":
            return subject
        named = next((t for t in second.subtree if self._is_person(t)), None)
        return subject if named is None else named

    def _first_of_people_joined(self, subject: Token) -> Token:
        """'Agriculture Secretary Richard Lyng and Trade Representative Clayton Yeutter said': two people joined
        by "and" say it together, and the first named stands for both, however the parser hung the names."""
        before = [t for t in subject.subtree if t.i < subject.i]
        joined = any(t.lower_ == "and" for t in before)
        # ('Edu's brother and representative Amadeo Fensao': whose brother is no one joined.)
        first = next((t for t in before if self._is_person(t) and t.ent_iob_ != "" and t.dep_ != "poss"), None)
        if not joined or first is None:
            return subject
        while first.i + 1 < subject.i and self.doc[first.i + 1].ent_iob_ == "I":
            first = self.doc[first.i + 1]  # the name's last word, where the entity's mention is found
        return first

    def _holder_named_in_apposition(self, subject: Token) -> Token | None:
        """'The head of the Israeli Labor Party, Yitzhak Herzog, voiced …', 'A representative for Thurman,
        Leslie Sloane, said': the parser hangs the name on the description's last noun, but a person named
        between commas at the end of a role's description is the one who holds it."""
        if subject.lower_ not in ROLE_NOUNS | SPOKESPERSON_NOUNS | PEOPLE_VOICE_NOUNS:
            return None
        named = [
            t
            for t in subject.subtree
            if t.dep_ == "appos" and t.i > subject.i and self.doc[t.left_edge.i - 1].text == "," and self._is_person(t)
        ]
        if not named or any(not t.is_punct for t in self.doc[named[-1].right_edge.i + 1 : subject.right_edge.i + 1]):
            return self._holder_named_last(subject)
        return named[-1]

    def _holder_named_last(self, subject: Token) -> Token | None:
        """ "Labour's deputy minister for women Jacqui Smith said": a name right after the last noun of a role's
        description, with no comma, ends the subject and holds the role ('the lawyer for John Smith' has
        no noun before the name: Smith is whom the lawyer acts for)."""
        last = subject.right_edge
        if last.text in POST_NOMINALS and last.i > subject.i + 1:
            last = self.doc[last.i - 1]  # 'Peter Ainsworth MP': the letters after the name are no part of it
        if last.i <= subject.i or not self._is_person(last) or last.ent_iob_ == "":
            return None
        before = self.doc[_first_word_of_name(last, subject.i).i - 1]
        # ('Chairman of the Environmental Audit Committee Peter Ainsworth': a role's body ends its description.)
        ends_description = before.pos_ == "NOUN" or (before.ent_type_ == "ORG" and subject.lower_ in TITLE_HEADS)
        if before.i <= subject.i or not ends_description or any(t.is_punct for t in self.doc[subject.i : last.i]):
            return None
        return last

    def _is_person(self, token: Token) -> bool:
        found = self._entity_in(token)
        return found is not None and self.entities[found[0]].label == "PERSON"

    def clause_with_speaking_subject(self, start: int, end: int) -> Token | None:
        """The nearest verb above a quote whose subject, outside the quote, is a person or a body that
        speaks: in 'Ramos believes in journalism that "takes sides"' the words are Ramos's."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        node = span.root
        while node.head.i != node.i:
            node = node.head
            if node.pos_ not in ("VERB", "AUX") or start <= node.idx < end:
                continue
            subject = _subject_of(node, self.inside_marks)
            if (
                subject is not None
                and not subject.left_edge.idx <= start < subject.right_edge.idx + 1
                and self._speaks(subject)
            ):
                return node
        return None

    def _speaks(self, subject: Token) -> bool:
        if subject.lower_ in SPEAKING_PRONOUNS:
            return True
        found = self._entity_in(subject)
        return found is not None and self.entities[found[0]].label in SPEAKING_LABELS

    def attribute_report(self, quote: Quote, report: _Report) -> None:
        if report.source is not None:
            self.attribute_to_phrase(quote, report.cue, report.source)
        else:
            self.attribute(quote, report.cue, inverted=report.inverted)

    def attribute_to_phrase(self, quote: Quote, cue: Token, source: Span) -> None:
        quote.cue_start, quote.cue_end = cue.idx, cue.idx + len("according to")
        quote.cue = self.article.text[quote.cue_start : quote.cue_end]
        self._set_speaker(quote, source.root, "according_to")

    def _set_speaker(self, quote: Quote, head: Token, attribution: str) -> None:
        head = _name_before_ticker(head)
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.head.i:
            # 'Weaver, who said …': the speaker is named by 'who', and is whoever 'who' stands for.
            antecedent = head.head.head
            found = self._entity_in(antecedent)
            if found is None and head.lower_ == "who":
                # 'Chairman Beryl Sprinkel who told …': "who" is a person, the one named right before it,
                # whatever noun the parser hung the clause on.
                found = self._person_right_before(head)
            quote.speaker_start, quote.speaker_end, quote.speaker_text = head.idx, head.idx + len(head.text), head.text
            if found is None and antecedent.pos_ == "NOUN" and antecedent.i < head.i:
                # 'said an REM spokesman, who added …': whom the description the clause is about stands for,
                # found as for any description ("who" stays the words at the quote).
                self._refer(quote, antecedent)
                return
            if found is not None:
                quote.speaker_entity_index = found[0]
                quote.attribution = "pronoun"
            return
        if head.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS or head.pos_ == "PRON":
            quote.speaker_start, quote.speaker_end = head.idx, head.idx + len(head.text)
            quote.speaker_text = head.text
            self._refer(quote, head)
            return
        # 'the American said', 'the Scot said': a person called by where they are from, not the people.
        found = None if is_national_of(head) else self._entity_in(head)
        if found is not None and _names_a_group(head, found[1], self.entities[found[0]]):
            # 'Republicans said', 'Arbitrageurs said': members of a group, not a body speaking as one; a
            # party's name the reference knows ('the Tories') is the party.
            quote.speaker_start, quote.speaker_end, quote.speaker_text = found[1].start, found[1].end, found[1].text
            quote.attribution = attribution
            return
        if found is not None:
            found = self._person_of_body(found)
            index, mention = found
            quote.speaker_start, quote.speaker_end, quote.speaker_text = mention.start, mention.end, mention.text
            quote.speaker_entity_index = index
            quote.speaker_role = role_without_honorifics(mention.role)
            quote.attribution = attribution
            return
        # A nominal speaker ("the spokesman", "a senior official"): keep the phrase; whom it stands for, if
        # anyone, is decided once every quote is known (references.py).
        phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "punct", "acl", "prep", "appos") or t is head]
        phrase = [t for t in phrase if phrase[0].i <= t.i <= head.i]
        # Never across a paragraph break ('6:10 p.m.¶About four in 10 voters').
        breaks = [t.i for t in phrase if "\n" in t.text]
        phrase = [t for t in phrase if not breaks or t.i > max(breaks)]
        quote.speaker_start, quote.speaker_end = phrase[0].idx, head.idx + len(head.text)
        quote.speaker_text = self.article.text[quote.speaker_start : quote.speaker_end]
        quote.attribution = attribution
        named = self.names.get(name_of(quote.speaker_text).casefold())
        if named is None and len(phrase) == 1 and head.is_title:
            named = self.surnames.get(head.lower_)
        if named is not None:
            # "The information commissioner's office said": a name the article gave before, in other case.
            quote.speaker_entity_index = named
            return
        self._refer(quote, head)

    def _person_of_body(self, found: tuple[int, Mention]) -> tuple[int, Mention]:
        """'Rabbi Jacob Lusk of Temple Beth Shalom said': a body named after a person's name and "of" is where
        the person is from; the person speaks (the parser may make the body the subject)."""
        if self.entities[found[0]].label == "PERSON":
            return found
        first = self.article.token_of_char[found[1].start]
        if first < 2 or self.doc[first - 1].lower_ != "of":
            return found
        before = self.entity_at.get(self.doc[first - 2].idx)
        if before is not None and self.entities[before[0]].label == "PERSON":
            return before
        return found

    def know_quotes(self, quotes: list[Quote]) -> None:
        """Every quote of the article is known: resolve the pronouns and descriptions waiting for it."""
        spoken = list(self.inside_marks)
        for quote in quotes:
            spoken[quote.start : quote.end] = [True] * (quote.end - quote.start)
        self.references.know_spoken(spoken)
        for quote in quotes:
            if quote.speaker_entity_index is not None and quote.speaker_start is not None:
                self.references.know_speaker(quote.speaker_start, quote.speaker_end or quote.speaker_start)
        self.quotes_known = True
        # In text order: "the spokesman" is whoever the spokesman met before was.
        for quote, head in sorted(self.pending, key=lambda pending: pending[1].idx):
            self._resolve(quote, head)
        self.pending = []

    def _refer(self, quote: Quote, head: Token) -> None:
        if self.quotes_known:
            self._resolve(quote, head)
        else:
            self.pending.append((quote, head))

    def _resolve(self, quote: Quote, head: Token) -> None:
        is_pronoun = head.pos_ == "PRON" or head.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS
        found = self.references.pronoun(head) if is_pronoun else self.references.description(head)
        if found is None:
            return
        quote.attribution = found.attribution
        if is_pronoun and self._is_a_group(found.entity_index):
            # 'Bankers said … They warned': "they" stands for members of a group, which has no entity.
            return
        quote.speaker_entity_index = found.entity_index
        if not is_pronoun:
            if found.by_role:
                # 'The foreign secretary said': the description is the role the article gives him here.
                quote.speaker_role = role_without_honorifics(
                    " ".join(t.text for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss"))
                )
            return
        mention = Mention(
            start=head.idx,
            end=head.idx + len(head.text),
            text=head.text,
            label=self.entities[found.entity_index].label,
            sentence_index=self.article.sentence_of[head.i],
            mention_type="pronoun",
            entity_index=found.entity_index,
        )
        if not any(m.start == mention.start for m in self.pronoun_mentions):
            self.pronoun_mentions.append(mention)

    def _is_a_group(self, index: int) -> bool:
        """Every mention of the entity is one plural word the model took for a name ('Bankers')."""
        entity = self.entities[index]
        heads = [
            (self.doc[self.article.token_of_char[m.start]], m)
            for m in entity.mentions
            if m.start < len(self.article.text) and self.article.token_of_char[m.start] >= 0
        ]
        return bool(heads) and all(_names_a_group(head, mention, entity) for head, mention in heads)

    def _person_right_before(self, relative: Token) -> tuple[int, Mention] | None:
        """The person whose name ends right before a relative pronoun, a comma between or not."""
        before = relative.i - 1
        if before >= 0 and self.doc[before].text == ",":
            before -= 1
        if before < 0:
            return None
        found = self.entity_at.get(self.doc[before].idx)
        return found if found is not None and self.entities[found[0]].label == "PERSON" else None

    def _entity_in(self, head: Token) -> tuple[int, Mention] | None:
        """The entity named by the subject's head, else by its appositive ('a spokesman, Brian Fallon'); a
        person named in apposition outranks the body before them ('The United Nations emergency relief
        coordinator Jan Egeland' is Egeland speaking).

        Not a possessive or compound: "Trump's spokesman" and "the Clinton campaign" are not Trump or Clinton."""
        named = [
            found
            for token in [head, *_appositives(head)]
            if (
                found := next(
                    (self.entity_at[c] for c in range(token.idx, token.idx + len(token.text)) if c in self.entity_at),
                    None,
                )
            )
            is not None
        ]
        people = [found for found in named if self.entities[found[0]].label == "PERSON"]
        best = people or named
        return best[0] if best else None


def _name_before_ticker(head: Token) -> Token:
    """'Acme Holdings Plc <ACME.L> said': the parser makes the wire's stock ticker in angle brackets (or its
    closing bracket) the subject; the company is the name before it."""
    doc = head.doc
    if 2 <= head.i < len(doc) - 1 and doc[head.i - 1].text == "<" and doc[head.i + 1].text == ">":
        return doc[head.i - 2]
    if head.text == ">" and head.i >= 3 and doc[head.i - 2].text == "<":
        return doc[head.i - 3]
    return head


def _first_word_of_name(last: Token, floor: int = 0) -> Token:
    """The first word of the model's name whose last word is ``last``, not before token ``floor``."""
    first = last
    while first.i > floor and first.ent_iob_ == "I":
        first = first.doc[first.i - 1]
    return first


def _appositives(head: Token) -> list[Token]:
    """The head's appositives that rename it ('a spokesman, Brian Fallon'), not a name the parser hung on it
    past a relative clause or a colon ('The actor, whose films include … Star Wars: The Phantom Menace')."""
    doc = head.doc
    return [
        c
        for c in head.children
        if c.dep_ == "appos"
        and doc[c.left_edge.i - 1].text != ":"
        and not any(r.dep_ == "relcl" and head.i < r.i < c.i for r in head.children)
    ]


def _noun_described(name: Token, verb: Token) -> Token:
    """'SAN JOSE, Costa Rica — Costa Rican investigators said': a name found before the verb that describes a
    noun is not who speaks; the people the noun names are."""
    while name.dep_ in ("amod", "compound") and name.head.i < verb.i and name.head.pos_ in ("NOUN", "PROPN"):
        name = name.head
    return name


def _is_dateline(subject: Token) -> bool:
    """A place, day or time, or a word in capitals that names no speaker ('LONDON', not 'B&B')."""
    return subject.ent_type_ in DATELINE_LABELS or (
        subject.is_upper and len(subject.text) > 1 and subject.ent_type_ not in SPEAKING_LABELS
    )


# 'MPs', 'MEPs', 'CEOs': a short form in the plural names members, however it was tagged.
PLURAL_SHORT_FORM = re.compile(r"[A-Z]{2,}s")


def _names_a_group(head: Token, mention: Mention, entity: Entity) -> bool:
    """One plural word the model took for a name ('Republicans', 'MPs'), unless it is a short form ('GOP') or
    a name the reference tables know; or a name that ends in people holding seats ('The Republican
    Congressmen', 'Labour MPs'): members of a body, not the body.  A surname that looks plural is still the
    person the article named in full ('Bruce Arians … Arians said', 'Kenneth Janes … Janes said')."""
    if entity.name_is_canonical or mention.end != head.idx + len(head.text):
        return False
    if entity.label == "PERSON" and len(entity.name.split()) > 1:
        return False
    if any(company_named_by(head.text, m.text) for m in entity.mentions):
        return False  # 'Dixons said' after '<Dixons Group PLC>': the company, named by its first word
    if head.lower_ in MEMBERS_NOUNS and head.idx > mention.start:
        return True
    return (
        (head.tag_ in PLURAL_TAGS or PLURAL_SHORT_FORM.fullmatch(head.text) is not None)
        and head.idx == mention.start
        and not head.text.isupper()
    )


def _gender_evidence(
    article: _Article, entity_at: dict[int, tuple[int, Mention]], entities: list[Entity]
) -> dict[int, str]:
    """Gender of person entities from the pronouns that refer back to them.

    A he/his or she/her outside quotes, in a sentence whose subject is a named
    person, refers to that person in wire copy, unless another person is named between them ('Thurman said
    Tarantino told her he …': "he" is Tarantino's); the majority decides, and a tie leaves the gender unknown.
    """
    inside_marks = article.inside_marks
    tokens = doc_tokens(article.doc)
    votes: dict[int, Counter[str]] = {}
    for sent in article.sentences:
        sentence_tokens = tokens[sent.start : sent.end]
        subjects = [
            t
            for t in sentence_tokens
            if t.dep_ in SUBJECT_DEPS
            and t.idx in entity_at
            and entities[entity_at[t.idx][0]].label == "PERSON"
            and not inside_marks[t.idx]
        ]
        if not subjects:
            continue
        subject_index = entity_at[subjects[0].idx][0]
        for token in sentence_tokens:
            if token.i <= subjects[0].i or inside_marks[token.idx]:
                continue
            if token.idx in entity_at and entity_at[token.idx][0] != subject_index:
                if entities[entity_at[token.idx][0]].label == "PERSON":
                    break  # the pronouns after another person may be theirs
                continue
            if token.lower_ in MALE_PRONOUNS:
                votes.setdefault(subject_index, Counter())["male"] += 1
            elif token.lower_ in FEMALE_PRONOUNS:
                votes.setdefault(subject_index, Counter())["female"] += 1
    return {
        index: "male" if counts["male"] > counts["female"] else "female"
        for index, counts in votes.items()
        if counts["male"] != counts["female"]
    }


def role_without_honorifics(role: str | None) -> str | None:
    """'Mr' is no role; 'Tory leader' is.  None when nothing is left."""
    if not role:
        return None
    words = [w for w in role.split() if w.lower().rstrip(".") not in HONORIFICS]
    return " ".join(words) or None
