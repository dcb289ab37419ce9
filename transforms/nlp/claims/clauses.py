"""The clause around an amount, read word by word: the verb whose object it is and that verb's subject
("Mitch killed about 10,000 people", "UK shoppers spent £5.3bn on plastic cards"), the verb counted things
are the subject of ("63,000 mobile phones have been left in black cabs"), and what a share that opens its
clause did or said ("Of these, 83% were happy with the experience")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from transforms.nlp.claims.annotations import (
    is_hyphen_inside_word,
    looks_past_participle,
    phrase_start_before,
    starts_sentence,
)
from transforms.nlp.claims.lexicon import (
    COMMON_VERBS,
    DETERMINERS,
    FRACTION_WORDS,
    WEEKDAYS,
)
from transforms.nlp.claims.phrases import (
    AUXILIARIES,
    HEDGE_WORDS,
    ING_ADVERBS,
    WHEN_PREPOSITIONS,
    WHICH_PREPOSITIONS,
    index_after,
    is_adverb,
    is_participle,
    phrase_before_amount,
    plain_phrase_after,
    says_when,
    token_before,
    which_end,
)
from transforms.nlp.claims.quantities import past_brackets
from transforms.nlp.doc_cache import doc_text

# A subject a count's verb may have that names whom well enough ("people he killed").
SUBJECT_PRONOUNS = frozenset(("he", "she", "they", "we", "i", "you"))
MODALS = frozenset("will would could should may might must can".split())
# A relative clause set off by commas between a subject and its verb, and how long it may be.
RELATIVE_WORDS = frozenset(("who", "whose", "which", "where"))
ASIDE_WORDS = 15
CONTRACTED_AUXILIARIES = frozenset(("'d", "’d", "'ve", "’ve", "'s", "’s", "'ll", "’ll"))
# Verbs whose object is no measured thing: speech ('said two people'), a list's 'including', an age.
NOT_MEASURING_VERBS = frozenset(
    "said says say told tell added according including include includes aged seen see sees saw expected".split()
)
# Verbs a share or a count is the subject of, whose clause says who they are ('83% were happy', '16% said').
SHARE_VERBS = frozenset(
    """
is are was were has have had will would could can may might should said say says saw see sees expect expects
plan plans want wants believe believes think thinks thought support supports oppose opposes use uses own owns
involve involves agree agrees agreed
""".split()
)
# A clause ends at these, and at "and"/"but" before the next amount.
CLAUSE_PUNCTUATION = frozenset(', ; : . ! ? ( ) - – — " “ ”'.split())
CLAUSE_JOINS = frozenset(("and", "but", "while", "whereas", "or"))
# Words after which an amount opens a clause as its subject ('said 50 people were still critical').
SUBJECT_OPENERS = frozenset("and but while whereas though although that because as if when of said says say".split())
# Adverbs between a share and its verb.
PREDICATE_ADVERBS = ING_ADVERBS | frozenset(("only", "all", "both"))
# How many words of a clause are read at most.
PREDICATE_WORDS = 14
# Prepositions an amount's verb may take it through ('taken to two hospitals', 'relationships with 27 countries').
VERB_PREPOSITIONS = frozenset("to with on in from into at for against by".split())
# Particles that belong to the verb before them ('sold off', 'paid out', 'voted off').
PARTICLES = frozenset(("off", "out", "up", "down", "away", "back"))


def clause_after(doc: Doc, index: int) -> int | None:
    """Where the verb the counted things are the subject of ends, with its object and the phrases that say
    where ('were left in licensed cabs', 'lost their jobs'); None when no such verb follows."""
    if index < len(doc) - 1 and doc[index].lower_ in ("and", "or"):
        other = plain_phrase_after(doc, index + 1, determiners=False)
        index = other.end if other is not None else index  # 'companies and facilities were sold off'
    k = index
    while k < len(doc) and (doc[k].lower_ in AUXILIARIES or is_adverb(doc[k])):
        k += 1
    if k >= len(doc) - 1 or not is_participle(doc[k]) or doc[k].lower_ in NOT_MEASURING_VERBS:
        return None
    if k == index and doc[k + 1].lower_ not in DETERMINERS | PARTICLES:
        return None  # no auxiliary: a past verb only with its object ('lost their jobs'), not a bare word
    verb_end = k + 1 if doc[k + 1].lower_ not in PARTICLES else k + 2
    obj = plain_phrase_after(doc, verb_end, determiners=True) if verb_end < len(doc) else None
    group = doc[k : obj.end if obj is not None else verb_end]
    return which_end(doc, group) if len(group) > 0 else None


def relative_clause_end(doc: Doc, index: int) -> int | None:
    """'families who had left the countryside in the south': where a relative clause opening at token
    ``index`` ends (its clause's punctuation, or ``PREDICATE_WORDS`` on), or None when none opens there."""
    if index < 1 or index >= len(doc) - 2 or doc[index].lower_ not in ("who", "that", "which"):
        return None
    if doc[index].lower_ == "that" and doc[index - 1].lower_ in NOT_MEASURING_VERBS | SHARE_VERBS:
        return None  # 'said that …': a clause said, not one that says which
    last = None
    for k in range(index + 1, min(len(doc), index + PREDICATE_WORDS)):
        token = doc[k]
        if _ends_clause(doc, k):
            break
        verb_group = doc[k - 1].lower_ in AUXILIARIES | {"to", "not", "never"} or is_adverb(doc[k - 1])
        if k > index + 2 and token.lower_ in AUXILIARIES and not verb_group:
            break  # '… who had left the countryside | had been land-owners': the main clause's verb
        if token.lower_ in CLAUSE_JOINS and k + 1 < len(doc) and doc[k + 1].lower_ in DETERMINERS:
            break  # '… who were interested | and the project was born'
        last = k
    return None if last is None else doc[last].idx + len(doc[last])


def share_predicate(doc: Doc, start: int, end: int, *, speech: bool = True) -> str | None:
    """'Of these, 83% were happy with the experience', '16% said that none of their cards had been replaced',
    '60% of UK households have gone digital': what a share (or counted things) did or said, which says who
    they are; the verb right after the amount, or after its whole, up to the end of its clause."""
    index = index_after(doc, end)
    if index is None or doc[index].idx > end + 1 or not _in_subject_position(doc, start):
        return None
    while index < len(doc) - 1 and (doc[index].lower_ in PREDICATE_ADVERBS or is_adverb(doc[index])):
        index += 1  # '6 million UK households now have', '50 people were still critical'
    verb = doc[index]
    if not (verb.lower_ in SHARE_VERBS or looks_past_participle(verb)):
        return None
    if not speech and verb.lower_ in NOT_MEASURING_VERBS:
        return None
    last = index
    for k in range(index + 1, min(len(doc), index + PREDICATE_WORDS)):
        token = doc[k]
        if _ends_clause(doc, k):
            break
        if token.lower_ in CLAUSE_JOINS and any(t.like_num or t.lower_ in FRACTION_WORDS for t in doc[k + 1 : k + 3]):
            break  # 'and 27% saw them fall', 'and half of the members left': the next share's clause
        if _says_when_from(doc, k):
            break  # 'was sold a year earlier', 'agreed on 5 June 2024': when is the claim's time, not who
        last = k
    if doc[last].text == "-" and last > index:
        last -= 1  # cut off at the limit inside a hyphened word ('case-by-case')
    return doc_text(doc)[verb.idx : doc[last].idx + len(doc[last])]


def _ends_clause(doc: Doc, k: int) -> bool:
    """Token ``k`` ends a clause: its punctuation (not a hyphen inside a word: 'life-extending') or a new line."""
    token = doc[k]
    if token.text in CLAUSE_PUNCTUATION and not is_hyphen_inside_word(token):
        return True
    return "\n" in token.text or "\n" in doc[k - 1].whitespace_


def _in_subject_position(doc: Doc, start: int) -> bool:
    """The amount opens its clause ('Of these, 83% were', 'found that 70% of people'), not 'to 10% was'."""
    i = token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS - {"at", "to", "than", "the", "a"}:
        i -= 1
    return i is None or doc[i].is_punct or doc[i].lower_ in SUBJECT_OPENERS or starts_sentence(doc[i + 1])


def _says_when_from(doc: Doc, k: int) -> bool:
    """A time phrase starts at token ``k``: 'on 5 June', 'in the quarter ending', 'a year earlier'."""
    word = doc[k].lower_
    following = doc[k + 1 : k + 4]
    if word in WHEN_PREPOSITIONS | {"by", "since", "until"} and len(following) > 0:
        nxt = following[0]
        if says_when(nxt) or nxt.like_num or nxt.lower_ in WEEKDAYS:
            return True
        return nxt.lower_ in DETERMINERS and len(following) > 1 and says_when(following[1])
    return (
        len(following) > 1
        and (word in ("a", "an") or doc[k].like_num)
        and says_when(following[0])
        and following[1].lower_ in ("earlier", "later", "ago", "before", "after")
    )


# Tags of a verb in a tense or in -ing after its auxiliary ('is fighting').
VERB_TAGS = frozenset(("VBD", "VBZ", "VBP", "VBG"))
# Verbs of speech that also take an amount as their object ('he added', 'Jones added four conversions').
OBJECT_TAKING_SPEECH = frozenset(("added",))
# Adverbs between a modal and its verb besides those in -ly ('will also ship').
MODAL_ADVERBS = frozenset(("also", "still", "now", "not", "never", "soon", "then", "even"))


def _between_modal_and_verb(token: Token) -> bool:
    """An adverb that may stand between a modal and its verb ('will also ship', 'could eventually transfer')."""
    return is_adverb(token) or token.lower_ in MODAL_ADVERBS


def doer_before(
    doc: Doc, start: int, *, pronoun_subjects: bool = True, through_preposition: bool = False
) -> str | None:
    """'Mitch killed about 10,000 people': the subject and verb whose object the amount is ('Mitch killed');
    a pronoun subject ("he'd killed five people") only where ``pronoun_subjects``; with
    ``through_preposition``, also the verb (and its object) the amount's preposition hangs on ('the list would
    be limited to 30-40 enterprises': the list would be limited to; 'China maintains formal diplomatic
    relationships with 27 countries')."""
    i = token_before(doc, start)
    while i is not None and i > 0 and doc[i].lower_ in HEDGE_WORDS - {"to", "the", "a"}:
        i -= 1
    if i is None or i == 0:
        return None
    particle = doc[i] if doc[i].lower_ in PARTICLES else None
    verb_index = i - 1 if particle is not None else i
    if through_preposition and doc[i].lower_ in VERB_PREPOSITIONS and i > 1:
        thing = None if doc[i - 1].lower_ in PARTICLES else phrase_start_before(doc, i)
        verb_index = thing - 1 if thing is not None and thing > 0 else i - 1
        if doc[verb_index].lower_ in PARTICLES and verb_index > 0:
            verb_index -= 1  # 'walked away with three trophies': the verb before its particle
        if doc[verb_index].lower_ in DETERMINERS and verb_index > 0:
            verb_index -= 1
    verb = doc[verb_index]
    # A word in its base form after a modal or "to" is a verb too ('could transfer', 'to renationalise').
    before_verb = verb_index - 1
    while before_verb > 0 and _between_modal_and_verb(doc[before_verb]):
        before_verb -= 1  # 'will also ship', 'could eventually transfer'
    after_modal = verb_index > 0 and verb.is_lower and doc[before_verb].lower_ in MODALS | {"to"}
    # With tags, any verb in a tense ('Wal-Mart is fighting two lawsuits', 'China maintains relations with 27
    # countries'); without, the verbs a word list or a participle's ending tells.
    tagged_verb = verb.tag_ in VERB_TAGS and verb.is_lower
    # 'Jones added four conversions': a verb of speech whose object is the amount is no speech.
    speech = verb.lower_ in NOT_MEASURING_VERBS and not (verb.lower_ in OBJECT_TAKING_SPEECH and verb_index == i)
    if not (is_participle(verb) or verb.lower_ in COMMON_VERBS or after_modal or tagged_verb) or speech:
        return None
    k = verb_index
    # Back over auxiliaries to the subject: 'had paid', "he'd killed", 'is to cost', and over a verb that
    # takes "to" ('was planning to renationalise', 'plans to cut').
    while k > 0 and (
        doc[k - 1].lower_ in AUXILIARIES | CONTRACTED_AUXILIARIES | {"to"}
        or is_adverb(doc[k - 1])
        or (doc[k].lower_ == "to" and doc[k - 1].is_lower and doc[k - 1].is_alpha and k - 1 < verb_index)
    ):
        k -= 1
    pronoun = k > 0 and doc[k - 1].lower_ in SUBJECT_PRONOUNS
    if pronoun and not pronoun_subjects:
        return None
    end = doc[i].idx + len(doc[i])
    if pronoun:
        return doc_text(doc)[doc[k - 1].idx : end]  # as written: "he'd killed"
    subject = phrase_before_amount(doc, _before_relative_aside(doc, k))
    return None if subject is None else f"{subject} {doc_text(doc)[doc[k].idx : end]}"


def _before_relative_aside(doc: Doc, k: int) -> int:
    """'Sizzla, whose real name is Miguel Collins, has released 25 albums': the subject is before the relative
    clause set off by commas."""
    if k < 3 or doc[k - 1].text != ",":
        return k
    for j in range(k - 2, max(0, k - ASIDE_WORDS) - 1, -1):
        if doc[j].text == ",":
            return j if j + 1 < k and doc[j + 1].lower_ in RELATIVE_WORDS else k
    return k


def verb_object(doc: Doc, start: int, end: int) -> str | None:
    """'UK shoppers spent £5.3bn on plastic cards', 'The deal is to cost $11.5bn': who did what with the amount,
    and on what ('UK shoppers spent on plastic cards', 'deal cost')."""
    # A named subject is needed: 'he earned' says nothing of what is measured.
    doer = doer_before(doc, start, pronoun_subjects=False)
    if doer is None:
        return None
    after = index_after(doc, past_brackets(doc_text(doc), end))
    if after is None or doc[after].lower_ not in WHICH_PREPOSITIONS:
        return doer
    which = which_end(doc, doc[after:after])
    return f"{doer} {doc_text(doc)[doc[after].idx : which]}" if which > doc[after].idx else doer
