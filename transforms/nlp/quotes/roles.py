"""What an article states about the people in it, read once per article for resolving references: the
words of the role it gives each person mention ("Foreign Secretary Jack Straw", "Michael Ancram, the
shadow foreign secretary", "Park Soo-hyun, the spokesman for …, said") and the gender its honorifics and
titles state.  Pronouns are not evidence here: which person a pronoun is for is what is being resolved.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from transforms.nlp.entities import Entity
from transforms.nlp.gender import gender_of_words, role_words
from transforms.nlp.quotes.article import _Article

# Words of a description that say nothing about which one it is.
NEUTRAL_WORDS = frozenset("the a an this that his her its their our my your one new then former".split())
# Tokens read after a name for the description between commas that follows it.
APPOSITION_TOKENS = 12


def role_words_by_mention(article: _Article, entities: list[Entity]) -> dict[tuple[int, int], frozenset[str]]:
    """Per person mention (entity index, start), the lower-case words of the role the article gives it there:
    a title before the name ('Foreign Secretary Jack Straw', 'The Spectator editor Boris Johnson') or an
    appositive after it ('Michael Ancram, the shadow foreign secretary')."""
    doc = article.doc
    roles: dict[tuple[int, int], frozenset[str]] = {}
    for index, entity in enumerate(entities):
        if entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            if mention.start >= len(article.text):
                continue
            words = set((mention.role or "").lower().split())
            token_index = article.token_of_char[mention.start]
            if token_index >= 0:
                head = doc[token_index]
                while head.head.i != head.i and head.head.idx < mention.end and head.head.idx >= mention.start:
                    head = head.head
                # The parser may hang the next paragraph on a description: a role ends at the paragraph's end.
                paragraph_end = article.paragraphs[article.paragraph_index(mention.start)][1]
                for child in head.children:
                    if child.dep_ in ("compound", "amod", "nmod") and child.idx < mention.start:
                        words |= {t.lower_ for t in child.subtree}
                    elif child.dep_ == "appos" and child.pos_ == "NOUN":
                        words |= {t.lower_ for t in child.subtree if t.dep_ != "relcl" and t.idx < paragraph_end}
                last = article.token_of_char[mention.end - 1]
                if last >= 0:
                    words |= apposition_after(doc, last)
            roles[(index, mention.start)] = frozenset(words - NEUTRAL_WORDS)
    return roles


def apposition_after(doc: Doc, last_token: int) -> set[str]:
    """'Park Soo-hyun, the spokesman for President Moon, said': the description between commas right after
    a name (whose last token is ``last_token``) is that person's, however the parser attached it.  Its head
    noun and the words before it."""
    tokens = list(doc[last_token + 1 : last_token + 1 + APPOSITION_TOKENS])
    if len(tokens) < 3 or tokens[0].text != "," or tokens[1].pos_ != "DET":
        return set()
    phrase: list[Token] = []
    for token in tokens[2:]:
        if token.pos_ not in ("ADJ", "NOUN", "PROPN", "ADP", "DET", "PUNCT") or token.text == ",":
            break
        phrase.append(token)
    nouns = [k for k, t in enumerate(phrase) if t.pos_ == "NOUN"]
    if not nouns:
        return set()
    # Up to the first noun's phrase: 'the spokesman for President Moon' is a spokesman, not a president.
    return {t.lower_ for t in phrase[: nouns[0] + 1]} - NEUTRAL_WORDS


def stated_gender(entities: list[Entity]) -> dict[int, str]:
    """A person's gender as the article states it in the roles it gives them ("Ms Hewitt", "Lord Falconer",
    "spokeswoman Jane Roe"), read as the warehouse reads it (warehouse.publish.entity_gender_sql); roles of
    both genders leave it unknown.  Pronouns are not evidence here: which person a pronoun is for is what is
    being resolved."""
    votes: dict[int, set[str]] = {}
    for index, entity in enumerate(entities):
        if entity.label != "PERSON":
            continue
        for mention in entity.mentions:
            stated = gender_of_words(role_words(mention.role))
            if stated is not None:
                votes.setdefault(index, set()).add(stated)
    return {index: next(iter(found)) for index, found in votes.items() if len(found) == 1}
