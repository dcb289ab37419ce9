"""Who a pronoun or a description at a quote stands for, read as a journalist writes them.

- **Pronouns.** "he"/"she" is the person the narrative was last about: the sentences before the pronoun
  are searched back, nearest first (a sentence whose subject is the same "he"/"she" carries the person
  on and does not use up the window), and in each the main clause's subject comes before a "when"/"after"
  clause's and before other names (in the pronoun's own sentence a relative clause's subject is none); a
  name inside someone's quoted or reported words, or in an aside in parentheses (a photo's credit), is not
  the narrative's, and a person whose gender the article states otherwise is skipped.  "it"/"they" is an
  organisation that was the subject of a recent sentence.
- **Descriptions.** A spokesperson, official or statement *of* an organisation ("a spokesman for the
  union", "a Hyundai official", "the club's statement") speaks for it; "the spokesman" again is the one
  already met, and "a spokeswoman for …" is the person the next sentences call "the spokeswoman, <name>";
  a spokesperson or a statement with no organisation of its own speaks for the organisation that was the
  narrative's recent subject; a role ("the foreign secretary", "the Tory leader") is the
  person the article gave that role; a noun that ends the name of a body named before ("the hospital" for
  Morton Plant Hospital, "police" for the Pasadena Police, "the hospital's statement") is that body;
  "the North" is the divided country named before (North Korea); what a person does ("the Ballymena-born
  actor") is the person the narrative is about, if the gender agrees; figures, data and a website speak for
  whoever publishes them ("Labor Department figures"); "the company" (or firm, group; also "the
  Houston-based company", words that name no other body) is the organisation that was the narrative's
  recent subject, else the only one its sentence named, else the one the article has named most, at least
  twice as often as any other.
  ("The club said" with no club named so is left alone: on the dev articles, taking the organisation last
  talked about gave no right speaker and one wrong one.)
- Also: a body's executives speak for it, as its officials do; "the newspaper" is the body named before
  whose name says it is one ("The Washington Times"); "the Waterford man" is the person the narrative is
  about when the text gave them that gender; a role no one was given is, failing a person as the sentence
  before's subject, the one person that sentence says acted ("… after criticism by Matt Williams"); a body
  hyphened to "ordered"/"funded" before a text ordered it and is not its voice; a sentence that opens "For
  <person with what they do>," gives that person's view, as its subject would; and with the same "he" as a
  sentence's main subject, the subjects of the clauses it governs are what he thinks, not who he is.
- Anything else stays unresolved: a wrong speaker is worse than a missing one.

Words are compared by their lower-case text: the pipeline lemmatizes only the quote cue words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from transforms.nlp.doc_cache import doc_text
from transforms.nlp.entities import Entity
from transforms.nlp.gender import FEMALE_PRONOUNS, MALE_PRONOUNS, gender_of_words
from transforms.nlp.name_spans import (
    BUSINESS_NOUNS,
    LEGAL_FORMS,
    PERSON_DESCRIPTIONS,
    PLAYER_POSITIONS,
    PUBLIC_BODY_NOUNS,
    Mention,
    name_head,
)
from transforms.nlp.quotes.article import _Article
from transforms.nlp.quotes.lexicon import SPEECH_VERBS
from transforms.nlp.quotes.roles import NEUTRAL_WORDS, role_words_by_mention, stated_gender
from transforms.nlp.quotes.subjects import SUBJECT_DEPS, _subject_of

ORGANISATION_PRONOUNS = frozenset(("it", "they"))
# A participle hyphened to a name that says who ordered or paid for a text, not who wrote it ('White
# House-ordered').
COMMISSIONED_AFTER = re.compile(r"-(?i:ordered|commissioned|funded|sponsored|requested|backed)\b")
# Nouns for a person who speaks for an organisation by office, and for the texts it issues.
SPOKESPERSON_NOUNS = frozenset("spokesman spokeswoman spokesperson spokespeople".split())
DOCUMENT_NOUNS = frozenset(
    "statement release announcement communique letter report filing notice survey study poll memo account "
    "document documents article speech interview figures data statistics estimates website complaint lawsuit "
    "suit".split()
)
# A body's lawyers speak for it ("Yukos' US lawyers said"); a person's lawyers ("Her lawyers") are not them.
LAWYER_NOUNS = frozenset("lawyer lawyers attorney attorneys".split())
VOICE_NOUNS = (
    SPOKESPERSON_NOUNS
    | DOCUMENT_NOUNS
    | frozenset("official officials representative representatives executives".split())
    | LAWYER_NOUNS
)
# "Our correspondent": the outlet's own reporter, named before after the outlet's name or a reporter's role
# within this many words.
OWN_REPORTER_NOUNS = frozenset(("correspondent", "reporter", "editor"))
OUTLET_WORDS = frozenset(("bbc",))
REPORTER_CUE_WORDS = 4
# What people quoted unnamed are called by: a "he" or "she" after one as subject is that person, no one we
# can name ('One dealer noted … "…," he said').
UNNAMED_PERSON_NOUNS = frozenset(
    """
dealer trader economist analyst banker broker executive official source expert diplomat observer witness
resident spokesman spokeswoman spokesperson manager worker employee investor strategist
""".split()
)
# Voices that are people, whom "he", "she" or (plural) "they" can stand for.
# ("executives" plural only: "the chief executive" is an office, the person's own.)
PEOPLE_VOICE_NOUNS = frozenset(("official", "officials", "representative", "representatives", "executives"))
# (Sources are not a voice: "Tory sources say" are people in the party speaking unnamed, not the party.)
# Role nouns a person can be called by after being named with the role ("the foreign secretary").
ROLE_NOUNS = frozenset(
    """
minister secretary chancellor president leader chairman chairwoman chair director executive ceo governor
mayor editor ambassador envoy spokesman spokeswoman senator commissioner premier king queen prince
princess judge prosecutor attorney general commander chief manager coach captain founder owner economist
analyst treasurer speaker head boss mp mep
""".split()
)
# Seats one holds among many, beside any office: a Tory MP can also be the Spectator editor.
MEMBERSHIP_NOUNS = frozenset(("mp", "mep"))
# Kinds of organisation a description can call one by ("the airline said"), with the words in a name that
# say an organisation is of that kind besides the kind itself ("All-Nippon Airways" is an airline).
# Nouns any business can be called by, whatever its name (its trade too: "the chipmaker").
COMPANY_NOUNS = frozenset(("company", "firm", "group")) | BUSINESS_NOUNS
# Last words of a company's name: its legal form, or a word only companies end in.
COMPANY_NAME_WORDS = LEGAL_FORMS | frozenset(("holdings", "company"))
# A town's police go by "police" before the word for the body ('Slidell Police Department', 'Kent Police
# Service'); not 'the state' for the State Department, nor 'the justice' for the Justice Department.
POLICE_BODY_WORDS = frozenset(("department", "dept", "service", "force"))
# Nouns a body is called by as a sentence's subject ('the association advocated'), not the last words of
# names of places and papers ('the street', 'the post').
DESCRIBED_BODY_NOUNS = PUBLIC_BODY_NOUNS | frozenset(
    "association union society league club party foundation trust fund federation organisation organization board "
    "bureau authority institute".split()
)
# The words newspapers' names are made of ('The Washington Post', 'the Wall Street Journal').
NEWSPAPER_NAME_WORDS = frozenset(
    "newspaper times journal herald tribune telegraph gazette chronicle guardian observer".split()
)
ORGANISATION_KINDS: dict[str, frozenset[str]] = {
    "airline": frozenset(("airways", "airlines")),
    "carrier": frozenset(("airways", "airlines")),
    "bank": frozenset(("bank", "bancorp", "banking")),
    "lender": frozenset(("bank", "bancorp", "building", "mortgage")),
    "company": COMPANY_NAME_WORDS,
    "firm": COMPANY_NAME_WORDS,
    **{business: COMPANY_NAME_WORDS for business in BUSINESS_NOUNS},
    # Any body is a group ('SITE Intelligence Group' is not what "the group" of a trucking lobby means):
    # "the group" is the one the narrative is about.
    "group": frozenset(),
    "carmaker": frozenset(("motor", "motors", "automobile", "auto")),
    "automaker": frozenset(("motor", "motors", "automobile", "auto")),
    "newspaper": NEWSPAPER_NAME_WORDS,
    **{
        kind: frozenset((kind,))
        for kind in """
ministry department agency committee commission council party union association federation institute
university court authority regulator board foundation charity network broadcaster club center
centre band magazine think-tank
""".split()
    },
}
# The organisation an article is about, for "the company" when no sentence near it names one as its subject:
# named at least this often before, and this many times as often as any other organisation.
MOST_NAMED_AT_LEAST = 3
MOST_NAMED_LEAD = 2
# Halves of a divided country ("the North" for North Korea, "the South" for South Korea).
COMPASS_NAMES = frozenset(("North", "South", "East", "West"))
# What an office hyphened with is not yet ("President-elect", tokenized President - elect).
OFFICES_TO_COME = frozenset(("elect", "designate"))
# Words that make an office another one: the deputy prime minister is not "the prime minister".
OTHER_OFFICE_WORDS = frozenset(("deputy", "vice", "shadow", "former", "assistant", "junior"))
# A man or a woman described ('the Waterford man'), and their gender.
MAN_AND_WOMAN = {"man": "male", "woman": "female"}
# Sentences searched back for a pronoun's antecedent: about a paragraph of wire copy.
PRONOUN_SENTENCES_BACK = 4
# Sentences searched on for the name of a spokesperson first met as "a spokeswoman for …".
SPOKESPERSON_SENTENCES_AFTER = 2
# Sentences searched back for the person a first-met role ("The Tory leader said") renames.
ROLE_SENTENCES_BACK = 2
# Tags of a plural noun.
PLURAL_TAGS = frozenset(("NNS", "NNPS"))
# "They" stands for several: not one body named in the singular ("Toyota Motor Corp", "the bank").
SINGULAR_NOUN_TAGS = frozenset(("NN", "NNP"))


@dataclass(frozen=True)
class Antecedent:
    """Who a pronoun or description at a quote stands for, and the rule that decided."""

    entity_index: int
    attribution: str  # "pronoun" or "nominal"
    # The description is the role the article gave this person ("the foreign secretary"), not the voice of
    # someone else ("a spokesman for Tony Blair" is Blair's voice, and no role of his).
    by_role: bool = False


class ReferenceResolver:
    """Resolves pronouns and descriptions at quotes against one article's entities.

    ``spoken`` marks the characters of quoted or reported words, where names are someone's words rather
    than the narrative's; until it is known, only the quote marks are.
    """

    def __init__(
        self,
        article: _Article,
        entities: list[Entity],
        entity_at: dict[int, tuple[int, Mention]],
        pronoun_gender: dict[int, str],
    ) -> None:
        self.article = article
        self.entities = entities
        self.entity_at = entity_at
        self.spoken: list[bool] = article.inside_marks
        # Characters of the speaker mentions already resolved: a speaker is as much the narrative's subject as
        # a clause's subject is ('"…," said Graham Robb.  He added …').
        self.speaker_chars: set[int] = set()
        # What the article states (an honorific, a gendered noun) outweighs what its pronouns suggest.
        self.gender = {**pronoun_gender, **stated_gender(entities)}
        self.roles = role_words_by_mention(article, entities)
        # What "the spokesman" resolved to last, by its noun: "the spokesman" again is the same one.
        self.voice_of: dict[str, int | None] = {}
        # Spokespeople met as subjects, by token, and whom they speak for: "A Conservative spokeswoman said …
        # She said: '…'" is the spokeswoman again, speaking for her party.
        self.voices: dict[int, int | None] = {}  # None: a voice of no one we can name ('a company official')
        # Definite descriptions of bodies met as subjects, by token, and the organisation each stands for.
        self.bodies_described: dict[int, int | None] = {}

    def know_spoken(self, spoken: list[bool]) -> None:
        self.spoken = spoken

    def know_speaker(self, start: int, end: int) -> None:
        self.speaker_chars.update(range(start, end))

    def pronoun(self, pronoun: Token) -> Antecedent | None:
        word = pronoun.lower_
        if word in MALE_PRONOUNS or word in FEMALE_PRONOUNS:
            wanted = "male" if word in MALE_PRONOUNS else "female"

            def of_the_gender(index: int) -> bool:
                return self._person_may_be(index, wanted)

            found = self._reporter_of_clause(pronoun, of_the_gender)
            if found is None:
                found = self._narrative_subject(
                    pronoun,
                    of_the_gender,
                    subjects_only=False,
                    singular=True,
                    voice=wanted,
                )
        elif word in ORGANISATION_PRONOUNS:
            # "they" is also a party or a people named by its members ("the Conservatives").
            labels = ("ORG",) if word == "it" else ("ORG", "NORP")
            found = self._narrative_subject(
                pronoun,
                lambda i: self.entities[i].label in labels,
                subjects_only=True,
                plural=word == "they",
                # 'A World Bank report said … It said': the text met as a subject, and so whose it is.
                voice="plural" if word == "they" else "it",
            )
        else:
            return None
        return None if found is None else Antecedent(found, "pronoun")

    def _reporter_of_clause(self, pronoun: Token, fits: Callable[[int], bool]) -> int | None:
        """'Baldrige said he was more optimistic': the subject of a clause someone reports is, as "he" or
        "she", the one who reports it, when that one is a person named there (and of the pronoun's gender)."""
        if pronoun.dep_ != "nsubj":
            return None
        clause = pronoun.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_ not in SPEECH_VERBS:
            return None
        reporter = _subject_of(clause.head, self.spoken)
        found = self._narrative_entity_at(reporter) if reporter is not None else None
        return found[0] if found is not None and fits(found[0]) else None

    def description(self, head: Token) -> Antecedent | None:
        word = head.lower_
        if word in VOICE_NOUNS:
            return self._voice(head)
        if word in OWN_REPORTER_NOUNS and any(c.lower_ == "our" for c in head.children):
            # 'The BBC's Louisa Lim in Shanghai says … our correspondent says': the outlet's own reporter
            # named before.
            found = self._own_reporter_before(head)
            return None if found is None else Antecedent(found, "nominal", by_role=True)
        if word in ORGANISATION_KINDS and (named := self._organisation_naming(head)) is not None:
            # "the Associated Press news agency", "the North's KCNA news agency": the body named before its kind.
            return Antecedent(named, "nominal")
        if not _is_definite(head):
            # 'Police said': with no article at all, the body named before by that last word ('Pasadena Police').
            bare = not any(c.dep_ in ("det", "poss", "nummod") for c in head.children) and not _modifiers(head)
            found = self._organisation_ending_in(head) if bare else None
            return None if found is None else Antecedent(found, "nominal")
        if _is_age(head):
            # 'Mr Spector is free on bail … The 64-year-old has denied the killing': an age names the person
            # the narrative was last about.
            found = self._person_described(head, None)
            return None if found is None else Antecedent(found, "nominal")
        if word in MAN_AND_WOMAN and _modifiers(head) and all(_says_where_from(m) for m in _modifiers(head)):
            # 'Jamie Costin should be paralysed … says the Waterford man': a man or woman said where they are
            # from is the person the narrative is about, when the text gave them that gender ('the other man',
            # 'the young woman' are someone else).
            found = self._person_described(head, MAN_AND_WOMAN[word], gender_known=True)
            return None if found is None else Antecedent(found, "nominal", by_role=True)
        if word in ORGANISATION_KINDS and (
            not _modifiers(head)
            # 'The Houston-based company', 'the bank holding company': words of what it does or where it is
            # based, which name no other body.
            or (
                word in COMPANY_NOUNS
                and all((m.pos_ != "PROPN" and not m.ent_type_) or m.ent_type_ == "NORP" for m in _modifiers(head))
            )
        ):
            found = self._organisation_of_kind(head)
            return None if found is None else Antecedent(found, "nominal")
        if head.text in COMPASS_NAMES:
            # 'North Korea fired … The North said': the place named before whose name starts with the word.
            found = self._place_named_before(head)
            return None if found is None else Antecedent(found, "nominal")
        if word in PERSON_DESCRIPTIONS or word in PLAYER_POSITIONS or is_national_of(head):
            # 'Liam Neeson … The Ballymena-born actor said': what the person the narrative is about does; 'the
            # American said': where they are from.
            found = self._person_described(head, gender_of_words([word]))
            return None if found is None else Antecedent(found, "nominal", by_role=True)
        if word in ROLE_NOUNS or _ends_hyphened_role(head):
            found = self._person_with_role(head)
            if found is not None:
                return Antecedent(found, "nominal", by_role=True)
            found = self._unroled_subject(head)
            if found is None and _is_definite(head):
                found = self._one_person_given_role_later(head)
            return None if found is None else Antecedent(found, "nominal", by_role=True)
        # 'Morton Plant Hospital … The hospital said': a body named before whose name ends in the noun; 'the
        # Slidell police': its name's words before it too.
        modifiers = _modifiers(head)
        named = all(m.pos_ == "PROPN" for m in modifiers)
        found = self._organisation_ending_in(head, frozenset(m.lower_ for m in modifiers)) if named else None
        return None if found is None else Antecedent(found, "nominal")

    def _unroled_subject(self, head: Token) -> int | None:
        """'Michael Howard has denied … The Tory leader said …': a role no one in the article was given yet
        names the person the narrative was last about (else the one person the sentence before says acted:
        '… after criticism by Matt Williams. The Scotland coach said'), if the article gave that person no
        other office (the London mayor is not the prime minister; a Tory MP can be the Spectator editor) and
        the role's gender, if any, is theirs."""
        person = self._main_clause_person(head)
        if person is None:
            person = self._only_person_before(head)
        if person is None:
            return None
        stated = gender_of_words([head.lower_])
        if stated is not None and self.gender.get(person, stated) != stated:
            return None
        offices = {
            word
            for (owner, start), words in self.roles.items()
            if owner == person and start < head.idx
            for word in words & (ROLE_NOUNS - MEMBERSHIP_NOUNS)
        }
        return None if offices else person

    def _only_person_before(self, head: Token) -> int | None:
        """'… has defended the officials after criticism by Matt Williams. The Scotland coach said': the one
        person the sentence before names, outside anyone's words, as the one who acted ("by" them)."""
        sentence_index = self.article.sentence_of[head.i]
        if sentence_index == 0:
            return None
        people = {
            found[0]
            for token in self.article.sentences[sentence_index - 1]
            if (found := self._narrative_entity_at(token)) is not None and self.entities[found[0]].label == "PERSON"
        }
        if len(people) != 1:
            return None
        person = people.pop()
        by = any(
            t.dep_ == "pobj"
            and t.head.lower_ == "by"
            and (f := self._narrative_entity_at(t)) is not None
            and f[0] == person
            for t in self.article.sentences[sentence_index - 1]
        )
        return person if by else None

    def _voice(self, head: Token) -> Antecedent | None:
        """Whose voice a spokesperson, official or text is: the organisation named in its phrase; for "the
        spokesman", the person named as spokesman before, else the one met before; for a spokesperson or a
        text with no organisation of its own, the organisation the narrative is about."""
        word, noun = head.lower_, head.lower_.rstrip("s")
        if word in SPOKESPERSON_NOUNS and any(c.lower_ in ("a", "an") for c in head.children):
            # 'a spokeswoman for China's Foreign Ministry said … said the spokeswoman, Hua Chunying': the
            # spokesperson the next sentences name is the one who spoke.
            named = self._spokesperson_named_after(head)
            if named is not None:
                self.voices[head.i] = named
                return Antecedent(named, "nominal", by_role=True)
        found = self._organisation_in(head)
        if found is None:
            found = self._organisation_of_possessor(head)
        modifiers = _modifiers(head)
        if (
            found is None
            and len(modifiers) == 1
            and modifiers[0].lower_ in COMPANY_NOUNS
            and not any(modifiers[0].children)
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        ):
            # 'A company spokesman said': the voice of the company "the company" would be ('another company
            # official', 'one auto company official' are of a company left unnamed).
            found = self._organisation_of_kind(modifiers[0])
        if found is not None and word in LAWYER_NOUNS and self.entities[found].label != "ORG":
            found = None
        if found is None and word in DOCUMENT_NOUNS and any(c.lower_ == "its" for c in head.children):
            # 'according to its most recent annual report': "its" is the organisation the narrative is about.
            found = self._narrative_subject(head, lambda i: self.entities[i].label == "ORG", subjects_only=True)
        if found is not None and word in SPOKESPERSON_NOUNS and _is_definite(head):
            # 'Drexel spokesman Steve Anredder told Reuters … said the Drexel spokesman': the person named
            # before with this very role.
            named = self._person_with_role(head)
            if named is not None:
                self.voices[head.i] = named
                return Antecedent(named, "nominal", by_role=True)
            # 'Mr Ancram condemned the document … The Tory spokesman also criticised …': a definite
            # spokesperson is a person met before, the one the narrative is about, if the gender agrees.
            person = self._main_clause_person(head)
            stated = gender_of_words([word])
            # 'The Tory spokesman' is the person only if the article ties them to what the modifiers say.
            ties = {m.lower_ for m in _modifiers(head)} <= self._role_words_of(person) if person is not None else False
            if person is not None and ties and (stated is None or self.gender.get(person, stated) == stated):
                self.voices[head.i] = person
                return Antecedent(person, "nominal", by_role=True)
        again = found is None and _is_definite(head) and not _modifiers(head)
        if again and word in SPOKESPERSON_NOUNS:
            spokesperson = self._person_with_role(head)
            if spokesperson is not None:
                self.voices[head.i] = spokesperson
                return Antecedent(spokesperson, "nominal", by_role=True)
        if again:
            found = self.voice_of.get(noun)
        if found is None and word in SPOKESPERSON_NOUNS | DOCUMENT_NOUNS and not _modifiers(head):
            found = self._narrative_subject(head, lambda i: self.entities[i].label == "ORG", subjects_only=True)
        if not again:
            self.voice_of[noun] = found  # what "the spokesman" will be, if he comes again
        if word in SPOKESPERSON_NOUNS | PEOPLE_VOICE_NOUNS | DOCUMENT_NOUNS:
            self.voices[head.i] = found
        return None if found is None else Antecedent(found, "nominal")

    def _own_reporter_before(self, head: Token) -> int | None:
        """The person named last before ``head`` as the outlet's reporter: after "The BBC's", or after a
        reporter's role ("BBC labour affairs correspondent Stephen Cape")."""
        doc = self.article.doc
        for index, mention in sorted(
            (
                (i, m)
                for i, e in enumerate(self.entities)
                if e.label == "PERSON"
                for m in e.mentions
                if m.start < head.idx
            ),
            key=lambda pair: -pair[1].start,
        ):
            first = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if first is None:
                continue
            before = {t.lower_ for t in doc[max(0, first.start - REPORTER_CUE_WORDS) : first.start]}
            if before & (OWN_REPORTER_NOUNS | OUTLET_WORDS):
                return index
        return None

    def _unnamed_person(self, head: Token) -> bool:
        """'One dealer for a U.S.-based bank', 'a senior executive of a Japanese securities firm', 'the foreign
        economist': a person described by what they do, with no name in the description."""
        if head.pos_ != "NOUN" or head.lower_ not in UNNAMED_PERSON_NOUNS:
            return False
        if head.dep_ in ("compound", "flat", "amod", "appos", "nmod"):
            return False  # 'Croydon resident Hannah Collier': the description of a name
        named = (self.entity_at.get(t.idx) for t in head.subtree)
        return not any(found is not None and self.entities[found[0]].label in ("PERSON", "ORG") for found in named)

    def _named_in_full(self, index: int) -> bool:
        entity = self.entities[index]
        return entity.label == "PERSON" and len(entity.name.split()) > 1

    def _person_described(self, head: Token, stated: str | None, *, gender_known: bool = False) -> int | None:
        """The person a description of someone met before stands for ('the 36-year-old', 'the Waterford man',
        'the actor'): the subject of the main clause of one of the two sentences before, else the person the
        narrative was last about as a subject within a pronoun's window ('Jamie Costin should be paralysed. He
        says so himself … There is a chuckle as he talks … says the Waterford man'); of the stated gender."""
        found = self._main_clause_person(head)
        if found is None:
            found = self._narrative_subject(
                head,
                lambda i: self.entities[i].label == "PERSON" if stated is None else self._person_may_be(i, stated),
                subjects_only=True,
                singular=True,
            )
        if found is None or (stated is not None and self.gender.get(found, None if gender_known else stated) != stated):
            return None
        return found

    def _person_may_be(self, index: int, gender: str) -> bool:
        return self.entities[index].label == "PERSON" and self.gender.get(index, gender) == gender

    def _narrative_subject(
        self,
        anchor: Token,
        fits: Callable[[int], bool],
        *,
        subjects_only: bool,
        singular: bool = False,
        plural: bool = False,
        voice: str | None = None,
    ) -> int | None:
        """Nearest sentence first (the part before ``anchor``, then the ones before it): the first subject
        that fits in the nearest sentence with one, within the window; only when no sentence has one (and
        unless ``subjects_only``), the first other name that fits, nearest sentence first.  ``singular``: a plural name
        ('the Lib Dems') cannot be what 'he' or 'she' stands for; ``plural``: a body named by a singular
        noun ('the government') is 'it', not 'they'; ``voice``: the pronoun's gender, "plural" or "it", when a
        spokesperson, officials or a text met as a subject are who it stands for (and so whom they speak
        for)."""
        article = self.article
        sentence_index = article.sentence_of[anchor.i]
        others: list[int] = []
        # Sentences whose subject is the same pronoun carry the person on and do not use up the window: a
        # profile's run of "he said … he believed … he said" goes back to the one name before it.
        back, window = -1, PRONOUN_SENTENCES_BACK
        while back < window:
            back += 1
            if sentence_index - back < 0:
                break
            if back and sentence_index - back in article.furniture_sentences:
                window += 1  # a list of links to other stories is no part of the narrative
                continue
            sentence = article.sentences[sentence_index - back]
            tokens = [t for t in sentence if t.i < anchor.i]
            named = [
                (t, found[0])
                for t in tokens
                if (found := self._narrative_entity_at(t)) is not None and not in_parentheses(t)
            ]
            fitting = [
                (t, index)
                for t, index in named
                if fits(index)
                and not _is_modifier(t)
                # A surname that looks plural ('Arians') is still one person named in full before.
                and not (singular and t.tag_ in PLURAL_TAGS and not self._named_in_full(index))
                and not (plural and name_head(t).tag_ in SINGULAR_NOUN_TAGS)
            ]
            # The main clause's subject first: 'When Pagano had to leave, Arians directed the Colts … He said'
            # is Arians; a subject inside a "when"/"after" clause is what the sentence sets the scene with.
            subjects: list[tuple[Token, int | None]] = sorted(
                (
                    (t, index)
                    for t, index in fitting
                    if (_is_subject(t) or t.idx in self.speaker_chars or _whose_view(t))
                    # 'Citing the deal, which Mr. Netanyahu opposed, he said': the subject of a relative clause
                    # before the pronoun in its own sentence describes something else.
                    and not (back == 0 and _in_relative_clause(t))
                ),
                key=_main_clause_first,
            )
            if plural:
                # 'Jana Partners and CalSTRS … they said', 'Croasmun and Hansen … They said': a subject of
                # names joined by "and" is who "they" are, named by its first (people as well as bodies).
                subjects = [_first_conjunct(t, index, named) for t, index in subjects]
                subjects += [
                    (t, index)
                    for t, index in named
                    if _heads_named_coordination(t)
                    and _is_subject(t)
                    and not _is_modifier(t)
                    and not (back == 0 and _in_relative_clause(t))
                    and (t, index) not in subjects
                ]
                subjects.sort(key=_main_clause_first)
            # 'The association advocated a ban … It said': a body the text calls by a description as a subject
            # is the narrative's subject as much as its name would be.
            subjects += [
                (t, index)
                for t in tokens
                if _is_subject(t)
                and t.i not in self.voices
                and not self.spoken[t.idx]
                and not (back == 0 and _in_relative_clause(t))
                and (index := self._body_described(t)) is not None
                and fits(index)
                and not (plural and name_head(t).tag_ in SINGULAR_NOUN_TAGS)
                and (t, index) not in subjects
            ]
            if voice is not None:
                subjects += [
                    (t, self.voices[t.i])
                    for t in tokens
                    if t.i in self.voices and _is_subject(t) and _voice_agrees(t, voice)
                ]
            if voice in ("male", "female"):
                # 'One dealer for a U.S.-based bank noted … "…," he said': a person the narrative leaves
                # unnamed is who "he" is, and so no one we can name.
                subjects += [
                    (t, None)
                    for t in tokens
                    if t.i not in self.voices
                    and not self.spoken[t.idx]
                    and self._unnamed_person(t)
                    and _is_subject(t)
                    and _voice_agrees(t, voice)
                    and not (back == 0 and _in_relative_clause(t))
                ]
            if voice is not None:
                subjects.sort(key=_main_clause_first)
            if subjects and back and anchor.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS:
                # 'He believes Yahoo failed to see …': with the same "he" as the main clause's subject, the
                # subjects of the clauses it governs are what he thinks or says, not who he is.
                same = [t for t in tokens if t.lower_ == anchor.lower_ and t.dep_ in ("nsubj", "nsubjpass")]
                if any(t.head.dep_ == "ROOT" for t in same):
                    subjects = [p for p in subjects if p[0].head.dep_ == "ROOT" and p[0].i < same[0].i]
            if subjects:
                # A spokesperson of no one we can name ('another company official said') is still who
                # the pronoun stands for: no one.
                return subjects[0][1]
            if back and any(t.lower_ == anchor.lower_ and _is_subject(t) for t in tokens):
                # 'And he hit back at Mr Mallon's claim. "…," he said.': the same pronoun as subject carries
                # the same person on; the names around it are not who it is.
                if anchor.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS:
                    window += 1  # a person's run of "he"; a "they" may be any group, so it keeps the window
                continue
            others.extend(index for t, index in fitting if t.dep_ != "poss")
        # Only when no subject in the window fits is a name in another place what the pronoun stands for: the
        # narrative is about its subjects, not about whom they acted on ('Tony Blair said … a court ruled
        # that doctors could withdraw feeding from Tony Bland. "…," he said' is Blair).
        return others[0] if others and not subjects_only else None

    def _body_described(self, head: Token) -> int | None:
        """The organisation a definite description that names no one ('the association', 'the company')
        stands for; each is read once (a description's own search may meet the ones before it)."""
        if head.i in self.bodies_described:
            return self.bodies_described[head.i]
        self.bodies_described[head.i] = None  # while it is being read, it stands for no one
        word = head.lower_
        named_kind = word in ORGANISATION_KINDS or word in DESCRIBED_BODY_NOUNS
        if not (named_kind and _is_definite(head) and head.pos_ == "NOUN") or any(
            t.idx in self.entity_at for t in head.subtree
        ):
            return None  # ('The advocacy group People for the Ethical Treatment of Animals': named there)
        found = self.description(head)
        index = found.entity_index if found is not None and self.entities[found.entity_index].label == "ORG" else None
        self.bodies_described[head.i] = index
        return index

    def _organisation_of_kind(self, head: Token) -> int | None:
        """'The airline said': the organisation named last before it whose name says it is one ('ANA',
        named 'All-Nippon Airways' before); none when the names say nothing of the kind."""
        kind_words = ORGANISATION_KINDS[head.lower_]
        if head.lower_ in COMPANY_NOUNS:
            # 'Endotronics Inc said … Sakowicz, recently at Control Data Corp, succeeds … In other action, the
            # company said': "the company" is the company the narrative is about before it is the last one
            # named (a regulator or a government the narrative is about is no company).
            found = self._narrative_subject(
                head,
                lambda i: self.entities[i].label == "ORG" and self._named_as_company(self.entities[i]),
                subjects_only=True,
            )
            if found is not None:
                return found
        found = self._organisation_named_before(
            head,
            lambda e: (
                bool({w.lower().strip(".,") for m in e.mentions for w in re.split(r"[\s\-]+", m.text)} & kind_words)
                or self._introduced_as(e, head)
            ),
        )
        if found is None and head.lower_ in COMPANY_NOUNS:
            # 'Cairn Energy said … The company said': else any organisation the narrative is about (not a body
            # the text describes, 'the Brazilian government'), else the only one its own sentence named before
            # it ('Shares in Cairn Energy jumped after the firm said').
            found = self._narrative_subject(
                head,
                lambda i: self.entities[i].label == "ORG" and not self.entities[i].is_description,
                subjects_only=True,
            )
            if found is None:
                found = self._only_organisation_before_in_sentence(head)
            if found is None and not self._organisation_named_before_sentence(head):
                # 'French oil group Total … is still expecting a loss, the company said' opening a story: else
                # the only one its own sentence named, even in the words it reports.
                found = self._only_organisation_before_in_sentence(head, spoken_too=True)
            # 'Microsoft says … Microsoft's site … The company announced': else the organisation the article
            # is about, the one it has named most so far, when no other comes close.
            return found if found is not None else self._organisation_most_named_before(head)
        return found

    @staticmethod
    def _named_as_company(entity: Entity) -> bool:
        """A name that ends as a company's does ('Endotronics Inc', 'Dixons Group PLC')."""
        return any(m.text.split()[-1].lower().rstrip(".,") in COMPANY_NAME_WORDS for m in entity.mentions)

    def _introduced_as(self, entity: Entity, kind: Token) -> bool:
        """'US rock band REM', 'The newspaper Welt am Sonntag', 'The Australian newspaper': a name the text
        gave the kind right before or after, before the description."""
        doc, token_of_char = self.article.doc, self.article.token_of_char
        for mention in entity.mentions:
            if mention.start >= kind.idx or mention.end > len(self.article.text):
                continue
            first, last = token_of_char[mention.start], token_of_char[mention.end - 1]
            beside = [doc[i] for i in (first - 1, last + 1) if first >= 0 and last >= 0 and 0 <= i < len(doc)]
            if any(t.lower_ == kind.lower_ for t in beside):
                return True
        return False

    def _spokesperson_named_after(self, head: Token) -> int | None:
        """The person named in apposition to "the" same spokesperson noun in the sentences right after
        ``head``'s ('the spokeswoman, Hua Chunying': the one met before; 'spokesman Mark Oaten' with no article
        is someone new)."""
        article = self.article
        last = min(len(article.sentences) - 1, article.sentence_of[head.i] + SPOKESPERSON_SENTENCES_AFTER)
        for token in article.doc[head.i + 1 : article.sentences[last].end]:
            if token.lower_ != head.lower_ or self.spoken[token.idx] or not _is_definite(token):
                continue
            for name in (c for c in token.children if c.dep_ == "appos"):
                found = self.entity_at.get(name.idx) or self.entity_at.get(name.left_edge.idx)
                # (A name in apposition to a spokesperson is a person's, whatever the model tagged it.)
                if found is not None and self.entities[found[0]].label in ("PERSON", "ORG"):
                    return found[0]
        return None

    def _organisation_most_named_before(self, head: Token) -> int | None:
        """The organisation named most often before ``head`` in the narrative, when no other comes close."""
        counts = sorted(
            (
                (sum(1 for m in entity.mentions if m.start < head.idx and not self.spoken[m.start]), index)
                for index, entity in enumerate(self.entities)
                if entity.label == "ORG"
            ),
            reverse=True,
        )
        if not counts or counts[0][0] < MOST_NAMED_AT_LEAST:
            return None
        runner_up = counts[1][0] if len(counts) > 1 else 0
        return counts[0][1] if counts[0][0] >= MOST_NAMED_LEAD * runner_up else None

    def _organisation_of_possessor(self, head: Token) -> int | None:
        """ "the company's statement", "the hospital's spokesman": the organisation the possessor describes."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
        if owner is None or not _is_definite(owner) or _modifiers(owner):
            return None
        if owner.lower_ in ORGANISATION_KINDS:
            return self._organisation_of_kind(owner)
        return self._organisation_ending_in(owner)

    def _organisation_ending_in(self, head: Token, named_words: frozenset[str] = frozenset()) -> int | None:
        """The organisation named last before ``head`` whose name ends in its noun ('the hospital' for 'Morton
        Plant Hospital', 'police' for 'Pasadena Police' and a town's 'Slidell Police Department'), with
        ``named_words`` in its name too ('the Slidell police'); kinds any body is called by ('the group') are
        not it."""
        word = head.lower_
        if head.pos_ != "NOUN" or word in ORGANISATION_KINDS:
            return None

        def named_so(entity: Entity) -> bool:
            for mention in (m for m in entity.mentions if m.start < head.idx):
                words = [w.rstrip(".") for w in mention.text.lower().split()]
                police = word == "police" and len(words) > 2 and words[-2] == word and words[-1] in POLICE_BODY_WORDS
                if named_words <= set(words) and (words[-1:] == [word] or police):
                    return True
            return False

        return self._organisation_named_before(head, named_so)

    def _organisation_named_before(self, head: Token, named_so: Callable[[Entity], bool]) -> int | None:
        """The organisation mentioned last before ``head`` among those whose names (any of them: 'UKIP' is the
        UK Independence Party) say so."""
        best: tuple[int, int] | None = None
        for index, entity in enumerate(self.entities):
            last = max((m.start for m in entity.mentions if m.start < head.idx), default=None)
            if last is not None and entity.label == "ORG" and named_so(entity) and (best is None or last > best[0]):
                best = (last, index)
        return None if best is None else best[1]

    def _organisation_naming(self, head: Token) -> int | None:
        """The organisation whose name is among the words before a kind of body ('Associated Press' in 'the
        Associated Press news agency')."""
        for token in head.subtree:
            if token.i >= head.i or token.dep_ not in ("compound", "nmod"):
                continue
            found = self.entity_at.get(token.idx)
            if found is not None and self.entities[found[0]].label == "ORG":
                return found[0]
        return None

    def _place_named_before(self, head: Token) -> int | None:
        best: tuple[int, int] | None = None
        for index, entity in enumerate(self.entities):
            last = max((m.start for m in entity.mentions if m.start < head.idx), default=None)
            named_so = entity.label == "GPE" and entity.name.split()[0] == head.text and len(entity.name.split()) > 1
            if last is not None and named_so and (best is None or last > best[0]):
                best = (last, index)
        return None if best is None else best[1]

    def _only_organisation_before_in_sentence(self, head: Token, *, spoken_too: bool = False) -> int | None:
        sentence = self.article.sentences[self.article.sentence_of[head.i]]
        named = {
            index
            for index, entity in enumerate(self.entities)
            if entity.label == "ORG"
            for m in entity.mentions
            if sentence.start_char <= m.start < head.idx and (spoken_too or not self.spoken[m.start])
        }
        return next(iter(named)) if len(named) == 1 else None

    def _organisation_named_before_sentence(self, head: Token) -> bool:
        sentence_start = self.article.sentences[self.article.sentence_of[head.i]].start_char
        return any(
            entity.label == "ORG" and any(m.start < sentence_start for m in entity.mentions) for entity in self.entities
        )

    def _role_words_of(self, person: int) -> frozenset[str]:
        return frozenset(w for (owner, _), words in self.roles.items() if owner == person for w in words)

    def _main_clause_person(self, head: Token) -> int | None:
        """The person who is the subject of the main clause of one of the two sentences before ``head``'s
        (nearest first); a pronoun subject, or none, carries the search back; any other subject ends it."""
        sentence_index = self.article.sentence_of[head.i]
        for back in range(1, ROLE_SENTENCES_BACK + 1):
            if sentence_index - back < 0:
                return None
            root = self.article.sentences[sentence_index - back].root
            subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None or subject.lower_ in MALE_PRONOUNS | FEMALE_PRONOUNS:
                continue
            found = self._narrative_entity_at(subject) or next(
                (
                    self.entity_at[c.idx]
                    for c in subject.children
                    if c.dep_ in ("compound", "flat") and c.idx in self.entity_at
                ),
                None,
            )
            if found is None or self.entities[found[0]].label != "PERSON":
                return None
            return found[0]
        return None

    def _narrative_entity_at(self, token: Token) -> tuple[int, Mention] | None:
        if self.spoken[token.idx]:
            return None
        return self.entity_at.get(token.idx)

    def _organisation_in(self, head: Token) -> int | None:
        """The organisation (or person) a voice noun speaks for: named in its phrase ('for the union', 'a
        Hyundai official', "VW's headquarters"), never inside a relative clause."""
        for token in head.subtree:
            if token.i == head.i or any(a.dep_ == "relcl" for a in _ancestors_to(token, head)):
                continue
            found = self.entity_at.get(token.idx)
            if found is not None and COMMISSIONED_AFTER.match(self.article.text, found[1].end):
                continue  # 'A White House-ordered report': who ordered it, not whose voice it is
            if found is not None and self.entities[found[0]].label in ("ORG", "PERSON"):
                return found[0]
        return None

    def _person_with_role(self, head: Token) -> int | None:
        """The person last named with this role before the description: every word the description adds
        to its role noun ('foreign' in 'the foreign secretary') must be in that person's role too."""
        wanted = {head.lower_} | {w.lower_ for w in _modifiers(head)}
        best: tuple[int, int] | None = None
        for index, entity in enumerate(self.entities):
            if entity.label != "PERSON":
                continue
            for mention in entity.mentions:
                words = self.roles.get((index, mention.start), frozenset())
                # 'President-elect Donald Trump' is not yet 'the President', nor the deputy prime minister 'the
                # prime minister'.
                to_come = (words & (OFFICES_TO_COME | OTHER_OFFICE_WORDS)) - wanted
                if (
                    mention.start < head.idx
                    and wanted <= words
                    and not to_come
                    and (best is None or mention.start > best[0])
                ):
                    best = (mention.start, index)
        return None if best is None else best[1]

    def _one_person_given_role_later(self, head: Token) -> int | None:
        """'The FBI director said …' in a story's lead, and further down 'FBI Director James Comey': a role no
        one was given before is the person the article gives that very role after (not 'French President
        Emmanuel Macron' for 'the president'), when it gives it to one person only."""
        wanted = {head.lower_} | {w.lower_ for w in _modifiers(head)}
        given = {
            index
            for index, entity in enumerate(self.entities)
            if entity.label == "PERSON"
            for mention in entity.mentions
            if mention.start > head.idx and self.roles.get((index, mention.start), frozenset()) == wanted
        }
        return next(iter(given)) if len(given) == 1 else None


def _says_where_from(modifier: Token) -> bool:
    """'Waterford' in 'the Waterford man', 'Irish', 'Dublin-born': a place, a people, or where one was born."""
    return modifier.pos_ == "PROPN" or modifier.ent_type_ in ("GPE", "NORP", "LOC") or modifier.lower_.endswith("-born")


def is_national_of(head: Token) -> bool:
    """'the American', 'the Scot': one person named by a people's word (not 'the Americans', not 'American
    officials')."""
    return (
        head.ent_type_ == "NORP"
        and head.tag_ not in PLURAL_TAGS
        and not head.lower_.endswith("s")
        and _is_definite(head)
        and not _modifiers(head)
    )


def _voice_agrees(voice_noun: Token, wanted: str) -> bool:
    """'officials' are 'they'; 'a spokeswoman' is 'she', 'an official' 'he' or 'she'; 'the report' is 'it'."""
    if voice_noun.tag_ in PLURAL_TAGS:
        return wanted == "plural"
    if voice_noun.lower_ in DOCUMENT_NOUNS:
        return wanted == "it"
    return wanted not in ("plural", "it") and gender_of_words([voice_noun.lower_]) in (None, wanted)


def _ends_hyphened_role(head: Token) -> bool:
    """'the president-elect' (tokenized president - elect, headed by 'elect'): a role hyphened on to a role noun."""
    doc = head.doc
    return head.i >= 2 and doc[head.i - 1].text == "-" and doc[head.i - 2].lower_ in ROLE_NOUNS


def _is_age(head: Token) -> bool:
    """'the 64-year-old' (tokenized 64 - year - old, headed by 'old')."""
    return head.lower_ == "old" and any(c.lower_ in ("year", "years") for c in head.children)


def in_brackets(token: Token) -> bool:
    """'(CNN) North Korean leader Kim …': a name in brackets is an aside (a dateline's agency, a short
    form), not what the narrative is about."""
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"


def _in_relative_clause(token: Token) -> bool:
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            return True
        node = node.head
    return False


def _whose_view(token: Token) -> bool:
    """'For Jupiter analyst Olivier Beauvillain, Yahoo's decision was an error', 'But for Allen Weiner, a
    research director at Gartner, …': the person a sentence opens with after "for", given with what they do
    (as whose view counts), is whose view the sentence gives, as its subject would be ('But for Petr Cech,
    Chelsea would have lost' says what would have happened without him)."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ != "for":
        return False
    described = any(c.dep_ == "appos" for c in token.children) or any(
        t.i < token.i and t.pos_ == "NOUN" and t.is_lower for t in token.subtree
    )
    if not described:
        return False
    opening = preposition.sent.start
    words_before = [t for t in preposition.doc[opening : preposition.i] if not t.is_punct and not t.is_space]
    last = token.right_edge  # the comma that closes the phrase may hang on its last word
    ends = last if last.text == "," else token.doc[last.i + 1] if last.i + 1 < len(token.doc) else None
    return all(t.lower_ in ("but", "and", "yet") for t in words_before) and ends is not None and ends.text == ","


def _main_clause_first(pair: tuple[Token, int | None]) -> tuple[bool, int]:
    return _in_adverbial_clause(pair[0]), pair[0].i


def _in_adverbial_clause(token: Token) -> bool:
    """The token is inside a clause that modifies another ('When Pagano had to leave the team, …')."""
    node = token
    while node.head.i != node.i:
        if node.dep_ == "advcl":
            return True
        node = node.head
    return False


# How far an aside in parentheses reaches on either side of a name in it ("(Elaine Thompson/Associated Press)").
ASIDE_TOKENS = 12


def in_parentheses(token: Token) -> bool:
    """A name inside parentheses on its line: an aside (a photo's credit, a dateline's agency, a short form),
    not what the narrative is about."""
    opening, closing = _bracket_towards(token, -1), _bracket_towards(token, 1)
    if opening is None or closing is None:
        return False
    return "\n" not in doc_text(token.doc)[opening.idx : closing.idx]


def _bracket_towards(token: Token, step: int) -> Token | None:
    """The bracket that opens (``step`` -1) or closes (1) an aside around ``token``, within reach."""
    doc = token.doc
    wanted, other = ("(", ")") if step < 0 else (")", "(")
    for index in range(token.i + step, token.i + step * (ASIDE_TOKENS + 1), step):
        if not 0 <= index < len(doc) or doc[index].text == other:
            return None
        if doc[index].text == wanted:
            return doc[index]
    return None


def _is_subject(token: Token) -> bool:
    """The token heads, or is part of, a clause's subject, or the agent of a passive one ('His claims were
    denied by Jack Straw': Straw is who acted)."""
    node = token
    while node.dep_ in ("compound", "flat", "amod", "appos", "conj") and node.head.i != node.i:
        node = node.head
    return node.dep_ in SUBJECT_DEPS or (node.dep_ == "pobj" and node.head.dep_ == "agent")


def _heads_named_coordination(token: Token) -> bool:
    """The name is the first of names joined by "and" ('Croasmun and Hansen')."""
    head = name_head(token)
    return head.dep_ != "conj" and any(c.dep_ == "conj" and c.ent_type_ for c in head.children)


def _first_conjunct(token: Token, index: int | None, named: list[tuple[Token, int]]) -> tuple[Token, int | None]:
    """The first of the names joined by "and" that ``token``'s name is a later one of, else the name itself."""
    head = name_head(token)
    if head.dep_ != "conj":
        return token, index
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return next(((t, i) for t, i in named if name_head(t).i == first.i), (token, index))


def _is_modifier(token: Token) -> bool:
    """A name used to describe something else ('Lib Dem parties', 'the Clinton campaign'), not a reference."""
    node = token
    while node.dep_ in ("compound", "flat") and node.head.i != node.i and node.head.ent_iob_ == "I":
        node = node.head
    return node.dep_ in ("compound", "amod") and node.head.pos_ == "NOUN"


def _is_definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their") for c in head.children)


def _modifiers(head: Token) -> list[Token]:
    """The words a description adds to its head noun ('foreign' in 'the foreign secretary')."""
    return [
        c
        for c in head.children
        if c.i < head.i and c.dep_ in ("amod", "compound", "nmod") and c.lower_ not in NEUTRAL_WORDS
    ]


def _ancestors_to(token: Token, top: Token) -> list[Token]:
    chain = []
    node = token
    while node.i != top.i and node.head.i != node.i:
        chain.append(node)
        node = node.head
    return chain
