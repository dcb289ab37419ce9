"""The cue words: every set of lemmas the quote extraction tests a word against.

The pipeline lemmatizes only the words that can have one of these lemmas (transforms/nlp/selective_lemmas.py),
so a lemma test anywhere in this package must use these sets; LEMMAS_ASKED_ABOUT is their union.
"""

from __future__ import annotations

# Verbs that report speech and take a reported clause ("said that …").
SPEECH_VERBS = frozenset(
    """
say tell add report state announce claim warn insist argue note explain acknowledge admit predict
suggest write reply respond declare confirm deny stress emphasise emphasize assert contend maintain
reiterate remark observe recall testify urge estimate forecast ask tweet concede complain boast
answer counter retort recount reveal disclose allege charge caution indicate mention agree
""".split()
)
# Speech verbs whose report is a to-infinitive ("vowed to repeal the law", "told reporters to expect
# a vote") rather than a clause.
PROMISE_VERBS = frozenset("promise vow pledge threaten urge".split())
DIRECTIVE_VERBS = PROMISE_VERBS | frozenset("ask tell warn".split())
# Verbs whose report is what follows "for" or "on" ('called for a delay', 'called on the government to act').
CALLING_VERBS = frozenset(("call",))
CALLING_PREPOSITIONS = frozenset(("for", "on"))
# Speech verbs whose noun right after them is the one spoken to ('… told Associated Press'), never the speaker.
LISTENER_VERBS = frozenset(("tell",))
# Speech verbs whose direct object is what was said ("announced a new plan", "stressed those worries").
# Not deny, claim, promise or reveal: on PolNeAR train their objects were as often not a report.
OBJECT_REPORT_VERBS = frozenset(
    """
announce mention stress emphasise emphasize reiterate acknowledge confirm report recall
""".split()
)
# Verbs that frame a partial quote by judging or passing on words ('blamed the law on "knuckleheaded
# politicians"', 'a sign that read "…"'): the quoted words are the subject's.
EVALUATIVE_VERBS = frozenset(
    """
blame cite proclaim concede conclude recognize recognise accuse attack hit slam blast deride tout defend
reject decry denounce lament question challenge thank credit insult chant quote refer read compare
""".split()
)
# Verbs that frame a partial quote without reporting a clause ("welcomed it as an 'important step'").
FRAMING_VERBS = (
    SPEECH_VERBS
    | PROMISE_VERBS
    | frozenset(
        """
welcome call describe hail praise term label dub express voice criticise criticize condemn brand
characterise characterize dismiss
""".split()
    )
    | EVALUATIVE_VERBS
)
# Cues whose passive subject is not the speaker ('Trump was asked', 'Blunkett was accused of'); one
# "quoted" or "cited as saying" is.
PASSIVE_NOT_SPEAKER_VERBS = FRAMING_VERBS - frozenset(("quote", "cite"))
# Verbs that give a name ('called it "Crooked Hillary"'): a title-cased partial quote after them is a quote.
NAMING_VERBS = frozenset("call dub label brand term nickname describe".split())
# Verbs that only introduce a quote right next to it ('"…," he continued.', '"Out!" the crowd yelled.').
QUOTE_ADJACENT_VERBS = FRAMING_VERBS | frozenset(
    """
continue conclude joke quip mock scoff shout yell exclaim muse wonder laugh sigh chime interject
recall read bark snap whisper scream cry gush rave plead demand marvel tease growl thunder
""".split()
)
# Verbs that need a subject of their own to make a quote: "Asked whether …, he said" is the reporter's question.
NEEDS_SUBJECT = frozenset(("ask",))
# Verbs whose object can be part of the cue, and the nouns after "expressed her …" that are ("expressed
# her desire").
EXPRESSING_VERBS = frozenset(("express", "voice"))
CUE_OBJECT_NOUNS = frozenset("desire hope wish concern view belief confidence regret".split())
# 'the newspaper quoted X as saying': the verb that names someone else as the speaker.
QUOTING_VERBS = frozenset(("quote",))
# Every lemma this module tests a word for.  The pipeline lemmatizes only the words that can have one of
# them (transforms/nlp/selective_lemmas.py), so a lemma test must use these sets.
LEMMAS_ASKED_ABOUT = (
    SPEECH_VERBS
    | PROMISE_VERBS
    | DIRECTIVE_VERBS
    | LISTENER_VERBS
    | OBJECT_REPORT_VERBS
    | EVALUATIVE_VERBS
    | FRAMING_VERBS
    | PASSIVE_NOT_SPEAKER_VERBS
    | NAMING_VERBS
    | QUOTE_ADJACENT_VERBS
    | NEEDS_SUBJECT
    | EXPRESSING_VERBS
    | CUE_OBJECT_NOUNS
    | QUOTING_VERBS
    | CALLING_VERBS
)
