"""Who a pronoun or description at a quote stands for (invented sentences, one rule each)."""

from __future__ import annotations

from support import quotes_with_speakers, with_names
from transforms.nlp.analyse import extract_article


def _speakers(nlp, reference, text: str) -> list[tuple[str | None, str | None, str]]:
    """(speaker_text, speaker name, attribution) per quote."""
    return [
        (q["speaker_text"], q["speaker_name"], q["attribution"]) for q in quotes_with_speakers(nlp, reference, text)
    ]


def test_a_pronoun_is_the_narratives_subject_not_a_name_inside_someones_words(nlp, reference):
    text = 'Charles Kennedy said George Bush had to rebuild trust abroad.\n"It is a moment for humility," he said.'
    assert _speakers(nlp, reference, text)[-1] == ("he", "Charles Kennedy", "pronoun")


def test_the_same_pronoun_as_subject_carries_the_person_past_other_names(nlp, reference):
    text = (
        '"This campaign has been dragged into the gutter," said Graham Robb, a spokesman for the No campaign.\n'
        "And he hit back at Mr Mallon's claim about transport.\n"
        '"It can push paper around but it can not get people moving," he said.'
    )
    assert _speakers(nlp, reference, text)[-1] == ("he", "Graham Robb", "pronoun")


def test_an_honorific_states_the_gender_a_pronoun_must_agree_with(nlp, reference):
    text = 'Ms Patricia Hewitt met Mr Gordon Brown on Monday.\n"We will extend maternity pay," she said.'
    assert _speakers(nlp, reference, text)[-1] == ("she", "Patricia Hewitt", "pronoun")


def test_a_spokesman_for_an_organisation_speaks_for_it_and_the_spokesman_again_is_the_same(nlp, reference):
    text = (
        "A spokesman for the Information Commissioner's Office said surveys were allowed.\n"
        "The spokesman said the area was grey."
    )
    assert [s[1:] for s in _speakers(nlp, reference, text)] == [
        ("Information Commissioner's Office", "nominal"),
        ("Information Commissioner's Office", "nominal"),
    ]


def test_a_role_is_the_person_the_article_gave_it_and_only_that_role(nlp, reference):
    named = "Foreign Secretary Jack Straw visited Brussels on Monday.\n"
    assert _speakers(nlp, reference, named + "The foreign secretary said the treaty was sound.") == [
        ("The foreign secretary", "Jack Straw", "nominal")
    ]
    # No one was named home secretary: the description stays a description.
    assert _speakers(nlp, reference, named + "The home secretary said the treaty was sound.") == [
        ("The home secretary", None, "explicit")
    ]


def test_a_role_hyphened_on_to_a_role_noun_is_a_role_too(nlp, reference):
    named = "President-elect Donald Trump met Barack Obama at the White House.\n"
    assert _speakers(nlp, reference, named + "But the president-elect said the talks had gone well.") == [
        ("the president-elect", "Donald Trump", "nominal")
    ]
    # The deputy prime minister is not the prime minister.
    named = "Deputy Prime Minister John Prescott opened the debate.\n"
    assert _speakers(nlp, reference, named + "The prime minister said the plan was sound.") == [
        ("The prime minister", None, "explicit")
    ]
    # The president-elect is not yet the president.
    named = "US President Barack Obama met President-elect Donald Trump at the White House.\n"
    assert _speakers(nlp, reference, named + "The President said the talks had gone well.") == [
        ("The President", "Barack Obama", "nominal")
    ]


def test_an_unnamed_group_keeps_its_words_and_no_entity(nlp, reference):
    text = "Manchester United rejected the bid on Friday.\nCritics said the club had been too slow."
    assert _speakers(nlp, reference, text) == [("Critics", None, "explicit")]


def test_a_spokeswoman_for_a_person_speaks_for_him_but_is_not_his_role(nlp, reference):
    text = "Tony Blair was in Brussels.\nA spokeswoman for Tony Blair said the talks went well."
    result = extract_article(nlp(text), "art_test", [], reference)
    [quote] = result.quotes
    names = {row["entity_id"]: row["name"] for row in result.entities}
    assert (names[quote["speaker_entity_id"]], quote["attribution"], quote["speaker_role"]) == (
        "Tony Blair",
        "nominal",
        None,
    )


def test_a_role_no_one_was_given_renames_the_person_the_last_sentence_was_about(nlp, reference):
    text = (
        "Michael Howard has denied his shadow cabinet was split over ID cards.\n"
        'The Tory leader said his team had reached a "collective view".'
    )
    assert _speakers(nlp, reference, text)[-1][1:] == ("Michael Howard", "nominal")


def test_a_first_met_role_is_no_one_when_the_last_subject_has_another_role(nlp, reference):
    text = (
        "London mayor Ken Livingstone says he is standing by his remarks.\n"
        'But the prime minister said it was "time to say sorry".'
    )
    assert _speakers(nlp, reference, text)[-1][1] is None


def test_a_pronoun_prefers_an_earlier_subject_to_a_nearer_object(nlp, reference):
    text = (
        "Tony Blair said he would meet concerns about the bill.\n"
        "A court ruled that doctors could withdraw feeding from coma victim Tony Bland.\n"
        '"It is important we get this right," he said.'
    )
    assert _speakers(nlp, reference, text)[-1] == ("he", "Tony Blair", "pronoun")


def test_the_agent_of_a_passive_is_the_narratives_subject(nlp, reference):
    text = (
        "Shadow foreign secretary Michael Ancram attacked the White Paper.\n"
        "His claims were denied by Foreign Secretary Jack Straw.\n"
        "Cooperation would help immigration controls, he argued."
    )
    assert _speakers(nlp, reference, text)[-1] == ("he", "Jack Straw", "pronoun")


def test_a_kind_of_organisation_is_the_last_one_whose_name_says_it_is_of_that_kind(nlp, reference):
    text = (
        "The All-Nippon Airways flight left Los Angeles with a passenger from Atlanta.\n"
        "The airline said it would apologise to passengers.\n"
        "The club said it would not comment on the flight."
    )
    assert [s[1:] for s in _speakers(nlp, reference, text)] == [("All-Nippon Airways", "nominal"), (None, "explicit")]


def test_a_party_by_any_of_its_names_is_one_organisation_and_sources_are_not_its_voice(nlp, reference):
    text = (
        "The Tories said they would hold ministers to account.\n"
        'A Conservative spokeswoman said the party "stuck to the rules".\n'
        "Tory sources say senior figures argued against the scheme."
    )
    assert [s[1] for s in _speakers(nlp, reference, text)] == ["Conservative Party", "Conservative Party", None]


def test_the_spokesman_again_is_the_one_a_name_was_described_as_between_commas(nlp, reference):
    text = (
        "(CNN) Kim struck a conciliatory note.\n"
        "Park Soo-hyun, the spokesman for South Korean President Moon Jae-in, said the office welcomed it.\n"
        '"We want to talk," the spokesman said.'
    )
    assert _speakers(nlp, reference, text)[-1][1:] == ("Park Soo-hyun", "nominal")


def test_an_organisations_spokesman_again_is_the_one_named_with_that_role_before(nlp, reference):
    text = (
        "Carver Holdings Inc has been hit by rumours.\n"
        "But Carver spokesman Steve Ardent told Reuters that business was normal.\n"
        "Rivals have cut their dealings with Carver Holdings, which pioneered the issuance of speculative debt "
        "for takeovers.\n"
        '"We have done nothing wrong," said the Carver spokesman.'
    )
    assert _speakers(nlp, reference, text)[-1] == ("the Carver spokesman", "Steve Ardent", "nominal")


def test_a_person_in_apposition_outranks_the_body_before_them_and_a_survey_speaks_for_its_maker(nlp, reference):
    text = (
        "The United Nations (UN) emergency relief coordinator Jan Egeland has said that aid is arriving.\n"
        "Factory output rose, according to the latest survey from the Institute for Supply Management."
    )
    assert [s[1] for s in _speakers(nlp, reference, text)] == ["Jan Egeland", "Institute for Supply Management"]


def test_she_after_a_spokeswoman_is_the_spokeswoman_speaking_for_her_party(nlp, reference):
    text = (
        "A Conservative spokeswoman said the party stuck to the rules.\n"
        'She said: "We do apply the rules in line with the law."'
    )
    assert _speakers(nlp, reference, text)[-1] == ("She", "Conservative Party", "pronoun")


def test_he_after_an_official_of_no_named_company_is_no_one(nlp, reference):
    text = (
        'A Hyundai Motor Co official said, "We see the measure as positive."\n'
        "South Korean bank loans attract an average interest rate of 11.5 pct.\n"
        '"We are also concerned over the won," another company official said.\n'
        '"We will come under pressure if the won goes up," he added.'
    )
    assert [s[1] for s in _speakers(nlp, reference, text)] == ["Hyundai Motor Co", None, None]


def test_they_after_officials_of_a_body_is_that_body(nlp, reference):
    text = (
        "Finance ministry officials said the firms must raise capital by December.\n"
        "Of this total, they said, the firms would raise most from share issues."
    )
    assert _speakers(nlp, reference, text)[-1] == ("they", "Finance ministry", "pronoun")


def test_the_one_accused_is_not_the_speaker(nlp, reference):
    accused = 'David Blunkett has been accused of using the "politics of confusion" to hide new rules.'
    said = 'David Blunkett has said the "politics of confusion" were over.'
    # The accused's partial quote has no speaker (and, as a partial quote nobody says, is not kept); the
    # same words in his own report are his.
    assert _speakers(nlp, reference, accused) == []
    assert [s[1] for s in _speakers(nlp, reference, said)] == ["David Blunkett"]


def test_a_party_spokesman_is_the_last_subject_only_if_tied_to_that_party(nlp, reference):
    text = 'Tony Blair defended the plan on Monday.\nThe Tory spokesman said: "It will fail."'
    assert _speakers(nlp, reference, text)[-1][1] == "Conservative Party"


def test_a_member_can_be_renamed_by_an_office_and_a_name_in_lower_case_is_still_that_name(nlp, reference):
    text = (
        "Tory MP Boris Johnson said the prime minister should stay out of the row.\n"
        '"It is a dispute between two people," The Spectator editor told the BBC.\n'
        "A spokesman for the Information Commissioner's Office said calls were allowed.\n"
        "The information commissioner's office said there was a grey area."
    )
    assert [s[1] for s in _speakers(nlp, reference, text)] == [
        "Boris Johnson",
        "Boris Johnson",
        "Information Commissioner's Office",
        "Information Commissioner's Office",
    ]


def test_the_company_is_the_business_the_narrative_is_about_and_a_titled_name_is_a_person(nlp, reference):
    text = (
        "Cairn Energy said an Indian oilfield was larger than thought.\n"
        "The company said the field could produce oil for years.\n"
        "Christian Estrosi, the president of the region, expressed outrage.\n"
        '"Questions are raised," he said.'
    )
    assert [s[1:] for s in _speakers(nlp, reference, text)] == [
        ("Cairn Energy", "explicit"),
        ("Cairn Energy", "nominal"),
        ("Christian Estrosi", "pronoun"),
    ]


def test_an_age_names_the_last_subject_and_the_group_is_the_narratives_not_any_named_group(nlp, reference):
    text = (
        "Mr Phil Spector is free on bail and is awaiting trial.\n"
        "The 64-year-old has denied the killing, saying her death was accidental.\n"
        "The SITE Intelligence Group tracked the posts.\n"
        "The American Trucking Associations said trucks carry most freight.\n"
        "They haul nine billion tons a year, the group said."
    )
    speakers = [s[1] for s in _speakers(nlp, reference, text)]
    assert speakers[0] == "Phil Spector" and speakers[-1] == "American Trucking Associations"


def test_a_cue_right_after_a_name_has_that_name_for_its_subject(nlp, reference):
    text = (
        'Paris was more subdued, with finance minister Herve Gaymard telling parliament: "We must '
        'continue along this path of saving money."'
    )
    assert _speakers(nlp, reference, text)[-1][1:] == ("Herve Gaymard", "explicit")


def test_an_account_or_documents_speak_for_whoever_made_them(nlp, reference):
    text = (
        "The coach nearly died, according to a detailed account by The Athletic.\n"
        "Revenue will rise, according to documents tabled with Michael Wilson's speech."
    )
    assert [s[1] for s in _speakers(nlp, reference, text)] == ["Athletic", "Michael Wilson"]


def test_a_pronoun_is_the_main_clauses_subject_not_the_subject_of_a_when_clause(nlp, reference):
    text = (
        "Bruce Arians coached the Colts and Chuck Pagano was his boss. When Pagano had to leave the team, "
        'Arians directed the Colts to a 9-3 record. "I will miss the players," he said.'
    )
    assert _speakers(nlp, reference, text)[-1] == ("he", "Bruce Arians", "pronoun")


def test_a_name_in_a_photo_credit_in_parentheses_is_no_one_a_pronoun_stands_for(nlp, reference):
    text = (
        "The coach waves to fans in Seattle. (Elaine Thompson/Associated Press)\n"
        '"It has been an unbelievable journey," he said.'
    )
    assert _speakers(nlp, reference, text) == [("he", None, "unresolved")]


def test_a_body_named_before_is_the_noun_its_name_ends_in_with_the_or_without_an_article(nlp, reference):
    hospital = 'Two doctors from Morton Plant Hospital died in the crash. "We were deeply grieved," the hospital said.'
    police = 'The Pasadena Police arrested six people on Sunday. "There were a handful of arrests," police said.'
    statement = (
        'Two doctors from Morton Plant Hospital died in the crash. "Their lives touched many," '
        "the hospital's statement said."
    )
    assert _speakers(nlp, reference, hospital) == [("the hospital", "Morton Plant Hospital", "nominal")]
    assert _speakers(nlp, reference, police) == [("police", "Pasadena Police", "nominal")]
    assert _speakers(nlp, reference, statement) == [("the hospital's statement", "Morton Plant Hospital", "nominal")]
    # No body named so: the description stays unresolved.
    assert _speakers(nlp, reference, '"We were deeply grieved," the hospital said.') == [
        ("the hospital", None, "explicit")
    ]


def test_a_run_of_he_as_subject_carries_the_person_past_the_window(nlp, reference):
    text = (
        "Tim Dams edits a film magazine in London.\n"
        "He said the panel was cautious.\nHe thought the vote was fair.\nHe believed the film was strong.\n"
        "He added that the studio had waited.\nHe noted that the market was small.\n"
        '"Hollywood does not like foreign films," he said.'
    )
    assert _speakers(nlp, reference, text)[-1] == ("he", "Tim Dams", "pronoun")


def test_the_north_is_the_divided_country_named_before(nlp, reference):
    text = "North Korea fired a missile on Sunday. The North later said it had launched a satellite."
    assert _speakers(nlp, reference, text) == [("The North", "North Korea", "nominal")]


def test_figures_and_a_website_speak_for_whoever_publishes_them(nlp, reference):
    text = "According to Labor Department figures, 157,000 new jobs were added last month."
    assert _speakers(nlp, reference, text) == [("Labor Department figures", "Labor Department", "nominal")]


def test_what_a_person_does_names_the_person_the_narrative_is_about_if_gender_agrees(nlp, reference):
    text = (
        "Liam Neeson has backed a campaign to save a theatre. "
        'The Ballymena-born actor said the theatre was in a "very dilapidated condition".'
    )
    assert _speakers(nlp, reference, text) == [("The Ballymena-born actor", "Liam Neeson", "nominal")]
    text = "Jessica Alba has had a third child. The Hollywood star said it was the perfect way to see in 2018."
    assert _speakers(nlp, reference, text) == [("The Hollywood star", "Jessica Alba", "nominal")]
    text = (
        "Mr Liam Neeson has backed a campaign to save a theatre. "
        'The Ballymena-born actress said the theatre was in a "very dilapidated condition".'
    )
    assert _speakers(nlp, reference, text)[0][1] is None


def test_a_players_position_names_the_player_the_narrative_is_about(nlp, reference):
    text = (
        "Adam Jones says Wales must match France in the scrum. "
        '"If we get stuffed in the front five our backs have no chance," said the prop.'
    )
    assert _speakers(nlp, reference, text)[1] == ("the prop", "Adam Jones", "nominal")
    text = 'Kevin Pietersen hit 158 on Monday. The England batsman said: "I loved every minute."'
    assert _speakers(nlp, reference, text) == [("The England batsman", "Kevin Pietersen", "nominal")]


def test_a_kind_of_body_after_a_bodys_name_is_that_body_and_not_part_of_its_name(nlp, reference):
    text = (
        'Mr Elgindy wept, the Associated Press news agency reported. "He was led weeping from the court room," AP said.'
    )
    assert _speakers(nlp, reference, text) == [
        ("the Associated Press news agency", "Associated Press", "nominal"),
        ("AP", "Associated Press", "explicit"),
    ]


def test_a_relative_clauses_subject_before_the_pronoun_in_its_sentence_is_not_who_it_stands_for(nlp, reference):
    text = (
        "Mr. Yaalon, who has supported settlement growth, accused the Israeli leadership of scaremongering. "
        "Citing the nuclear agreement with Iran, which Mr. Netanyahu strenuously opposed, he said, "
        "\u201cThere is no existential threat on the State of Israel.\u201d"
    )
    assert _speakers(nlp, reference, text)[-1][:2] == ("he", "Yaalon")


def test_its_report_is_the_report_of_the_organisation_the_narrative_is_about(nlp, reference):
    text = (
        "Bank of Utah registers jets for foreign owners. "
        "The bank collected $8.8 million in trust fees in 2016, according to its most recent annual report."
    )
    assert _speakers(nlp, reference, text)[-1][:2] == ("its most recent annual report", "Bank of Utah")


def test_a_complaint_speaks_for_the_organisation_that_filed_it(nlp, reference):
    text = (
        "Apple has sued an unnamed individual over leaked product details. "
        'The complaint said an "unidentified individual" had misappropriated trade secrets.'
    )
    assert _speakers(nlp, reference, text)[-1][:2] == ("The complaint", "Apple")


def test_they_after_names_joined_by_and_is_the_first_of_them(nlp, reference):
    bodies = (
        "The Acme Pension Fund and the Harbor Teachers' Retirement System own shares in the firm.\n"
        "In a letter, they said the firm must change its board."
    )
    assert _speakers(nlp, reference, bodies)[-1][1] == "Acme Pension Fund"
    people = (
        "John Croasmun and Mary Hansen set up the trust with the Bank of Utah.\n"
        "They said the bank acted only as trustee."
    )
    assert _speakers(nlp, reference, people)[-1][1] == "John Croasmun"


def test_he_after_a_person_left_unnamed_is_no_one(nlp, reference):
    text = (
        'Treasury Secretary James Baker said the dollar was "about right".\n'
        "One dealer for a U.S.-based bank noted the dollar eased after the remarks. "
        '"They were obviously regarded as negative," he said.'
    )
    assert _speakers(nlp, reference, text)[-1][1] is None
    named = (
        'Treasury Secretary James Baker said the dollar was "about right".\n'
        "Dealer and analyst Tom Reed noted the dollar eased after the remarks. "
        '"They were obviously regarded as negative," he said.'
    )
    assert _speakers(nlp, reference, named)[-1][1] == "Tom Reed"


def test_our_correspondent_is_the_outlets_reporter_named_before(nlp, reference):
    text = (
        "The BBC's Anna Holt in Lagos says the film has been banned.\n"
        "Cinemas have refused to screen it, our correspondent says.\n"
        'Producer Jon Keane said: "We are disappointed."'
    )
    assert _speakers(nlp, reference, text)[1][1] == "Anna Holt"


def test_lawyers_of_a_body_speak_for_it_not_those_of_a_person(nlp, reference):
    text = "Acme Corp filed for bankruptcy in Houston. Acme Corp's US lawyers said the auction was illegal."
    assert _speakers(nlp, reference, text)[-1][1] == "Acme Corp"
    person = "Jane Doe sued the firm in Houston. Jane Doe's lawyers said the auction was illegal."
    assert _speakers(nlp, reference, person)[-1][1] is None


def test_it_after_a_text_met_as_subject_is_whose_text_it_is(nlp, reference):
    text = (
        "A report by the Environmental Audit Committee said building rules were too lax. "
        "Minister Yvette Cooper disagreed.\n"
        "It said the rules should be tightened."
    )
    assert _speakers(nlp, reference, text)[-1][1] == "Environmental Audit Committee"


def test_he_in_someones_reported_clause_is_the_one_who_reports_it(nlp, reference):
    text = (
        "Commerce Secretary Walter Brigg spoke to the panel on Tuesday.\n"
        "Earlier, Finance Secretary Tom Akers told the panel that the deficit had levelled off, but Brigg said he "
        'was more optimistic, adding, "I think we turned the corner in May."'
    )
    assert _speakers(nlp, reference, text)[-1] == ("he", "Walter Brigg", "pronoun")


def test_a_kind_of_body_is_the_one_the_text_introduced_as_that_kind(nlp, reference):
    text = (
        "US rock band Glass Harbour have cancelled two concerts.\n"
        "The band said the drummer was resting.\n"
        "The Courier Post newspaper said fans would be refunded. The newspaper said 2,000 tickets were sold."
    )
    assert [s[:2] for s in _speakers(nlp, reference, text)] == [
        ("The band", "Glass Harbour"),
        ("The Courier Post newspaper", "Courier Post"),
        ("The newspaper", "Courier Post"),
    ]


def test_the_american_is_the_person_the_story_is_about_not_the_people(nlp, reference):
    text = 'Lindsay Davenport has criticised Wimbledon.\nReacting to a comment, the American said: "It is insulting."'
    assert _speakers(nlp, reference, text) == [("the American", "Lindsay Davenport", "nominal")]
    assert _speakers(nlp, reference, "American officials said the talks would go on.") == [
        ("American officials", None, "explicit")
    ]


def test_a_bodys_executives_speak_for_it_and_so_do_the_executives_again(nlp, reference):
    text = (
        "Hart Dunmore Corp executives said the offer was too low.\n"
        "Shares rose 2 pct on Monday.\n"
        "The executives said the board would meet next week."
    )
    assert [s[1:] for s in _speakers(nlp, reference, text)] == [
        ("Hart Dunmore Corp", "nominal"),
        ("Hart Dunmore Corp", "nominal"),
    ]


def test_the_newspaper_is_the_one_named_before_whose_name_says_it_is_one(nlp, reference):
    text = (
        "The Washington Times reported on Sunday that the deal was near.\n"
        "Shares rose 2 pct on Monday.\n"
        "The newspaper said the board would meet next week."
    )
    assert _speakers(nlp, reference, text)[-1] == ("The newspaper", "Washington Times", "nominal")
    # a postal company's name is no newspaper's ('Royal Mail', 'Deutsche Post')
    postal = text.replace("The Washington Times reported on Sunday that", "Royal Mail said on Sunday that")
    assert _speakers(nlp, reference, postal)[-1][1] is None


def test_a_man_described_is_the_person_the_narrative_is_about_also_further_back(nlp, reference):
    text = (
        "Mr Jamie Corrigan should be paralysed.\n"
        "He says so himself as he recalls the crash. There is an ironic chuckle as he talks of it. "
        '"I was in a lot of pain," says the Waterford man.'
    )
    assert _speakers(nlp, reference, text) == [("the Waterford man", "Jamie Corrigan", "nominal")]
    # a woman is not the man the narrative is about; 'the other man' is someone else
    woman = text.replace("Waterford man", "Waterford woman")
    assert _speakers(nlp, reference, woman) == [("the Waterford woman", None, "explicit")]
    other = text.replace("the Waterford man", "the other man")
    assert [s[1] for s in _speakers(nlp, reference, other)] == [None]


def test_a_role_no_one_was_given_is_the_one_person_the_sentence_before_named_whoever_its_subject(nlp, reference):
    text = (
        "The referee has defended the officials after criticism by Matt Wilkins.\n"
        "The Scotland coach said his side were robbed of victory."
    )
    assert _speakers(nlp, reference, text) == [("The Scotland coach", "Matt Wilkins", "nominal")]
    two = text.replace("by Matt Wilkins", "by Matt Wilkins and Gavin Hastie")
    assert [s[1] for s in _speakers(nlp, reference, two)] == [None]


def test_a_description_in_apposition_ends_at_its_paragraphs_end(nlp, reference):
    # The parser hangs the next paragraph on "specialist"; "spokeswoman" is no role of Levine's.
    text = (
        "FMC said Boesky got information from Dennis Levine, a former merger specialist with Drexel Inc.\n"
        "An FMC spokeswoman said in response to an inquiry that FMC might appeal the ruling. The ruling is "
        "expected April 15.\n"
        "The spokeswoman said FMC might appeal alleged contract violations."
    )
    assert [s[1] for s in _speakers(nlp, reference, text)][-1] == "FMC"


def test_a_body_that_ordered_a_report_is_not_its_voice(nlp, reference):
    text = "A White House-ordered report said that growing reliance on foreign oil was a risk."
    assert [s[1] for s in _speakers(nlp, reference, text)] == [None]
    assert [s[1] for s in _speakers(nlp, reference, text.replace("-ordered", ""))] == ["White House"]


def test_he_goes_past_what_the_same_he_believes_and_a_sentence_opening_for_someone_gives_their_view(nlp, reference):
    text = (
        "For analyst Olivier Beaumont, the decision was an error. "
        '"They made a big mistake," he said. He believes Yahoo failed to see how crucial search would become. '
        '"It has refocused on search," he said.\n'
        "But for Allen Wexford, a research director at Gartner, the future of search is about content. "
        '"Search technology is valuable," he said.'
    )
    # "Yahoo" tagged as a person, as the model tags "Yahoo Messenger"
    names = (("Olivier Beaumont", "PERSON"), ("Yahoo", "PERSON"), ("Allen Wexford", "PERSON"), ("Gartner", "ORG"))
    speakers = [q["speaker_name"] for q in quotes_with_speakers(with_names(nlp, names), reference, text)]
    assert speakers == ["Olivier Beaumont", "Olivier Beaumont", "Allen Wexford"]


def test_but_for_someone_with_no_role_given_is_what_would_have_happened_not_their_view(nlp, reference):
    text = (
        "Jose Mourinho was furious after the match.\n"
        'But for Petr Cech, Chelsea would have lost heavily on Saturday. "We were poor," he said.'
    )
    assert [s[1] for s in _speakers(nlp, reference, text)] == ["Jose Mourinho"]


def test_a_pages_list_of_links_in_capitals_is_no_part_of_the_narrative(nlp, reference):
    text = (
        "Actor Tom Harker has backed the campaign.\n"
        "MOST READ IN SHOWBIZ BIG NIGHT Jack Moss wins the quiz final again LATE SHOW Ann Dale quits the "
        "radio show CALM PETE Pete Lowe warns fans about the tour\n"
        '"It is the right thing to do," he said.'
    )
    assert _speakers(nlp, reference, text) == [("he", "Tom Harker", "pronoun")]
    # without the capitals the paragraph is narrative like any other: its subject is who "he" is
    told = (
        text.replace("MOST READ IN SHOWBIZ BIG NIGHT", "Elsewhere,").replace("LATE SHOW ", "").replace("CALM PETE ", "")
    )
    assert _speakers(nlp, reference, told) == [("he", "Jack Moss", "pronoun")]


def test_police_are_the_police_department_named_before_also_with_its_town(nlp, reference):
    text = (
        "A man was arrested after a long inquiry, according to the Dunmore Police Department. "
        "Police said he moved the money.\n"
        '"Most people laugh at such schemes," the Dunmore police said in a statement.'
    )
    assert _speakers(nlp, reference, text)[1:] == [
        ("Police", "Dunmore Police Department", "nominal"),
        ("the Dunmore police", "Dunmore Police Department", "nominal"),
    ]


def test_pronouns_after_another_person_named_are_no_evidence_of_the_subjects_gender(nlp, reference):
    text = (
        "Mary Hollis starred in the film. Hollis told the paper that Peter Marsh said he was sorry and that he "
        "would pay his share. The car crashed into a tree. Hollis sustained injuries she says still hurt. "
        'She said Marsh "was deeply regretful."'
    )
    assert _speakers(nlp, reference, text)[-1] == ("She", "Mary Hollis", "pronoun")


def test_a_body_the_text_calls_by_a_description_as_subject_is_who_it_stands_for(nlp, reference):
    text = (
        "The Harbour Traders Association backed a ban on dawn raids.\nDawn raids have grown common.\n"
        "Brokers fear them.\nPrices swing when they happen.\nSmall savers lose out.\n"
        "In the takeover area, the association advocated a ban on poison pills.\n"
        "It said buyers should disclose their stakes early."
    )
    assert _speakers(nlp, reference, text) == [("It", "Harbour Traders Association", "pronoun")]
    # a description with the body's name in it is that name's, not a second search
    named = "The animal group Friends of the Pond said zoos were cruel. It said on Twitter that cages were wrong."
    assert [s[1] for s in _speakers(nlp, reference, named)] == ["Friends of the Pond", "Friends of the Pond"]


def test_neither_a_places_word_nor_a_departments_first_word_is_the_body(nlp, reference):
    street = (
        "Downing Street said the talks had been useful. Acme Corp opened a new shop in Leeds on Monday. "
        "The street was packed with shoppers all day. It said sales beat its forecasts."
    )
    assert _speakers(nlp, reference, street)[-1] == ("It", "Acme Corp", "pronoun")
    state = (
        "The State Department criticised the verdict in Austin. Prosecutors had sought a life sentence. "
        "The state said it would appeal the ruling."
    )
    assert _speakers(nlp, reference, state) == [("The state", None, "explicit")]


def test_they_is_several_not_one_body_named_in_the_singular(nlp, reference):
    one_company = (
        "Korea Petrochemical Industries Corp is building a new plant near Ulsan.\n"
        "They said imports of ethylene would rise next year."
    )
    assert _speakers(nlp, reference, one_company)[-1][1] is None
    party = (
        "The Conservatives attacked the plans on Monday.\nThey said the scheme was deeply flawed and a waste of money."
    )
    assert _speakers(nlp, reference, party)[-1][1] == "Conservative Party"


def test_a_role_in_the_lead_is_the_one_person_the_article_gives_it_later(nlp, reference):
    lead = (
        "The FBI director said a fresh inquiry found nothing new.\n"
        "The review was quick.\n"
        "FBI Director James Comey had pitched the race into turmoil."
    )
    assert _speakers(nlp, reference, lead)[0] == ("The FBI director", "James Comey", "nominal")
    two_directors = (
        "The director said a fresh inquiry found nothing new.\n"
        "Museum director Anna Berg and film director Tom Hale disagreed."
    )
    assert _speakers(nlp, reference, two_directors)[0][1] is None
    another_role = "The president said the economy was strong.\nLater, French President Emmanuel Macron arrived."
    assert _speakers(nlp, reference, another_role)[0][1] is None


def test_who_is_the_person_named_right_before_it_and_a_description_it_follows_speaks(nlp, reference):
    named = (
        "It was undermined by remarks from U.S. Council of Economic Advisers Chairman Beryl Sprinkel who told "
        "Iowa bankers the U.S. had no objective for the dollar."
    )
    assert _speakers(nlp, reference, named) == [("who", "Beryl Sprinkel", "pronoun")]
    described = (
        "REM have cancelled the show. "
        'Mills could "hardly stand up", said an REM spokesman, who added he is now resting in hospital.'
    )
    assert _speakers(nlp, reference, described)[-1] == ("who", "REM", "nominal")  # the words at the quote


def test_a_counted_noun_is_not_the_body_whose_name_ends_in_it(nlp, reference):
    for second in (
        "One post said the leak was a hoax.",
        'Asked one post that was circulated widely: "What should I do?"',
    ):
        text = "The Washington Post reported the leak on Monday.\n" + second
        assert _speakers(nlp, reference, text)[-1][1] is None
