"""spaCy entities → mentions clustered into canonical entities, within one article.

spaCy's small model is right about *where* names are far more often than
about *what* they are ("Takaichi said" comes out ORG or GPE), so the cluster
decides the label: a surname joins the full name it abbreviates, and a
cluster with a full PERSON name is a person.  Where each name starts and ends
within the model's span is ``name_spans``'s.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from transforms.ids import entity_id_for, stable_id
from transforms.nlp.doc_cache import doc_ents, doc_sentence_of, doc_text, doc_tokens
from transforms.nlp.gender import gender_of_words, role_words
from transforms.nlp.name_spans import (
    HONORIFICS,
    ORGANISATION_NAME_ENDS,
    POSSESSIVE_ENDINGS,
    PUBLIC_BODY_NOUNS,
    Mention,
    company_named_by,
    is_generic_body,
    is_legal_form,
    mention_from_span,
    surname_of,
)

# Labels under which the model puts names that can stand for a person, a body or a place by one word; a lone
# word under another label ('Wendt' taken for a product) joins only a person's full name.
NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
# Last words of a public body's name, which a country right before it belongs to ('U.S. Naval Observatory').
PUBLIC_BODY_ENDS = PUBLIC_BODY_NOUNS | frozenset("bureau service authority institute observatory board".split())
# How long a word may be that is an organisation's initials ('Bat', 'Opec'): longer ones are names.
INITIALS_AS_WORD_LETTERS = (3, 5)
# Words before a place that use it as a place ('a plant in Texas', 'flew to Houston').
PLACE_PREPOSITIONS = frozenset("in at near from to outside across around throughout into".split())
# A lone word right after a full name that ends or starts with it is that name's ("Moon Seong Mook … Moon
# said"), within this many sentences, whatever the word stood for before.
JUST_NAMED_SENTENCES = 3
# Articles a model's span may take in front of a name ("an All Nippon Airways flight"): no name starts with a
# lower-case article.
ARTICLES_TO_DROP = ("the ", "The ", "an ", "a ")
# A lone word this long that misspells a person's surname by one letter is that person (shorter names are
# too often other names: Bell and Ball).
MISSPELT_SURNAME_LETTERS = 7
# A government body whose full name puts its kind first ("Department of Agriculture") but is often written
# with it last ("Agriculture Department"); its initials follow the full name (USDA).
OFFICE_NAMED_FIRST = frozenset(("Department", "Ministry"))


@dataclass
class Entity:
    """A cluster of mentions within one article."""

    name: str
    label: str
    mentions: list[Mention] = field(default_factory=list)
    # Names from the reference alias table, or given by a rule ("Mrs Howard"), are final: the cluster must not
    # rename them.
    name_is_canonical: bool = False
    # Named by a description ("the finance ministry", institutions.py), not by a proper name.
    is_description: bool = False

    @property
    def scope(self) -> str:
        """A person known here by one name only ("Smith", "Mrs Smith") is this article's Smith, not every
        Smith's; "the finance ministry" of one story is not that of another."""
        named = [w for w in self.name.split() if w.lower().rstrip(".") not in HONORIFICS]
        if self.is_description or (self.label == "PERSON" and len(named) == 1):
            return "article"
        return "global"

    def entity_id(self, article_id: str) -> str:
        if self.scope == "article":
            return stable_id("ent", "article", article_id, self.label, self.name.casefold())
        return entity_id_for(self.name, self.label)


@dataclass(frozen=True)
class Reference:
    """Lookup tables from seeds/reference, keyed by exact surface form."""

    # alias → (canonical, label): countries ("U.S." → United States) and parties ("Tories" → Conservative Party)
    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    country_codes: dict[str, str] = field(default_factory=dict)  # canonical country name → ISO alpha-2
    demonym_codes: dict[str, str] = field(default_factory=dict)  # "Japanese" → "JP"
    # capital → its country's canonical name: "Pyongyang said" is North Korea speaking
    capitals: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        country_alias_rows: Sequence[Mapping[str, str]],
        demonym_rows: Sequence[Mapping[str, str]] = (),
        organisation_alias_rows: Sequence[Mapping[str, str]] = (),
        capital_rows: Sequence[Mapping[str, str]] = (),
    ) -> Reference:
        """From the rows of seeds/reference/country_aliases.csv (alias, canonical, label, iso2),
        demonyms.csv (demonym, canonical, iso2), organisation_aliases.csv (alias, canonical, label) and
        capitals.csv (capital, country)."""
        return cls(
            {row["alias"]: (row["canonical"], row["label"]) for row in [*country_alias_rows, *organisation_alias_rows]},
            {row["canonical"]: row["iso2"] for row in country_alias_rows if row.get("iso2")},
            {row["demonym"]: row["iso2"] for row in demonym_rows if row.get("iso2")},
            {row["capital"]: row["country"] for row in capital_rows},
        )

    def country_code(self, name: str, label: str) -> str | None:
        if label == "GPE":
            return self.country_codes.get(name)
        if label == "NORP":
            return self.demonym_codes.get(name)
        return None


def extract_entities(doc: Doc, reference: Reference, missed: Sequence[Span] = ()) -> list[Entity]:
    """Canonical entities of one article, each with its mentions in text order.  ``missed``: names the model
    did not tag (or tagged only in part: 'Swiss' of 'Swiss Re'), which replace the entities they overlap."""
    sentence_of = doc_sentence_of(doc)
    taken = {i for span in missed for i in range(span.start, span.end)}
    spans = sorted(
        [
            *(
                part
                for ent in doc_ents(doc)
                if not any(i in taken for i in range(ent.start, ent.end))
                for part in _split_at_bracket(ent)
            ),
            *missed,
        ],
        key=lambda span: span.start,
    )
    spans = _joined_organisation_names(doc, spans)
    candidates = [
        m for m in (mention_from_span(span, sentence_of, reference.aliases) for span in spans) if m is not None
    ]
    # 'a plant in Texas': a place named as one, which no company named after it ('Texas Instruments Inc') is.
    placed = frozenset(
        m.start for m in candidates if m.label == "GPE" and _word_before(doc, m.start) in PLACE_PREPOSITIONS
    )
    entities = _fold_bracketed_short_forms(doc_text(doc), cluster_mentions(candidates, reference, placed))
    _add_missed_repeats(doc, entities, sentence_of)
    return entities


def _joined_organisation_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """Two organisation spans the model split at a name's own "for" or "and" are one name: 'U.S. Agency' for
    'International Development' (a body's word, then "for"), 'the World Travel' and 'Tourism Council' (one
    article for both, then "and", the second ending in a body's word and the first not: 'IBM and Apple' and
    'Bradford & Bingley and All-Nippon Airways' stay two)."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label_ == "GPE"
            and span.label_ == "ORG"
            and span.start == previous.end
            and span[-1].lower_ in PUBLIC_BODY_ENDS
        ):
            # 'the United States' + 'Anti-Doping Agency': a country right before a public body's name is the
            # first word of that name (the body's initials, "USADA", then fold into it).
            joined[-1] = Span(doc, previous.start, span.end, label="ORG")
            continue
        if previous is not None and previous.label_ == span.label_ == "ORG" and span.start == previous.end + 1:
            link = doc[previous.end].lower_
            first_end, second_end = previous[-1].lower_, span[-1].lower_
            by_for = link == "for" and first_end in ORGANISATION_NAME_ENDS
            by_and = (
                link == "and"
                and previous[0].lower_ == "the"  # one article for the whole name
                and second_end in ORGANISATION_NAME_ENDS
                and first_end not in ORGANISATION_NAME_ENDS
            )
            if by_for or by_and:
                joined[-1] = Span(doc, previous.start, span.end, label="ORG")
                continue
        joined.append(span)
    return joined


def _split_at_bracket(ent: Span) -> list[Span]:
    """'International Labour Organisation (ILO': the model's span ran on into the short form in brackets after a
    name; the name and its short form are two mentions (folded into one entity after clustering)."""
    opening = next((t.i for t in ent if t.text == "(" and ent.start < t.i < ent.end - 1), None)
    if opening is None:
        return [ent]
    doc = ent.doc
    closing = next((t.i for t in doc[opening + 1 : ent.end] if t.text == ")"), ent.end)
    return [Span(doc, ent.start, opening, label=ent.label_), Span(doc, opening + 1, closing, label=ent.label_)]


def _word_before(doc: Doc, char: int) -> str | None:
    """The word right before the token at ``char``, lower case."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return doc[span.start - 1].lower_ if span is not None and span.start > 0 else None


def _fold_bracketed_short_forms(text: str, entities: list[Entity]) -> list[Entity]:
    """'Bradford & Bingley (B&B)', 'U.S. Agency for International Development (USAID)': a short form in
    brackets right after a name is that name, there and wherever the article uses it again; so is a stock
    ticker in angle brackets right after a company's name, as wires print it ('Acme Mining Corp <AMC>')."""
    owner_by_end = {m.end: e for e in entities for m in e.mentions}
    folded: set[int] = set()
    for entity in entities:
        for mention in entity.mentions:
            owner = owner_by_end.get(mention.start - len(" ("))
            before, after = text[mention.start - 2 : mention.start], text[mention.end : mention.end + 1]
            bracketed_short_form = (
                before == " ("
                and after == ")"
                and _is_short_form(mention.text)
                and owner is not None
                and _abbreviates(mention.text, owner.name)
            )
            # (The owner may be a company the model took for a person: it is relabelled later.)
            ticker = (
                before == " <"
                and after == ">"
                and owner is not None
                and (owner.label == "ORG" or is_legal_form(owner.name.split()[-1]))
            )
            if (
                owner is not None
                and owner is not entity
                and id(owner) not in folded
                and (bracketed_short_form or ticker)
            ):
                for moved in entity.mentions:
                    moved.mention_type = "partial_name"
                owner.mentions.extend(entity.mentions)
                owner.mentions.sort(key=lambda m: m.start)
                folded.add(id(entity))
                break
    kept = [e for e in entities if id(e) not in folded]
    for index, entity in enumerate(kept):
        for mention in entity.mentions:
            mention.entity_index = index
    return kept


def _abbreviates(short: str, name: str) -> bool:
    """The short form's letters are initials of the name's words, in order ('USAID': U.S. Agency for
    International Development; 'ANA': All-Nippon Airways), so 'WASHINGTON (AP)' is not one name."""
    initials = [word[0].upper() for word in re.split(r"[\s\-.&]+", name) if word]
    position = 0
    for letter in (c for c in short if c.isalpha()):
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return True


def _is_short_form(text: str) -> bool:
    """One word of capitals (and '&', '.', '-'), as abbreviations are written: B&B, USAID, ANA, U.N."""
    letters = [c for c in text if c.isalpha()]
    return " " not in text and len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_initials_written_as_word(text: str) -> bool:
    """'Bat', 'Opec', 'Unison': initials in a word's capitals, three to five letters."""
    return INITIALS_AS_WORD_LETTERS[0] <= len(text) <= INITIALS_AS_WORD_LETTERS[1] and text.isalpha() and text.istitle()


def _names_someone(token: Token) -> bool:
    """A proper noun, or a capitalised word the tagger took for a plural noun ('"…," Akers said') away from a
    sentence's start, where capitals say nothing."""
    return token.pos_ == "PROPN" or (token.tag_ == "NNS" and token.is_title and not token.is_sent_start)


def _add_missed_repeats(doc: Doc, entities: list[Entity], sentence_of: list[int]) -> None:
    """Name tokens NER skipped that repeat a person's surname or one-word name ("Takaichi said …", "Edu is
    now able …") or an organisation's short form or one-word name ("But B&B - which has …", "Gazprom has
    announced") join that person or organisation."""
    repeated: dict[str, int] = {}  # surname, one-word name or short form → index of the first entity with it
    for position, entity in enumerate(entities):
        if entity.label == "PERSON":
            repeated.setdefault(surname_of(entity.name.split()), position)  # 'Takaichi'; 'Edu', a one-word name
        elif entity.label == "ORG":
            for mention in entity.mentions:
                name = name_of(mention.text)
                if _is_short_form(name) or (" " not in name and name.istitle()):  # 'B&B'; 'Gazprom'
                    repeated.setdefault(name, position)
    covered = {c for entity in entities for m in entity.mentions for c in range(m.start, m.end)}
    for token in doc_tokens(doc):
        index = repeated.get(token.text)
        if index is None or token.idx in covered or not _names_someone(token):
            continue
        entity = entities[index]
        entity.mentions.append(
            Mention(
                start=token.idx,
                end=token.idx + len(token.text),
                text=token.text,
                label=entity.label,
                sentence_index=sentence_of[token.i],
                mention_type="partial_name",
                entity_index=index,
            )
        )
        entity.mentions.sort(key=lambda m: m.start)


def cluster_mentions(
    mentions: list[Mention], reference: Reference, placed: frozenset[int] = frozenset()
) -> list[Entity]:
    """Group mentions into entities: aliases first, then full names, then surnames onto full names.  ``placed``:
    the starts of place mentions the text uses as places ('in Texas')."""
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    # 'US Pew Research Center' is also 'Pew Research', and 'MDA' its 'U.S. Missile Defense Agency': a country
    # named before a body's name says whose it is and may be left out.
    country_words = frozenset(alias for alias, (_, label) in reference.aliases.items() if label == "GPE")
    names = _NameIndex(country_words)

    def add(mention: Mention, key: str, name: str, label: str, canonical: bool = False) -> None:
        entity = by_key.get(key)
        if entity is None:
            entity = Entity(name=name, label=label, name_is_canonical=canonical)
            by_key[key] = entity
            entities.append(entity)
        entity.mentions.append(mention)
        names.add(entity, mention)

    single_tokens: list[Mention] = []
    for mention in mentions:
        name = name_of(mention.text)
        # Exact case: "US" is the country, "us" is a pronoun; "Turkey" is a country, "turkey" a bird.
        alias = reference.aliases.get(name) or reference.aliases.get(mention.text)
        if alias:
            canonical, label = alias
            add(mention, f"alias:{canonical.casefold()}", canonical, label, canonical=True)
        elif len(name.split()) == 1:
            single_tokens.append(mention)
        else:
            add(mention, name.casefold(), name, mention.label)

    for mention in single_tokens:
        name = name_of(mention.text)
        target = names.full_name_for(name, mention) or names.expansion_of(name, mention.label, mention.start)
        if target is None and (surname := names.misspelt_surname(name)) is not None:
            target = names.full_name_for(surname, mention)  # 'Daveport said' after Lindsay Davenport
        if (
            target is not None
            and mention.label == "GPE"
            and not _is_full_person_name(target)
            and not any(m.label == "GPE" for m in target.mentions)
            and (mention.start in placed or not _is_company_first_word(name, target))
        ):
            # 'Seoul said … Seoul Railway Station': a place is not the station, airport or company named after it
            # (a surname taken for a place, 'Hankey said', is still the person named in full; the first word of
            # a company named with its legal form, 'Newmont' of "Newmont Mining Corp", is that company: the
            # model takes many a company's coined name for a town).
            target = None
        if (
            target is not None
            and mention.label not in NAME_LABELS
            and not _is_full_person_name(target)
            and not (mention.label != "LOC" and _is_company_first_word(name, target))
        ):
            # 'Rainer Wendt … Wendt says' with "Wendt" taken for a product: a lone word of another kind joins a
            # person's full name only (a product, law or place that shares a word with a company is its own), or
            # a company named with its legal form ('Dome' after "Dome Petroleum Ltd", whatever the model took
            # it for but a geographic place: 'the Delta' of a river).
            target = None
        if target is not None:
            mention.mention_type = "partial_name"
            target.mentions.append(mention)
            names.add(target, mention)
        else:
            add(mention, name.casefold(), name, mention.label)
    entities = _fold_short_organisation_names(entities, country_words)
    entities = _fold_person_name_tails(entities)
    entities = _split_clashing_honorifics(entities)

    for index, entity in enumerate(entities):
        entity.mentions.sort(key=lambda m: m.start)
        if not entity.name_is_canonical:
            entity.label = _cluster_label(entity)
            entity.name = _cluster_name(entity)
        for mention in entity.mentions:
            mention.label = entity.label
            mention.entity_index = index
    return _merge_same_identity(entities)


@lru_cache(maxsize=4096)
def name_of(text: str) -> str:
    """The bare name in a surface form: no leading article, no possessive.  Memoised: clustering asks it
    of every mention for every short name it places."""
    for article in ARTICLES_TO_DROP:
        if text.startswith(article):
            text = text[len(article) :]
    for ending in POSSESSIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending):
            text = text[: -len(ending)]
            break
    return text.strip()


class _NameIndex:
    """The clustered mentions by what a lone word can be matched on, kept up to date as mentions join: the
    first and last words of multi-word names, and the initials of names.  Looking a word up here instead of
    rescanning every mention keeps a long article (a 1M-character body has thousands of lone surnames)
    linear."""

    def __init__(self, country_words: frozenset[str] = frozenset()) -> None:
        self._country_words = country_words
        self._order: dict[int, int] = {}  # id(entity) → the order it was clustered in
        # word → entity order → (entity, starts and sentences of its multi-word mentions with that end word, in
        # text order)
        self._by_end_word: dict[str, dict[int, tuple[Entity, list[int], list[int | None]]]] = {}
        self._by_initials: dict[str, dict[int, Entity]] = {}
        self._lone_words_joined: Counter[int] = Counter()  # id(entity) → lone words that joined it so far
        # A person's surname with one letter left out → the surnames it comes from (for misspellings).
        self._surnames_by_deletion: dict[str, set[str]] = {}
        self._person_surnames: set[str] = set()

    def add(self, entity: Entity, mention: Mention) -> None:
        order = self._order.setdefault(id(entity), len(self._order))
        words = name_of(mention.text).split()
        if len(words) > 1:
            for word in {words[0], surname_of(words)}:
                _, starts, sentences = self._by_end_word.setdefault(word, {}).setdefault(order, (entity, [], []))
                starts.append(mention.start)
                sentences.append(mention.sentence_index)
            surname = surname_of(words)
            if mention.label == "PERSON" and len(surname) >= MISSPELT_SURNAME_LETTERS - 1:
                self._person_surnames.add(surname)
                for variant in _one_letter_less(surname):
                    self._surnames_by_deletion.setdefault(variant, set()).add(surname)
        else:
            self._lone_words_joined[id(entity)] += 1
        capitals = [w for w in re.split(r"[\s'\-&]+", name_of(mention.text)) if w and w[0].isupper()]
        # 'AMC' for "American Motors Corp", and 'IBM' for "International Business Machines Corp" too.
        # (Three words at least before it: 'BA' is no "Bank of America Corp".)
        forms = [capitals, capitals[:-1]] if len(capitals) > 3 and is_legal_form(capitals[-1]) else [capitals]
        for words_with_capitals in (f for f in forms if len(f) > 1):
            for initials in _initials_of(words_with_capitals, words[0] in self._country_words):
                self._by_initials.setdefault(initials, {}).setdefault(order, entity)

    def full_name_for(self, name: str, mention: Mention) -> Entity | None:
        """The multi-word entity whose first or last word is ``name``, a person's name before any other: the
        one named in full in the sentences just before the mention, else the one named most so far (a story
        that has called Donald Trump "Trump" goes on doing so past "Melania Trump" and "Trump Tower"; "Moon
        Seong Mook … Moon said" is the man just named), else the nearest before (else after)."""
        position = mention.start
        matches = []  # (named only after, distance, entity, sentence of the last full name before, named so far)
        for _, (entity, starts, sentences) in sorted(self._by_end_word.get(name, {}).items()):
            before = bisect_left(starts, position)
            if before:
                distance, sentence = position - starts[before - 1], sentences[before - 1]
            else:
                distance, sentence = starts[0] - position, None
            named = before + self._lone_words_joined[id(entity)]
            matches.append((before == 0, distance, entity, sentence, named))
        # 'Prince Charles … Charles said … Liberal Democrat leader Charles Kennedy': a lone given name is not a
        # full name the story has yet to give; only a surname looks ahead ('Kennedy … Charles Kennedy').
        matches = [m for m in matches if not m[0] or _is_surname_of(name, m[2])]
        if not matches:
            return None
        labels_person = [m for m in matches if any(x.label == "PERSON" for x in m[2].mentions)]
        pool = labels_person or matches
        nearest = min(pool, key=lambda m: (m[0], m[1]))
        just_named = (
            mention.sentence_index is not None
            and nearest[3] is not None
            and 0 <= mention.sentence_index - nearest[3] <= JUST_NAMED_SENTENCES
        )
        if just_named:
            return nearest[2]
        return min(pool, key=lambda m: (-m[4], m[0], m[1]))[2]

    def misspelt_surname(self, word: str) -> str | None:
        """The one surname of a person named in full that ``word`` misspells by a letter left out, put in,
        doubled or changed ('Daveport' for Davenport, 'Hemminghhaus' for Hemminghaus), if no such surname is
        written as ``word`` itself."""
        if len(word) < MISSPELT_SURNAME_LETTERS or word in self._by_end_word:
            return None
        # A letter put in or doubled ('Hemminghhaus'): the surname is a deletion of the word; one left out
        # ('Daveport'): the word is a deletion of the surname; one changed: both share a deletion.
        found = set(self._surnames_by_deletion.get(word, ()))
        for variant in _one_letter_less(word):
            found |= self._surnames_by_deletion.get(variant, set())
            if variant in self._person_surnames:
                found.add(variant)
        # ('Catholics' is the plural of a name ending 'Catholic', not a misspelling of it.)
        found = {s for s in found if _one_edit_apart(word, s) and word.rstrip("s") != s.rstrip("s")}
        return found.pop() if len(found) == 1 else None

    def expansion_of(self, acronym: str, label: str, position: int) -> Entity | None:
        """The multi-word name an acronym abbreviates: "SEC" → "Securities and Exchange Commission", "B&B" →
        "Bradford & Bingley", "ANA" → "All-Nippon Airways"; also an organisation's initials written as a word,
        as British papers write them ('Bat' for British American Tobacco)."""
        as_word = not _is_short_form(acronym)
        if as_word and not (label == "ORG" and _is_initials_written_as_word(acronym)):
            return None
        found = self._by_initials.get("".join(c for c in acronym if c.isalpha()).upper())
        if not found:
            return None
        entity = found[min(found)]
        # A word is read as initials only after the name it stands for, and only of an organisation: 'Ford' is
        # no 'Florida Orange Research Department' named later, nor 'Tim' a 'Telecom Italia Mobile'.
        if as_word and (entity.label != "ORG" or not any(m.start < position for m in entity.mentions)):
            return None
        return entity


def _is_surname_of(word: str, entity: Entity) -> bool:
    return any(surname_of(words) == word for m in entity.mentions if len(words := name_of(m.text).split()) > 1)


def _one_letter_less(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit_apart(a: str, b: str) -> bool:
    """One letter left out, put in or changed turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _initials_of(capitals: list[str], opens_with_country: bool) -> set[str]:
    """The initials a body of these capitalised words can go by: each word's first letter ("Securities and
    Exchange Commission": SEC), also without the country that opens the name ('MDA' for 'U.S. Missile
    Defense Agency'), with a dotted country written out ('USDA' for "U.S. Agriculture Department"), and with a
    department or ministry named first, as its full name has it ("Agriculture Department" is the Department of
    Agriculture)."""
    orders = [capitals]
    if len(capitals) > 2 and capitals[-1] in OFFICE_NAMED_FIRST:
        # 'U.S. Homeland Security Department' is the U.S. Department of Homeland Security (DHS)
        country = capitals[:1] if opens_with_country else []
        orders.append([*country, capitals[-1], *capitals[len(country) : -1]])
    found = set()
    for words in orders:
        found.add("".join(w[0] for w in words))
        if len(words) > 2 and opens_with_country:
            found.add("".join(w[0] for w in words[1:]))
            if "." in words[0]:
                found.add("".join(c for c in words[0] if c.isalpha()) + "".join(w[0] for w in words[1:]))
    # Two letters are too few to stand for a longer name ('DA' is a district attorney).
    return {initials for initials in found if len(initials) > 2 or len(initials) == len(capitals)}


def _fold_short_organisation_names(entities: list[Entity], country_words: frozenset[str]) -> list[Entity]:
    """ "Shearson Lehman" and "Shearson Lehman Brothers Inc" in one story are one company: a name that
    starts another organisation's longer name (after the country whose body it is: 'US Pew Research Center')
    joins it, and so does a body every country has that ends one ("Defense Ministry" after "South Korea's
    Defense Ministry"), or the words before the legal form that ends a company's name ('Lamborghini' of
    "Automobili Lamborghini SpA"), when only one longer name does."""
    organisations = [e for e in entities if e.label == "ORG" and not e.name_is_canonical]
    owners = country_words | {m.text for e in entities if e.label in ("ORG", "GPE") for m in e.mentions}
    folded: set[int] = set()
    for short in organisations:
        short_words = short.name.split()
        generic = is_generic_body(short_words)
        longer = [
            e
            for e in organisations
            if e is not short
            and len(e.name.split()) > len(short_words)
            and (
                e.name.split()[: len(short_words)] == short_words
                or (
                    e.name.split()[0] in country_words
                    and len(e.name.split()) > len(short_words) + 1
                    and e.name.split()[1 : len(short_words) + 1] == short_words
                )
                # 'the Defense Ministry' after "South Korea's Defense Ministry": the one the article named.
                or (generic and e.name.split()[-len(short_words) :] == short_words)
                # 'Radio 1' after "BBC Radio 1", 'the Security Council' after "United Nations Security Council":
                # a name of two words or more that ends a longer one after its owner's name (no 'Democratic
                # Party' of a 'Liberal Democratic Party').
                or (
                    len(short_words) > 1
                    and e.name.split()[-len(short_words) :] == short_words
                    and _names_an_owner(e.name.split()[: -len(short_words)], owners)
                )
                # 'Lamborghini' after "Automobili Lamborghini SpA": the name right before its legal form.
                or _names_before_legal_form(short_words, e.name.split())
            )
        ]
        if len(longer) == 1:
            for mention in short.mentions:
                mention.mention_type = "partial_name"
            longer[0].mentions.extend(short.mentions)
            folded.add(id(short))
    return [e for e in entities if id(e) not in folded]


def _names_an_owner(words: list[str], owners: frozenset[str] | set[str]) -> bool:
    """The words before a body's own name say whose it is: a country, an organisation the article names,
    initials ('BBC') or a name of its own ('United Nations'; one word such as 'Liberal' says what kind)."""
    owner = " ".join(words)
    letters = owner.replace(".", "")
    return (
        owner in owners
        or (letters.isalpha() and letters.isupper())
        or (len(words) > 1 and all(w[:1].isupper() and w.isalpha() for w in words))
    )


def _names_before_legal_form(short_words: list[str], words: list[str]) -> bool:
    """'Lamborghini' of "Automobili Lamborghini SpA", 'Shell' of "Royal Dutch Shell Plc": the words right
    before the legal form that ends a company's name of three words or more."""
    return (
        len(words) > len(short_words) + 1
        and is_legal_form(words[-1])
        and words[-1 - len(short_words) : -1] == short_words
    )


def _is_company_first_word(word: str, entity: Entity) -> bool:
    """``word`` opens a name of the entity of three words or more that ends as a company's does ("Dome
    Petroleum Ltd"; not "Boeing Co", whose first word is also its planes')."""
    return any(len((name := name_of(m.text)).split()) > 2 and company_named_by(word, name) for m in entity.mentions)


def _is_full_person_name(entity: Entity) -> bool:
    return any(m.label == "PERSON" and len(name_of(m.text).split()) > 1 for m in entity.mentions)


def _fold_person_name_tails(entities: list[Entity]) -> list[Entity]:
    """'Clive Khulubuse Zuma … Khulubuse Zuma': a person's name of several words that ends (or, for a name
    tagged as a person's, begins: 'Amina Ali' of 'Amina Ali Nkeki') another person's longer name is that
    person, when only one longer name ends (begins) so ('Sassou Nguesso' with both 'Denis Sassou
    Nguesso' and 'Denis Christel Sassou Nguesso' in the story is left alone); so is such a name the model
    took for a body or a place ('Febres Cordero')."""
    people = [e for e in entities if not e.name_is_canonical and _is_full_person_name(e)]
    # A surname of several words the model took for a body ('Febres Cordero said' after 'Leon Febres Cordero').
    mislabelled = [
        e
        for e in entities
        if not e.name_is_canonical
        and e.label in NAME_LABELS - {"PERSON"}
        and len(e.name.split()) > 1
        and all(w[:1].isupper() and w.isalpha() for w in e.name.split())
    ]
    folded: set[int] = set()
    for short in people + mislabelled:
        short_words = short.name.split()
        longer = [
            e
            for e in people
            if id(e) not in folded
            and len(e.name.split()) > len(short_words)
            and (
                e.name.split()[-len(short_words) :] == short_words
                # 'Amina Ali Nkeki … Amina Ali told CNN': a person's first names, the last one left off.
                or (short in people and e.name.split()[: len(short_words)] == short_words)
            )
        ]
        if len(short_words) > 1 and len(longer) == 1:
            for mention in short.mentions:
                mention.mention_type = "partial_name"
            longer[0].mentions.extend(short.mentions)
            folded.add(id(short))
    return [e for e in entities if id(e) not in folded]


def _split_clashing_honorifics(entities: list[Entity]) -> list[Entity]:
    """'Mrs Howard' in a story about Michael Howard is his wife: when a person's mentions state both genders,
    the honorifics of the gender the full name does not state are someone else of that surname; when the
    full name states none, neither "Mr Howard" nor "Mrs Howard" can be told to be him, and each is their own
    person, named as the text names them."""
    result = []
    for entity in entities:
        stated = [gender_of_words(role_words(m.role)) for m in entity.mentions]
        genders = {g for g in stated if g is not None}
        if len(genders) < 2:
            result.append(entity)
            continue
        own = {g for m, g in zip(entity.mentions, stated, strict=True) if g and m.mention_type == "full_name"}
        kept = next(iter(own)) if len(own) == 1 else None
        groups: dict[str, list[Mention]] = {}
        for mention, gender in zip(entity.mentions, stated, strict=True):
            if gender is not None and gender != kept:
                groups.setdefault(gender, []).append(mention)
        entity.mentions = [m for m, g in zip(entity.mentions, stated, strict=True) if g is None or g == kept]
        if entity.mentions:
            result.append(entity)
        for mentions in groups.values():
            for mention in mentions:
                mention.mention_type = "full_name"
            first = mentions[0]
            result.append(
                Entity(
                    name=f"{first.role} {name_of(first.text)}",
                    label="PERSON",
                    mentions=mentions,
                    name_is_canonical=True,
                )
            )
    return result


def _cluster_label(entity: Entity) -> str:
    if any(set(role_words(m.role)) & HONORIFICS for m in entity.mentions):
        return "PERSON"  # 'Vince Cable' tagged as an organisation is 'Mr Cable' further on
    full = [m.label for m in entity.mentions if m.mention_type == "full_name"]
    if "PERSON" in full and any(len(name_of(m.text).split()) > 1 for m in entity.mentions if m.label == "PERSON"):
        return "PERSON"
    votes = Counter(full or [m.label for m in entity.mentions])
    return votes.most_common(1)[0][0]


def _cluster_name(entity: Entity) -> str:
    """The longest full name; of equal ones, the first not in capitals ('Reuters' over a dateline's
    'REUTERS')."""
    names = [name_of(m.text) for m in entity.mentions if m.mention_type == "full_name"] or [entity.name]
    return max(names, key=lambda n: (len(n.split()), len(n), not n.isupper(), -names.index(n)))


def _merge_same_identity(entities: list[Entity]) -> list[Entity]:
    """Two clusters that ended with the same name and label are one entity."""
    merged: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        key = (entity.name.casefold(), entity.label)
        if key in merged:
            merged[key].mentions.extend(entity.mentions)
            merged[key].mentions.sort(key=lambda m: m.start)
        else:
            merged[key] = entity
    result = list(merged.values())
    for index, entity in enumerate(result):
        for mention in entity.mentions:
            mention.entity_index = index
    return result
