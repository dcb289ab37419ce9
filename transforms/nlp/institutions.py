"""Public bodies the text names by description, which the model does not tag: "the Irish finance ministry",
"finance ministry officials", "the government", "a U.S. state department spokesman".  A reader names them
as the speaker of what their officials say, so they are organisations here, each of its article only
("the finance ministry" of one story is not that of another).

- A body is a noun for one (ministry, department, government, police, …) with words before it that say
  which one ("finance", "U.S.", "Irish"), when it is definite ("the finance ministry"), describes a voice
  ("ministry officials", "a state department spokesman") or has a country or people among those words;
  a generic one ("a parliamentary committee", "government bonds") is not.  Its name is the noun with
  those words and a country's possessive before them ("Tunisia's foreign ministry" and "Algeria's foreign
  ministry" are two; a country or people among them stays a mention of its own too); an opinion of it
  ("leftist") is no such word.  A noun followed by the model's name for the body ("the state news agency
  KCNA") is that name, not a body of its own.
- "the government", "the cabinet": bodies a country has one of are named by the noun alone ("the police"
  speak through officers the text does not name: a group); with the country's possessive ("Nigeria's
  government") or the leader's name ("the Obama administration") they are that country's or leader's.
- A body the article named ("the Ministry of Finance", "the Constitutional Affairs Committee") is what
  a description with its noun and words means ("the finance ministry", "the committee"), not a new one.
- Any other noun again with no words to say which one ("the ministry official") is the body met last
  with that noun; with none met, it is left to the quote's speaker rules.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from transforms.nlp.doc_cache import doc_sentence_of, doc_text, doc_tokens
from transforms.nlp.entities import Entity
from transforms.nlp.name_spans import PUBLIC_BODY_NOUNS, TITLE_MODIFIERS, Mention

# Bodies named after the person who leads them ("the Obama administration", "the Blair government").
LED_BODIES = frozenset(("government", "administration"))
# Bodies a country has one of, which "the government" names on its own; "the ministry" or "the committee"
# alone is one named before.
# ("The police", "the army" speak through officers the text does not name: a group, not a body speaking.)
SINGLE_BODIES = frozenset("government cabinet parliament".split())
# Nouns for the people and texts through which a body speaks ("ministry officials").
VOICE_HEADS = frozenset(
    "official officials spokesman spokeswoman spokesperson statement representative representatives".split()
)
QUALIFIER_DEPS = frozenset(("compound", "amod", "nmod"))
# Labels of the model's entities a body's name may include ("U.S." in "U.S. state department").
INCLUDED_LABELS = frozenset(("GPE", "NORP"))


def add_public_bodies(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """``entities`` with the article's described public bodies added as organisations (scope 'article')."""
    text = doc_text(doc)
    sentence_of = doc_sentence_of(doc)
    covered = {c: entity for entity in entities for m in entity.mentions for c in range(m.start, m.end)}
    bodies: dict[str, Entity] = {}  # name, casefolded → entity
    last_by_noun: dict[str, Entity] = {}
    for token in doc_tokens(doc):
        noun = token.lower_
        if token.pos_ not in ("NOUN", "PROPN") or noun not in PUBLIC_BODY_NOUNS or token.idx in covered:
            continue
        # 'Tunisia's foreign ministry' and 'Algeria's foreign ministry' are two: the country's possessive says
        # which as much as the words after it.
        country, which = _country_owning(token, covered), _qualifiers(token)
        qualifiers = country + which
        leader = noun in LED_BODIES and any(t.idx in covered and covered[t.idx].label == "PERSON" for t in qualifiers)
        if not leader and any(t.idx in covered and covered[t.idx].label not in INCLUDED_LABELS for t in qualifiers):
            # 'the Lowy Institute research department': a body the model named is what is meant.
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and after.idx in covered and covered[after.idx].label == "ORG":
            continue  # 'North Korea's state-run news agency KCNA': the name that follows is the body's

        if all(t.lower_ in PUBLIC_BODY_NOUNS for t in qualifiers):
            # 'the government department responsible for …' says of no department which one it is.
            qualifiers = which = []
        # (A body the article named, 'the Ministry of Finance', need not repeat its country's name.)
        named = _named_body(entities, noun, which or country, token.idx)
        if named is not None and (qualifiers or _refers_back(token) or _is_definite(token)):
            # 'the finance ministry' after 'the Ministry of Finance': the body the article named.
            first = min(qualifiers, key=lambda t: t.i) if qualifiers else token
            named.mentions.append(_mention(first, token, text, sentence_of))
            last_by_noun[noun] = named
            continue
        if not qualifiers:
            body = last_by_noun.get(noun)
            if body is not None and _refers_back(token):
                body.mentions.append(_mention(token, token, text, sentence_of))
            elif noun in SINGLE_BODIES and _is_definite(token):
                body = _body(bodies, text[token.idx : token.idx + len(token.text)])
                body.mentions.append(_mention(token, token, text, sentence_of))
                last_by_noun[noun] = body
            continue
        if not (_is_definite(token) or _describes_voice(token) or _has_country(qualifiers, covered)):
            continue
        first = min(qualifiers, key=lambda t: t.i)
        name = text[first.idx : token.idx + len(token.text)]
        body = _body(bodies, name)
        body.mentions.append(_mention(first, token, text, sentence_of))
        last_by_noun[noun] = body
    kept = entities + list(bodies.values())
    for index, entity in enumerate(kept):
        entity.mentions.sort(key=lambda m: m.start)  # a named body's descriptions join its names in text order
        for mention in entity.mentions:
            mention.entity_index = index
    return kept


def _named_body(entities: list[Entity], noun: str, qualifiers: list[Token], before: int) -> Entity | None:
    """The organisation named before ``before`` whose name has the noun and every word that says which one
    ('Ministry of Finance' for 'the finance ministry'), the latest named."""
    wanted = {noun} | {t.lower_ for t in qualifiers if not t.is_punct and t.tag_ != "POS"}
    best: tuple[int, Entity] | None = None
    for entity in entities:
        if entity.label != "ORG" or entity.is_description:
            continue
        words = {w.strip(".,'’").lower() for w in entity.name.split()}
        last = max((m.start for m in entity.mentions if m.start < before), default=None)
        if last is not None and wanted <= words and (best is None or last > best[0]):
            best = (last, entity)
    return None if best is None else best[1]


def _qualifiers(noun: Token) -> list[Token]:
    """The words right before the noun that say which body it is, contiguous up to it."""
    words = [c for c in noun.children if c.dep_ in QUALIFIER_DEPS and c.i < noun.i]
    found: list[Token] = []
    for word in sorted(words, key=lambda t: -t.i):
        span = sorted(word.subtree, key=lambda t: t.i)
        if any(t.pos_ == "ADJ" and not t.ent_type_ and t.lower_ not in TITLE_MODIFIERS for t in span):
            break  # 'the leftist Managua government': an opinion of the body, not which one it is
        if (
            span[-1].i != (found[0].i if found else noun.i) - 1
            or any(t.is_punct and t.text != "." for t in span)
            or any("\n" in t.text or "\n" in t.whitespace_ for t in span)
        ):
            break
        found = span + found
    return found


def _country_owning(noun: Token, covered: dict[int, Entity]) -> list[Token]:
    """ "Nigeria's government": the country whose body it is, its possessive included."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.idx not in covered or covered[owner.idx].label != "GPE":
        return []
    return sorted(owner.subtree, key=lambda t: t.i)


def _is_definite(noun: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "our") for c in noun.children)


def _describes_voice(noun: Token) -> bool:
    return noun.dep_ == "compound" and noun.head.lower_ in VOICE_HEADS


def _refers_back(noun: Token) -> bool:
    """'the ministry', 'ministry officials': the noun alone, definite or describing a voice."""
    return _is_definite(noun) or _describes_voice(noun)


def _has_country(qualifiers: list[Token], covered: dict[int, Entity]) -> bool:
    return any(t.idx in covered and covered[t.idx].label in INCLUDED_LABELS for t in qualifiers)


def _body(bodies: dict[str, Entity], name: str) -> Entity:
    key = name.casefold()
    if key not in bodies:
        bodies[key] = Entity(name=name, label="ORG", is_description=True)
    return bodies[key]


def _mention(first: Token, last: Token, text: str, sentence_of: list[int]) -> Mention:
    """A description's mention of a body (``mention_type`` nominal)."""
    start, end = first.idx, last.idx + len(last.text)
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        label="ORG",
        sentence_index=sentence_of[first.i],
        mention_type="nominal",
    )
