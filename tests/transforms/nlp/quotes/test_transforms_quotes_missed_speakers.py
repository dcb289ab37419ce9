"""Names the model missed where a speech verb shows someone speaks, and the surnames it cut off a person."""

from __future__ import annotations

from support import quotes_with_speakers
from transforms.nlp.entities import extract_entities
from transforms.nlp.quotes.missed_speakers import missed_speakers


def _missed(nlp, text: str) -> list[tuple[str, str]]:
    return [(span.text, span.label_) for span in missed_speakers(nlp(text))]


def test_a_speaker_the_model_left_untagged_is_a_name_of_a_person_or_a_body_by_its_form(nlp):
    assert _missed(nlp, '"Likud completed the task," Ilan Gilon of the Meretz party said.') == [
        ("Ilan Gilon", "PERSON")
    ]
    assert _missed(nlp, '"We were deeply grieved," said Swiss Re.') == [("Swiss Re", "ORG")]
    # a hyphen inside a surname
    assert _missed(nlp, '"It was a game of ups and downs," said Indians fan Alayna Fodor-Gopal.') == [
        ("Alayna Fodor-Gopal", "PERSON")
    ]
    assert _missed(nlp, "Prices rose in the northern city of Harbin, the South China Morning Post reported.") == [
        ("South China Morning Post", "ORG")
    ]
    # after a title, a surname the tagger took for a plural is still a person's
    text = "Four died, according to Detective Superintendent Mark Hutchings of the state police."
    assert _missed(nlp, text) == [("Mark Hutchings", "PERSON")]


def test_the_subject_of_a_verb_that_frames_a_quote_speaks_too(nlp):
    text = 'Imposing the bans, the WBFA described their excuses as "unacceptable".'
    assert _missed(nlp, text) == [("WBFA", "ORG")]
    # after a framing verb, a name is what it frames, not who speaks; with no quote, it frames none
    assert _missed(nlp, 'Describing Wilmot Grange as "a failure", the critics walked out.') == []
    assert _missed(nlp, "Typhoon Lan hit Tokyo on Friday, killing two.") == []


def test_no_name_is_made_of_a_passive_subject_a_listener_a_ticker_or_people(nlp):
    assert _missed(nlp, "Denis Christel Sassou Nguesso is said to have approached the firm in 2010.") == []
    assert _missed(nlp, "Regie Nationale des Usines Renault <RENA.PA> said it and Chrysler Corp agreed.") == []
    assert _missed(nlp, "Investors fled, U.S. Officials said on Monday.") == []


def test_a_missed_speaker_is_the_quotes_speaker_and_the_person_his_surname_names_later(nlp, reference):
    text = '"Likud completed the task," Ilan Gilon of the Meretz party said. Gilon added that it was a mistake.'
    assert [(q["speaker_text"], q["speaker_name"]) for q in quotes_with_speakers(nlp, reference, text)] == [
        ("Ilan Gilon", "Ilan Gilon"),
        ("Gilon", "Ilan Gilon"),
    ]
    text = "A string of storms made 2004 the most expensive year for insurers, according to Swiss Re."
    assert [q["speaker_name"] for q in quotes_with_speakers(nlp, reference, text)] == ["Swiss Re"]


def test_surnames_the_model_cut_off_a_persons_name_are_part_of_it(nlp, reference):
    doc = nlp("The pilots also died in the crash, President Luis Guillermo Solis Rivera said in a statement.")
    people = {e.name: [m.role for m in e.mentions] for e in extract_entities(doc, reference) if e.label == "PERSON"}
    assert people == {"Luis Guillermo Solis Rivera": ["President"]}


def test_a_missed_name_ending_in_a_bodys_noun_is_a_body_with_its_country(nlp, reference):
    text = (
        "The missile was perfected. South Korea’s Foreign Ministry warned that the North will face a strong "
        "response. The ministry also urged Pyongyang to accept talks."
    )
    assert [q["speaker_name"] for q in quotes_with_speakers(nlp, reference, text)] == [
        "South Korea’s Foreign Ministry",
        "South Korea’s Foreign Ministry",
    ]


def test_a_missed_name_a_speaking_relative_clause_hangs_on_is_a_name(nlp, reference):
    text = (
        'But a tribunal overturned the ban on 18 March. The IAAF - which said it was "very surprised" by the '
        "decision of the Greek tribunal - is deciding whether to appeal."
    )
    assert [(q["speaker_text"], q["speaker_name"]) for q in quotes_with_speakers(nlp, reference, text)] == [
        ("which", "IAAF")
    ]
