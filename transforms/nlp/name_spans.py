"""From a model's entity span to a mention: where the name starts and ends, and which words around it are a
title, a party or a country rather than the name ("Tory leader Michael Howard", "Lib Dem Norman Baker",
"Japan's NHK TV", "South Korea's Defense Ministry", "Luis Guillermo [Solis Rivera]" the model cut short).

The word lists here say what titles, honorifics and bodies' names are made of; clustering the mentions into
entities is ``entities``'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.nlp.doc_cache import doc_text
from transforms.schemas import ENTITY_LABELS

# Words for offices, ranks and honorifics that head titles ("US Secretary of Defense", "Prime Minister").
OFFICE_WORDS = frozenset(
    """
minister president secretary chancellor governor senator chairman chairwoman chair director ceo
spokesman spokeswoman spokesperson mr mrs ms dr general gen admiral ayatollah sheikh boss coach manager
captain president-elect ambassador king queen prince
princess pope judge justice mayor leader officer commissioner premier representative rep sen
lawmaker envoy chief executive deputy vice speaker treasurer comptroller attorney prosecutor economist analyst
mp mep msp congressman congresswoman councillor professor prof bishop archbishop rev reverend
rabbi imam pastor cardinal priest vicar chaplain cleric dean provost
adm col colonel lt lieutenant maj major sgt sergeant capt brig brigadier cmdr commander
sheriff marshal trooper inspector
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
adviser advisor strategist pollster blogger star model supermodel
""".split()
)
# A player's position, which a sports report calls the player by ("said the prop"); never read off the front of
# a name, where the words are companies' too ("Hooker Furniture", "Forward Industries").
PLAYER_POSITIONS = frozenset(
    """
prop flanker fly-half scrum-half full-back playmaker batsman all-rounder wicketkeeper paceman quarterback
""".split()
)
# Words for a business by its trade ("the chipmaker"), which name no person; capitalised before a company's
# name ("Bookmaker Ladbrokes") they say what it is, like a title before a person's.
BUSINESS_NOUNS = frozenset(
    "chipmaker drugmaker planemaker steelmaker retailer insurer conglomerate manufacturer bookmaker".split()
)
# Someone's tie to another person, written before a name like a title ("Pal Asma Kazim", "neighbour Jane
# Kerr"): no part of the name, and (unlike a description) never the person a story is about ("said the
# neighbour" is someone else).
RELATION_WORDS = frozenset("friend pal neighbour neighbor colleague teammate team-mate".split())
# Words that head titles and roles written before a name.
TITLE_HEADS = OFFICE_WORDS | PERSON_DESCRIPTIONS | RELATION_WORDS
TITLE_MODIFIERS = frozenset(
    """
prime foreign finance defence defense interior home trade economy economic health education
justice energy environment transport labour labor state deputy vice acting former first
chief executive senior general junior assistant under of the for and affairs security national
minority majority opposition party elect designate
""".split()
)
FUNCTION_WORDS = frozenset(("of", "the", "for", "and"))
# Last words of a public body's name ("Defense Ministry"), which title words before them belong to.
BODY_NAME_HEADS = frozenset("ministry department office committee council commission agency service".split())
# Honorifics: the name after one is a person's, whatever the model tagged it ("Mr Straw" as a PRODUCT).
HONORIFICS = frozenset("mr mrs ms miss dr sir lady lord dame".split())
# A middle initial ("M", "C.") between a given name and a surname.
MIDDLE_INITIAL = re.compile(r"[A-Z]\.?")
# Words after a surname that tell a father from his son ("Martin Luther King Jr", "Bruce L Castor Jr"): part of
# the name, but the surname is the word before them.
GENERATIONAL_SUFFIXES = frozenset("jr sr ii iii iv".split())
# Letters after a person's name: a rank, an office or an honour ("Guy Mansfield QC", "Keith Vaz MP").
POST_NOMINALS = frozenset("QC KC MP MEP MSP AM OBE MBE CBE KBE DBE".split())
# Last words of a body's name ('Ironhorse Oil', 'Rockstar Games', 'Northern Star'), a place that speaks for
# those in it among them ('Downing Street'): a name ending in one is not a person's.
# Nouns for a public body.  "office" and "court" need words that say which one ("the foreign office").
PUBLIC_BODY_NOUNS = frozenset(
    "ministry department government administration police embassy agency commission committee council cabinet "
    "parliament army military navy regulator watchdog office court".split()
)
ORGANISATION_NAME_ENDS = frozenset(
    """
inc ltd corp co plc llc ag sa nv group holdings company games oil gas energy bank alliance association union
council party post times telegraph news herald journal tribune mail star standard review network airlines
airways motors industries international systems technologies partners capital fund trust foundation
institute society club league agency bureau commission committee street house hall square palace hill yard
ministry department office council service authority university court
""".split()
)
# A company's legal form, the last word of its full name, which its initials may leave out ('IBM' for
# "International Business Machines Corp").
LEGAL_FORMS = frozenset(
    """
inc incorporated ltd limited corp corporation co plc llc llp ag sa nv spa s.p.a gmbh kgaa bv ab asa oyj pty
""".split()
)
# Legal forms that are surnames too ("Zaldy Co"; Sá written "Sa").
SURNAME_LIKE_LEGAL_FORMS = frozenset(("co", "sa", "ag", "nv", "ab"))
# Last words of a company's name ('General Acquisition Co', 'National Westminster Bank Plc').
COMPANY_NAME_ENDS = LEGAL_FORMS | frozenset("holdings company group bank".split())
POSSESSIVE_ENDINGS = ("'s", "’s", "'", "’")

# How many words before a model's span a Reuters "<" opening a company's name is looked for.
BRACKETED_NAME_WORDS = 6


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


def mention_from_span(ent: Span, sentence_of: list[int], known_names: Mapping[str, tuple[str, str]]) -> Mention | None:
    """The mention a model's entity span makes, its title apart as ``role``; ``known_names`` (the reference
    aliases) are names whatever words they are made of ("Labour Party" is no title)."""
    if ent.label_ not in ENTITY_LABELS:
        return None
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    # Capitalised: "Fans will miss Germany" names no Miss Germany.
    honorific = before if before is not None and before.is_title and before.lower_.rstrip(".") in HONORIFICS else None
    label = "PERSON" if honorific is not None else ent.label_
    tokens = _within_reuters_brackets(ent) or list(ent)
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
    dashes = [
        k
        for k, t in enumerate(tokens)
        if k and t.text in ("-", "–", "—") and (t.whitespace_ or tokens[k - 1].whitespace_)
    ]
    if dashes:
        # 'Arsene Wenger - he's always said': a dash with a space on either side is the sentence's, not the
        # name's ('Fodor-Gopal' has none).
        tokens = tokens[: dashes[0]]
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
    if all(is_generational_suffix(t.text) for t in tokens):
        return None  # 'Jr' the model tagged apart: the name before it has it (``_names_missed_after``)
    # A title spaCy swallowed into the name ("President Trump", "Balco boss Victor Conte") is a role; a surname
    # before "Jr" is none ('Martin Luther King Jr').
    if label == "PERSON":
        last = len(tokens) - 2 if is_generational_suffix(tokens[-1].text) else len(tokens) - 1
        heads = [i for i, t in enumerate(tokens[:last]) if t.lower_.rstrip(".") in TITLE_HEADS]
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
        and (_is_title_word(tokens[0].lower_) or (label == "ORG" and tokens[0].lower_ in BUSINESS_NOUNS))
        # 'General Acquisition', 'General Motors': a company's name starts with the word as often as a rank.
        and not (label == "ORG" and tokens[0].lower_ == "general")
    ):
        role_tokens.append(tokens.pop(0))
    if not tokens or (not known and all(_is_title_word(t.lower_) for t in tokens)):
        return None  # "Defence" in "Defence Minister": part of a title, not an organisation
    if label == "ORG" and (
        _described_as_a_person(tokens)
        or _holds_office_before(ent.doc, tokens, role_tokens)
        or _has_middle_initial(tokens)
    ):
        label = "PERSON"
    if label in ("PERSON", "ORG") and _ends_in_post_nominal(tokens):
        # 'Guy Mansfield QC', 'Keith Vaz MP': letters after a name are a person's, and not part of the name.
        label, tokens = "PERSON", tokens[:-1]
    if label == "PERSON" and honorific is None and not role_tokens and ends_in_legal_form([t.text for t in tokens]):
        # 'John Labatt Ltd', 'Automobili Lamborghini SpA' the model took for people: a company's legal form
        # ends the name.
        label = "ORG"
    if label == "PERSON" and not role_tokens and honorific is None:
        tokens = _names_missed_before(tokens) + tokens
    if label == "PERSON":
        tokens = tokens + _names_missed_after(tokens)
        tokens = tokens + _hyphened_on(tokens)
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


def _holds_office_before(doc: Doc, tokens: list[Token], swallowed: list[Token]) -> bool:
    """'Model Chrissy Teigen', 'Newcastle boss Graeme Souness', 'assistant coach Darnell Lazare' tagged as a
    body: a name of capitalised words right after what a person does or the office they hold is that
    person's (a body's name ends in what it is: 'Premier League', 'Celtic Football Club')."""
    if not _all_proper_words(tokens) or tokens[-1].lower_ in ORGANISATION_NAME_ENDS:
        return False
    if any(t.lower_ in PERSON_DESCRIPTIONS for t in swallowed):
        return True
    role = _role_before(doc, tokens[0].i, swallowed)
    return role is not None and role.split()[-1].lower().rstrip(".") in TITLE_HEADS


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
    if not is_generic_body([t.text for t in body]):
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


def is_generic_body(words: list[str]) -> bool:
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


def _within_reuters_brackets(ent: Span) -> list[Token] | None:
    """'<International Digital Communications Planning Inc>': Reuters puts angle brackets round a company's
    whole name; a span the model began inside them (at 'Digital') is the whole bracketed name."""
    doc = ent.doc
    closes = ent[-1].text == ">" or (ent.end < len(doc) and doc[ent.end].text == ">")
    if not closes:
        return None
    for k in range(ent.start - 1, max(-1, ent.start - BRACKETED_NAME_WORDS - 1), -1):
        if doc[k].text == "<":
            return list(doc[k + 1 : ent.end]) if k + 1 < ent.start else None
        if doc[k].text == ">" or "\n" in doc[k].text or "\n" in doc[k].whitespace_:
            return None
    return None


def _is_bracket(token: Token) -> bool:
    """Punctuation, or the angle brackets Reuters puts round a company's name ('<Pan Am Corp>')."""
    return token.is_punct or token.text in ("<", ">")


def _all_proper_words(name: list[Token]) -> bool:
    """Two or more capitalised proper nouns, as a person's first name and surname are."""
    return len(name) >= 2 and all(t.pos_ == "PROPN" and t.is_title for t in name)


def _described_as_a_person(name: list[Token]) -> bool:
    """'Christian Estrosi, the president of the region, …' tagged as an organisation: a name of capitalised
    words with a person's title in apposition ('the president of', 'a spokesman for') is a person's."""
    if not _all_proper_words(name):
        return False
    return any(c.dep_ == "appos" and c.lower_ in TITLE_HEADS for t in name for c in t.children)


def _has_middle_initial(name: list[Token]) -> bool:
    """'Dolores M Troiani', 'Ann C. Williams' tagged as an organisation: a given name, one capital letter and a
    surname is how a person's name is written, not a body's."""
    words = [t.text for t in name if t.text != "."]
    return (
        len(words) == 3
        and MIDDLE_INITIAL.fullmatch(words[1]) is not None
        and all(w.isalpha() and w.istitle() and len(w) > 1 for w in (words[0], words[2]))
        and words[2].lower() not in COMPANY_NAME_ENDS | ORGANISATION_NAME_ENDS
    )


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
        and last.head.i <= name_head(token).i
        and len(names) < 2
    ):
        names.append(token)
        last = token
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and last.whitespace_ and is_generational_suffix(after.text):
        names.append(after)  # 'Bruce L Castor Jr', whatever the model tagged 'Jr'
    return names


def _hyphened_on(name: list[Token]) -> list[Token]:
    """'Moon Jae[-in]': the part of a given name hyphened on to the last word the model kept (Korean names
    are written so: 'Ban Ki-moon', 'Moon Jae-in')."""
    doc = name[-1].doc
    k = name[-1].i + 1
    if k + 1 < len(doc) and doc[k].text == "-" and not name[-1].whitespace_ and not doc[k].whitespace_:
        if doc[k + 1].is_alpha and doc[k + 1].is_lower:
            return [doc[k], doc[k + 1]]
    return []


def name_head(token: Token) -> Token:
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


def is_generational_suffix(word: str) -> bool:
    return word.lower().rstrip(".") in GENERATIONAL_SUFFIXES


def surname_of(words: list[str]) -> str:
    """The last word of a name, or the one before its "Jr" ('King' of "Martin Luther King Jr")."""
    return words[-2] if len(words) > 2 and is_generational_suffix(words[-1]) else words[-1]


def is_legal_form(word: str) -> bool:
    return word.lower().rstrip(".") in LEGAL_FORMS


def ends_in_legal_form(words: Sequence[str]) -> bool:
    """'John Labatt Ltd', 'Automobili Lamborghini SpA'; a short form that is also a surname after two words at
    least ('Henry Marlowe Co', not 'Zaldy Co'), and, but for "Co", in capitals ('Banco Santander SA', not
    'Carlos Alberto Sa')."""
    if not words or not is_legal_form(words[-1]):
        return False
    form = words[-1].rstrip(".")
    if form.lower() in SURNAME_LIKE_LEGAL_FORMS:
        return len(words) >= 3 and (form.isupper() or form.lower() == "co")
    return len(words) >= 2


def company_named_by(word: str, name: str) -> bool:
    """'Dixons' of 'Dixons Group PLC': a company's name that starts with the word and ends as a company's does."""
    words = name.split()
    return len(words) > 1 and words[0] == word and words[-1].lower().rstrip(".") in COMPANY_NAME_ENDS
