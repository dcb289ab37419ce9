"""spaCy entities → mentions clustered into canonical entities, within one article.

spaCy's small model is right about *where* names are far more often than
about *what* they are ("Takaichi said" comes out ORG or GPE), so the cluster
decides the label: a surname joins the full name it abbreviates, and a
cluster with a full PERSON name is a person.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from transforms.ids import entity_id_for, stable_id
from transforms.nlp.doc_cache import doc_ents, doc_sentence_of, doc_text, doc_tokens
from transforms.nlp.gender import gender_of_words, role_words
from transforms.schemas import ENTITY_LABELS

# Labels under which the model puts names that can stand for a person, a body or a place by one word; a lone
# word under another label ('Wendt' taken for a product) joins only a person's full name.
NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
# Words for offices, ranks and honorifics that head titles ("US Secretary of Defense", "Prime Minister").
OFFICE_WORDS = frozenset(
    """
minister president secretary chancellor governor senator chairman chairwoman chair director ceo
spokesman spokeswoman spokesperson mr mrs ms dr general gen admiral ayatollah sheikh boss coach manager
captain president-elect ambassador king queen prince
princess pope judge justice mayor leader officer commissioner premier representative rep sen
lawmaker envoy chief executive deputy vice speaker treasurer attorney prosecutor economist analyst
mp mep msp congressman congresswoman councillor professor prof bishop archbishop rev reverend
rabbi imam pastor cardinal priest vicar chaplain cleric dean provost
adm col colonel lt lieutenant maj major sgt sergeant capt brig brigadier cmdr commander
""".split()
)
# What a person does or is, written before the name like a title ("actress Uma Thurman", "Bystander Franck
# Sidoli", "striker Wayne Rooney"): a description, never part of the name.
PERSON_DESCRIPTIONS = frozenset(
    """
actor actress singer songwriter rapper musician comedian presenter broadcaster anchor journalist reporter
columnist novelist poet playwright filmmaker photographer designer striker midfielder defender goalkeeper
winger footballer cricketer golfer athlete sprinter boxer jockey referee lawyer solicitor barrister surgeon
nurse scientist researcher student businessman businesswoman entrepreneur investor banker billionaire tycoon
founder co-founder activist campaigner bystander eyewitness survivor detective constable superintendent
firefighter candidate dj author writer contributor correspondent commentator historian critic consultant
adviser advisor strategist pollster blogger
""".split()
)
# Words that head titles and roles written before a name.
TITLE_HEADS = OFFICE_WORDS | PERSON_DESCRIPTIONS
TITLE_MODIFIERS = frozenset(
    """
prime foreign finance defence defense interior home trade economy economic health education
justice energy environment transport labour labor state deputy vice acting former first
chief executive senior general junior assistant under of the for and affairs security national
minority majority opposition party
""".split()
)
FUNCTION_WORDS = frozenset(("of", "the", "for", "and"))
# Last words of a public body's name ("Defense Ministry"), which title words before them belong to.
BODY_NAME_HEADS = frozenset("ministry department office committee council commission agency service".split())
# Honorifics: the name after one is a person's, whatever the model tagged it ("Mr Straw" as a PRODUCT).
HONORIFICS = frozenset("mr mrs ms miss dr sir lady lord dame".split())
# Letters after a person's name: a rank, an office or an honour ("Guy Mansfield QC", "Keith Vaz MP").
POST_NOMINALS = frozenset("QC KC MP MEP MSP AM OBE MBE CBE KBE DBE".split())
# Last words of a body's name ('Ironhorse Oil', 'Rockstar Games', 'Northern Star'), a place that speaks for
# those in it among them ('Downing Street'): a name ending in one is not a person's.
ORGANISATION_NAME_ENDS = frozenset(
    """
inc ltd corp co plc llc ag sa nv group holdings company games oil gas energy bank alliance association union
council party post times telegraph news herald journal tribune mail star standard review network airlines
airways motors industries international systems technologies partners capital fund trust foundation
institute society club league agency bureau commission committee street house hall square palace hill yard
ministry department office council service authority university court
""".split()
)
# Last words of a company's name ('General Acquisition Co', 'National Westminster Bank Plc').
COMPANY_NAME_ENDS = frozenset("inc ltd corp co plc llc ag sa nv holdings company group bank".split())
ARTICLES_TO_DROP = ("the ", "The ")
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")


@dataclass
class Mention:
    """One mention of an entity: its span in the body and what the cluster made of it."""

    start: int
    end: int
    text: str
    label: str
    sentence_index: int | None
    mention_type: str
    role: str | None = None
    entity_index: int = -1


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

    @classmethod
    def from_rows(
        cls,
        country_alias_rows: Sequence[Mapping[str, str]],
        demonym_rows: Sequence[Mapping[str, str]] = (),
        organisation_alias_rows: Sequence[Mapping[str, str]] = (),
    ) -> Reference:
        """From the rows of seeds/reference/country_aliases.csv (alias, canonical, label, iso2),
        demonyms.csv (demonym, canonical, iso2) and organisation_aliases.csv (alias, canonical, label)."""
        return cls(
            {row["alias"]: (row["canonical"], row["label"]) for row in [*country_alias_rows, *organisation_alias_rows]},
            {row["canonical"]: row["iso2"] for row in country_alias_rows if row.get("iso2")},
            {row["demonym"]: row["iso2"] for row in demonym_rows if row.get("iso2")},
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
        [*(ent for ent in doc_ents(doc) if not any(i in taken for i in range(ent.start, ent.end))), *missed],
        key=lambda span: span.start,
    )
    candidates = [
        m for m in (_mention_from_span(span, sentence_of, reference.aliases) for span in spans) if m is not None
    ]
    entities = _fold_bracketed_short_forms(doc_text(doc), cluster_mentions(candidates, reference))
    _add_missed_repeats(doc, entities, sentence_of)
    return entities


def _fold_bracketed_short_forms(text: str, entities: list[Entity]) -> list[Entity]:
    """'Bradford & Bingley (B&B)', 'U.S. Agency for International Development (USAID)': a short form in
    brackets right after a name is that name, there and wherever the article uses it again."""
    owner_by_end = {m.end: e for e in entities for m in e.mentions}
    folded: set[int] = set()
    for entity in entities:
        for mention in entity.mentions:
            owner = owner_by_end.get(mention.start - len(" ("))
            if (
                owner is not None
                and owner is not entity
                and id(owner) not in folded
                and text[mention.start - 2 : mention.start] == " ("
                and text[mention.end : mention.end + 1] == ")"
                and _is_short_form(mention.text)
                and _abbreviates(mention.text, owner.name)
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


def _add_missed_repeats(doc: Doc, entities: list[Entity], sentence_of: list[int]) -> None:
    """Name tokens NER skipped that repeat a person's surname ("Takaichi said …") or an organisation's short
    form ("But B&B - which has …") join that person or organisation."""
    repeated: dict[str, int] = {}  # surname or short form → index of the first entity with it
    for position, entity in enumerate(entities):
        if entity.label == "PERSON" and len(entity.name.split()) > 1:
            repeated.setdefault(entity.name.split()[-1], position)
        elif entity.label == "ORG":
            for mention in entity.mentions:
                if _is_short_form(name_of(mention.text)):
                    repeated.setdefault(name_of(mention.text), position)
    covered = {c for entity in entities for m in entity.mentions for c in range(m.start, m.end)}
    for token in doc_tokens(doc):
        index = repeated.get(token.text)
        if index is None or token.idx in covered or token.pos_ != "PROPN":
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


def cluster_mentions(mentions: list[Mention], reference: Reference) -> list[Entity]:
    """Group mentions into entities: aliases first, then full names, then surnames onto full names."""
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    names = _NameIndex()

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
        target = names.full_name_for(name, mention.start) or names.expansion_of(name)
        if (
            target is not None
            and mention.label == "GPE"
            and not _is_full_person_name(target)
            and not any(m.label == "GPE" for m in target.mentions)
        ):
            # 'Seoul said … Seoul Railway Station': a place is not the station, airport or company named after it
            # (a surname taken for a place, 'Hankey said', is still the person named in full).
            target = None
        if target is not None and mention.label not in NAME_LABELS and not _is_full_person_name(target):
            # 'Rainer Wendt … Wendt says' with "Wendt" taken for a product: a lone word of another kind joins a
            # person's full name only (a product, law or place that shares a word with a company is its own).
            target = None
        if target is not None:
            mention.mention_type = "partial_name"
            target.mentions.append(mention)
            names.add(target, mention)
        else:
            add(mention, name.casefold(), name, mention.label)
    entities = _fold_short_organisation_names(entities)
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


def _mention_from_span(ent: Span, sentence_of: list[int], known_names: Mapping[str, tuple[str, str]]) -> Mention | None:
    """The mention a model's entity span makes, its title apart as ``role``; ``known_names`` (the reference
    aliases) are names whatever words they are made of ("Labour Party" is no title)."""
    if ent.label_ not in ENTITY_LABELS:
        return None
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    # Capitalised: "Fans will miss Germany" names no Miss Germany.
    honorific = before if before is not None and before.is_title and before.lower_.rstrip(".") in HONORIFICS else None
    label = "PERSON" if honorific is not None else ent.label_
    tokens = list(ent)
    # A possessive is grammar, not name: "North Korea's" → "North Korea".  Brackets and dashes
    # around a name ("<San Miguel Corp>", "(PCGG") and a dangling "the" are not part of it either.
    while tokens and (tokens[-1].text in POSSESSIVE_ENDINGS or _is_bracket(tokens[-1]) or tokens[-1].lower_ == "the"):
        tokens = tokens[:-1]
    while tokens and (_is_bracket(tokens[0]) or tokens[0].is_space):
        tokens = tokens[1:]
    breaks = [k for k, t in enumerate(tokens) if "\n" in t.text or "\n" in t.whitespace_]
    if breaks:
        # 'Ssangyong Corp.¶Finance ministry': no name runs across a paragraph break; the model joined the
        # end of one paragraph to the start of the next.
        tokens = [t for t in tokens[: breaks[0] + 1] if not t.is_space]
    while tokens and (tokens[-1].text in POSSESSIVE_ENDINGS or _is_bracket(tokens[-1]) or tokens[-1].lower_ == "the"):
        tokens = tokens[:-1]
    if label == "ORG":
        # 'the Associated Press news agency': words in lower case after a body's name say what it is.
        lower_tail = 0
        while lower_tail < len(tokens) - 1 and tokens[-1 - lower_tail].is_lower and tokens[-1 - lower_tail].is_alpha:
            lower_tail += 1
        if lower_tail and tokens[-1 - lower_tail].text[:1].isupper():
            tokens = tokens[: len(tokens) - lower_tail]
    role_tokens = []
    if label == "PERSON":
        # 'Lib Dem Norman Baker', 'Tory MP John Smith': a party named before a person's name is who they stand
        # for, part of their role, not of their name.
        party = _party_before_name(tokens, known_names)
        role_tokens, tokens = tokens[:party], tokens[party:]
    # A title spaCy swallowed into the name ("President Trump", "Balco boss Victor Conte") is a role.
    if label == "PERSON":
        heads = [i for i, t in enumerate(tokens[:-1]) if t.lower_.rstrip(".") in TITLE_HEADS]
        if heads:
            role_tokens, tokens = role_tokens + tokens[: heads[-1] + 1], tokens[heads[-1] + 1 :]
    known = bool(tokens) and (
        doc_text(ent.doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)] in known_names
        # 'Defense Ministry', 'Home Office', 'General Acquisition Co': a body's or a company's name, whatever
        # title words it starts with.
        or (label == "ORG" and tokens[-1].lower_.rstrip(".") in BODY_NAME_HEADS | COMPANY_NAME_ENDS)
    )
    while (
        not known
        and len(tokens) > 1
        and tokens[0].is_title
        and _is_title_word(tokens[0].lower_)
        # 'General Acquisition', 'General Motors': a company's name starts with the word as often as a rank.
        and not (label == "ORG" and tokens[0].lower_ == "general")
    ):
        role_tokens.append(tokens.pop(0))
    if not tokens or (not known and all(_is_title_word(t.lower_) for t in tokens)):
        return None  # "Defence" in "Defence Minister": part of a title, not an organisation
    if label == "ORG" and _described_as_a_person(tokens):
        label = "PERSON"
    if label in ("PERSON", "ORG") and _ends_in_post_nominal(tokens):
        # 'Guy Mansfield QC', 'Keith Vaz MP': letters after a name are a person's, and not part of the name.
        label, tokens = "PERSON", tokens[:-1]
    if label == "PERSON" and not role_tokens and honorific is None:
        tokens = _names_missed_before(tokens) + tokens
    if label == "PERSON":
        tokens = tokens + _names_missed_after(tokens)
    if label == "ORG":
        tokens = _whose_body(tokens, known_names)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(ent.doc)[start:end]
    role = _role_before(ent.doc, tokens[0].i, role_tokens) if label in ("PERSON", "ORG", "GPE") else None
    if role is None and honorific is not None:
        role = honorific.text  # "Lord", "Miss": what the text calls the person, and what states a gender
    return Mention(
        start=start,
        end=end,
        text=text,
        label=label,
        sentence_index=sentence_of[tokens[0].i],
        mention_type="full_name",
        role=role,
    )


def _whose_body(tokens: list[Token], known_names: Mapping[str, tuple[str, str]]) -> list[Token]:
    """An organisation's name without a country's possessive before it ("Japan's NHK TV" is NHK TV; not "People's
    Daily"), unless the rest is a body every country has ("South Korea's Defense Ministry", "US State
    Department", "the Chinese Foreign Ministry"): then the country is what tells one from another, and is
    taken in from before the span if the model left it out."""
    doc = tokens[0].doc
    text = doc_text(doc)
    possessive = next(
        (
            k
            for k, t in enumerate(tokens[1:-1], start=1)
            if t.text in POSSESSIVE_ENDINGS and _names_a_country(text[tokens[0].idx : t.idx], known_names)
        ),
        None,
    )
    body = tokens[possessive + 1 :] if possessive is not None else tokens
    if not _is_generic_body([t.text for t in body]):
        return body
    if possessive is not None or tokens[0].i == 0:
        return tokens
    owner = doc[tokens[0].i - 1]
    if owner.text in POSSESSIVE_ENDINGS and owner.i > 0:
        owner = doc[owner.i - 1]
    if owner.ent_type_ not in ("GPE", "NORP") and not _names_a_country(owner.text, known_names):
        return tokens  # (a country the model left untagged: 'the US State Department')
    while owner.ent_iob_ == "I":
        owner = doc[owner.i - 1]
    return list(doc[owner.i : tokens[-1].i + 1])


def _names_a_country(words: str, known_names: Mapping[str, tuple[str, str]]) -> bool:
    known = known_names.get(words)
    return known is not None and known[1] == "GPE"


def _is_generic_body(words: list[str]) -> bool:
    """'Defense Ministry', 'State Department', 'Foreign Office': a body's noun after words of office only."""
    return (
        len(words) > 1
        and words[-1].lower() in BODY_NAME_HEADS
        and all(w.lower().rstrip(".") in TITLE_MODIFIERS for w in words[:-1])
    )


def _party_before_name(tokens: list[Token], known_names: Mapping[str, tuple[str, str]]) -> int:
    """How many of a person's name's first tokens name an organisation the reference knows ('Lib Dem' of 'Lib
    Dem Norman Baker'), leaving two words or more of name."""
    for count in range(len(tokens) - 2, 0, -1):
        first, last = tokens[0], tokens[count - 1]
        if doc_text(first.doc)[first.idx : last.idx + len(last.text)] in known_names:
            return count
    return 0


def _is_bracket(token: Token) -> bool:
    """Punctuation, or the angle brackets Reuters puts round a company's name ('<Pan Am Corp>')."""
    return token.is_punct or token.text in ("<", ">")


def _described_as_a_person(name: list[Token]) -> bool:
    """'Christian Estrosi, the president of the region, …' tagged as an organisation: a name of capitalised
    words with a person's title in apposition ('the president of', 'a spokesman for') is a person's."""
    if len(name) < 2 or not all(t.pos_ == "PROPN" and t.is_title for t in name):
        return False
    return any(c.dep_ == "appos" and c.lower_ in TITLE_HEADS for t in name for c in t.children)


def _ends_in_post_nominal(name: list[Token]) -> bool:
    return (
        len(name) >= 3 and name[-1].text in POST_NOMINALS and all(t.pos_ == "PROPN" and t.is_title for t in name[:-1])
    )


def _names_missed_before(name: list[Token]) -> list[Token]:
    """'American model Chrissy Teigen' tagged as 'Teigen': capitalised proper nouns right before a person's
    name that the parser joins to it, and the model left untagged, are the first names it missed."""
    doc = name[0].doc
    names: list[Token] = []
    i = name[0].i - 1
    inside = {t.i for t in name}
    while i >= 0 and len(names) < 2:
        token = doc[i]
        if not (
            token.ent_iob_ == "O"
            and token.pos_ == "PROPN"
            and token.is_title
            and token.is_alpha  # 'Adm.', 'Gen.': abbreviated titles, not first names
            and len(token.text) > 1
            and token.dep_ in ("compound", "flat")
            and token.head.i in inside
            and not _is_title_word(token.lower_)
            and token.lower_.rstrip(".") not in HONORIFICS
        ):
            break
        names.insert(0, token)
        inside.add(i)
        i -= 1
    return names


def _names_missed_after(name: list[Token]) -> list[Token]:
    """'Denis Christel [Sassou Nguesso]', 'Luis Guillermo [Solis Rivera]': untagged capitalised proper nouns
    right after a person's name, on which the parser hangs the name's last word, are the surnames it missed
    (not a body named after the person: 'John Smith Foundation')."""
    doc = name[0].doc
    names: list[Token] = []
    last = name[-1]
    while (
        last.i + 1 < len(doc)
        and last.dep_ in ("compound", "flat")
        and last.head.i > last.i
        and last.whitespace_ != ""
        and (token := doc[last.i + 1]).ent_iob_ == "O"
        and token.pos_ == "PROPN"
        and token.is_title
        and token.is_alpha
        and token.lower_ not in ORGANISATION_NAME_ENDS
        and last.head.i <= _name_head(token).i
        and len(names) < 2
    ):
        names.append(token)
        last = token
    return names


def _name_head(token: Token) -> Token:
    """The last of the compound words the token begins ('Sassou' → 'Nguesso')."""
    while token.dep_ in ("compound", "flat") and token.head.i > token.i:
        token = token.head
    return token


def _is_title_word(lowered: str) -> bool:
    word = lowered.rstrip(".")
    return word in TITLE_HEADS or (word in TITLE_MODIFIERS and word not in FUNCTION_WORDS)


def _role_before(doc: Doc, first_token: int, swallowed: list[Token]) -> str | None:
    """The title right before a name: "US Secretary of Defense Pete Hegseth" → "US Secretary of Defense"."""
    i = first_token - 1
    collected: list[Token] = []
    while i >= 0:
        token = doc[i]
        word = token.lower_.rstrip(".")
        is_title_word = word in TITLE_HEADS or (word in TITLE_MODIFIERS and (token.is_title or word in FUNCTION_WORDS))
        # A country or body in front of a title belongs to it: "US Secretary of Defense".
        qualifies_title = bool(collected) and token.ent_type_ in ("GPE", "NORP", "ORG")
        if not (is_title_word or qualifies_title):
            break
        collected.insert(0, token)
        i -= 1
    holders = [k for k, t in enumerate(collected) if t.lower_ == "for"]
    if holders and any(t.lower_.rstrip(".") in TITLE_HEADS for t in collected[holders[-1] + 1 :]):
        # "the spokesman for South Korean President Moon Jae-in": the title before "for" is someone else's,
        # held for this person; his own starts after it ("Secretary of State for Health" stays whole).
        collected = collected[holders[-1] + 1 :]
    while collected and collected[0].lower_ in FUNCTION_WORDS:
        collected.pop(0)
    if collected and collected[-1].lower_ in FUNCTION_WORDS:
        # "a spokeswoman for Tony Blair": the title is someone else's, held for this person.
        return None
    words = collected + swallowed
    if not any(t.lower_.rstrip(".") in TITLE_HEADS for t in words):
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return doc_text(doc)[start:end]


class _NameIndex:
    """The clustered mentions by what a lone word can be matched on, kept up to date as mentions join: the
    first and last words of multi-word names, and the initials of names.  Looking a word up here instead of
    rescanning every mention keeps a long article (a 1M-character body has thousands of lone surnames)
    linear."""

    def __init__(self) -> None:
        self._order: dict[int, int] = {}  # id(entity) → the order it was clustered in
        # word → entity order → (the start of the entity's first multi-word mention with that end word, entity)
        self._by_end_word: dict[str, dict[int, tuple[int, Entity]]] = {}
        self._by_initials: dict[str, dict[int, Entity]] = {}

    def add(self, entity: Entity, mention: Mention) -> None:
        order = self._order.setdefault(id(entity), len(self._order))
        words = name_of(mention.text).split()
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                self._by_end_word.setdefault(word, {}).setdefault(order, (mention.start, entity))
        capitals = [w for w in re.split(r"[\s'\-&]+", name_of(mention.text)) if w and w[0].isupper()]
        if len(capitals) > 1:
            self._by_initials.setdefault("".join(w[0] for w in capitals), {}).setdefault(order, entity)

    def full_name_for(self, name: str, position: int) -> Entity | None:
        """The multi-word entity whose first or last word is ``name``, nearest before ``position`` (else
        after); a person's name before any other."""
        matches = [
            (start > position, abs(start - position), entity)
            for _, (start, entity) in sorted(self._by_end_word.get(name, {}).items())
        ]
        if not matches:
            return None
        labels_person = [m for m in matches if any(x.label == "PERSON" for x in m[2].mentions)]
        pool = labels_person or matches
        return min(pool, key=lambda m: (m[0], m[1]))[2]

    def expansion_of(self, acronym: str) -> Entity | None:
        """The multi-word name an acronym abbreviates: "SEC" → "Securities and Exchange Commission", "B&B" →
        "Bradford & Bingley", "ANA" → "All-Nippon Airways"."""
        if not _is_short_form(acronym):
            return None
        letters = "".join(c for c in acronym if c.isalpha())
        found = self._by_initials.get(letters)
        return found[min(found)] if found else None


def _fold_short_organisation_names(entities: list[Entity]) -> list[Entity]:
    """ "Shearson Lehman" and "Shearson Lehman Brothers Inc" in one story are one company: a name that
    starts another organisation's longer name joins it, and so does a body every country has that ends one
    ("Defense Ministry" after "South Korea's Defense Ministry"), when only one longer name does."""
    organisations = [e for e in entities if e.label == "ORG" and not e.name_is_canonical]
    folded: set[int] = set()
    for short in organisations:
        short_words = short.name.split()
        generic = _is_generic_body(short_words)
        longer = [
            e
            for e in organisations
            if e is not short
            and len(e.name.split()) > len(short_words)
            and (
                e.name.split()[: len(short_words)] == short_words
                # 'the Defense Ministry' after "South Korea's Defense Ministry": the one the article named.
                or (generic and e.name.split()[-len(short_words) :] == short_words)
            )
        ]
        if len(longer) == 1:
            for mention in short.mentions:
                mention.mention_type = "partial_name"
            longer[0].mentions.extend(short.mentions)
            folded.add(id(short))
    return [e for e in entities if id(e) not in folded]


def _is_full_person_name(entity: Entity) -> bool:
    return any(m.label == "PERSON" and len(name_of(m.text).split()) > 1 for m in entity.mentions)


def _fold_person_name_tails(entities: list[Entity]) -> list[Entity]:
    """'Clive Khulubuse Zuma … Khulubuse Zuma': a person's name of several words that ends another person's
    longer name is that person, when only one longer name ends so ('Sassou Nguesso' with both 'Denis Sassou
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
            and e.name.split()[-len(short_words) :] == short_words
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
