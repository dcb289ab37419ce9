"""What a claim measures (``of_what``), read from the words around it: the same from both pipelines."""

from __future__ import annotations

import pytest

from transforms.nlp.claims import extract_claims

SENTENCES = [
    # a count: its noun, and the participle or phrase that says which
    (
        "At least 23,000 people killed in the floods were buried.",
        {"At least 23,000 people": "people killed in the floods"},
    ),
    ("5,000 reports published in May were read.", {"5,000 reports": "reports published in May"}),
    # a phrase at the start of the text has no verb before it
    ("GM holding to 10% was cut.", {"10%": None}),
    # a finite verb with its object after the noun is no participle; "to" before a verb is no place
    # the clause that says which were counted, as a relative clause would
    (
        "Two Santander shareholders filed a complaint.",
        {"Two Santander shareholders": "Santander shareholders filed a complaint"},
    ),
    (
        "More than 63,000 mobile phones have been left in the back of black cabs.",
        {"More than 63,000 mobile phones": "mobile phones have been left in the back of black cabs"},
    ),
    ("Two million people lost their jobs.", {"Two million people": "people lost their jobs"}),
    ("Mitch killed about 10,000 people.", {"about 10,000 people": "people Mitch killed"}),
    # a perfect tense whose participle has no "-ed"
    (
        "Labour has withdrawn two controversial posters.",
        {"two controversial posters": "controversial posters Labour has withdrawn"},
    ),
    # who has, employs or received the things counted; a verb that is also a plural noun is the noun
    ("SBC currently employs 163,000 people.", {"163,000 people": "people SBC currently employs"}),
    (
        "Usher had four nominations going into the ceremony.",
        {"four nominations": "nominations going into the ceremony Usher had"},
    ),
    # a clause in -ing after the noun, with its object, says which ones
    ("There are 40 banks seeking licences in the region.", {"40 banks": "banks seeking licences in the region"}),
    (
        "The rules hit 12 brokers already doing business in Iran.",
        {"12 brokers": "brokers already doing business in Iran rules hit"},
    ),
    # the things counted as the object of a verb's preposition
    ("The new rules would be limited to 40 companies.", {"40 companies": "companies new rules would be limited to"}),
    # through "by", and past a particle
    ("The market is dominated by four companies.", {"four companies": "companies market is dominated by"}),
    ("The actor walked away with three trophies.", {"three trophies": "trophies actor walked away with"}),
    # a relative clause after the things counted says which, up to its clause's end
    (
        "Most of the 9,000 families who had left the south had owned land.",
        {"9,000 families": "families who had left the south"},
    ),
    (
        "Eight bullets were fired into the door of the office.",
        {"Eight bullets": "bullets were fired into the door of the office"},
    ),
    ("By then he'd killed five people.", {"five people": "people he'd killed"}),
    # the subject of "be"; what a change verb moved, with when
    (
        "Her minimum payment would be a mere $28,156.",
        {"$28,156": "minimum payment"},
    ),
    (
        "The club managed to reduce its losses last year from £20.6m to £1.2m.",
        {"£20.6m": "its losses last year", "£1.2m": "its losses last year"},
    ),
    # a verb in its base form after a modal or "to", through a verb that takes "to", past a relative aside
    (
        "The government was planning to renationalise 3,000 firms.",
        {"3,000 firms": "firms government was planning to renationalise"},
    ),
    ("Qantas could transfer as many as 7,000 jobs.", {"as many as 7,000 jobs": "jobs Qantas could transfer"}),
    (
        "Sizzla, whose real name is Miguel Collins, has released 25 albums since 1995.",
        {"25 albums": "albums Sizzla has released"},
    ),
    ("3,500 travellers have no place to stop.", {"3,500 travellers": "travellers have no place to stop"}),
    # a share that is a clause's subject: what it did or said, after the whole it is of
    (
        "Of these, 83% were happy with the experience, though some were not.",
        {"83%": "these were happy with the experience"},
    ),
    (
        "Furthermore, 16% said that none of their cards had been replaced, while 30% said only some had.",
        {"16%": "said that none of their cards had been replaced", "30%": "said only some had"},
    ),
    (
        "Almost 60% of UK households have gone digital, through cable or satellite.",
        {"Almost 60% of UK households": "UK households have gone digital"},
    ),
    ("Profits rose 10% to $117m and 5% was paid out.", {"10%": "Profits"}),
    # a share's whole with what says which, and what the part did after it
    ("The group owns 82% of the shares in the company.", {"82% of the shares": "the shares in the company group owns"}),
    (
        "Nearly 65% of the people interviewed said they used cards.",
        {"Nearly 65% of the people": "the people interviewed said they used cards"},
    ),
    # past an adverb before the verb; after "said"; a hyphened word inside the clause
    ("Some 90,000 patients now have a named doctor.", {"Some 90,000 patients": "patients have a named doctor"}),
    ("Officials said 50 people were still in hospital.", {"50 people": "people were still in hospital"}),
    (
        "By March, 9,000 patients in the region were on life-saving drugs.",
        {"9,000 patients": "patients in the region were on life-saving drugs"},
    ),
    # a fraction with no "of" is a claim when it opens its clause: the part that said or did it
    (
        "Of these, 83% were happy, though nearly a quarter said they struggled with their pin.",
        {"nearly a quarter": "said they struggled with their pin"},
    ),
    ("A third of voters agreed and half of the members left.", {"A third of voters": "voters agreed"}),
    ("Half the time he was late.", {"Half": "missing"}),
    ("Sales doubled and the budget could double again.", {"doubled": "Sales", "double": "budget"}),
    # who did what with an amount, and on what
    ("UK shoppers spent £5.3bn on plastic cards.", {"£5.3bn": "UK shoppers spent on plastic cards"}),
    ("He earned £195,000.", {"£195,000": None}),
    # a relative pronoun's noun; a participle or hyphenated word in the phrase
    ("It warned of personal debt - which is rising at 15% a year.", {"15%": "personal debt"}),
    ("The numbers of lost laptops has leapt by 71%.", {"71%": "numbers of lost laptops"}),
    (
        "Card-not-present fraud rose an annual 6% to £116.4m.",
        {"6%": "Card-not-present fraud", "£116.4m": "Card-not-present fraud"},
    ),
    ("GE posted an 18% jump in quarterly sales.", {"18%": "quarterly sales"}),
    (
        "Annual bonus rates on its with-profits life policies were cut from 2.5% to 2%.",
        {"2.5%": "Annual bonus rates on its with-profits life policies"},
    ),
    ("Oracle shares rose 15 cents - 1.1% - on Nasdaq.", {"1.1%": "Oracle shares"}),
    ("Pressure may push the two firms to reach a deal.", {"two firms": "firms"}),
    # a noun the amount modifies, with whose it is and what it is of
    (
        "Oracle's $10.3bn takeover of its smaller rival Peoplesoft closed.",
        {"$10.3bn": "Oracle's takeover of its smaller rival Peoplesoft"},
    ),
    ("Turkey accepted a $18bn loan from the IMF.", {"$18bn": "loan from the IMF"}),
    # a relative clause after the noun an amount modifies says which
    ("Rosneft must repay a $900m loan that Yugansk had secured.", {"$900m": "loan that Yugansk had secured"}),
    # a market's session is when, not what the amount is in; a period in months
    ("Shares in Wimpey were up 6% at 458.5p in morning trade.", {"458.5p": "Shares in Wimpey"}),
    (
        "Eight journalists have been convicted in recent months.",
        {"Eight journalists": "journalists have been convicted in recent months"},
    ),
    # a participle, past an adverb, and "to" before a name
    ("The $500m pledge made recently by Japan helped.", {"$500m": "pledge made recently by Japan"}),
    ("He caught an 18-yard pass to JJ Smith.", {"18-yard": "pass to JJ Smith"}),
    # a noun the amount is "of", past a hedge
    ("He could face a prison term of up to six years.", {"up to six years": "prison term"}),
    # and what the amount is of, with what says which
    (
        "The bid covers the sale of 10,000 tonnes of frozen poultry to Egypt.",
        {"10,000 tonnes": "sale of frozen poultry to Egypt"},
    ),
    # what a change noun is "in"; what an amount is "in" or "of", past a conversion in brackets
    ("Figures showed a 45% increase in tourist revenues.", {"45%": "tourist revenues"}),
    (
        "The EU will deliver 3m euros (£2.1m) of aid.",
        {"3m euros": "aid EU will deliver", "£2.1m": "aid EU will deliver"},
    ),
    # who did what with what the amount is of, as for things counted; initials with stops are a word
    ("In 1986, farmers planted 61.5 mln acres of soybeans.", {"61.5 mln acres": "soybeans farmers planted"}),
    (
        "Exporters reported sales of 125,000 tonnes of U.S. corn to the Soviet Union.",
        {"125,000 tonnes": "sales of U.S. corn to the Soviet Union"},
    ),
    # with what says which ('$1.2bn in duties on steel imports')
    ("They will levy $1.2bn in duties on steel imports.", {"$1.2bn": "duties on steel imports"}),
    # a word hyphened to the one before it is no verb ending the phrase
    ("Fraud on UK-issued cards totalled £40m.", {"£40m": "Fraud on UK-issued cards"}),
    # the words a hyphen joins on belong to the phrase, and do not count against its length
    ("It has a 22% share of the UK buy-to-let mortgage market.", {"22%": "share of the UK buy-to-let mortgage market"}),
    # a time that says whose is no period
    (
        "There are 12 nominees in the category at this year's Oscars.",
        {"12 nominees": "nominees in the category at this year's Oscars"},
    ),
    # the subject of a change verb or copula, past auxiliaries, with the "of" phrase it completes
    ("Sales of diesel cars are down by 4.7% this year.", {"4.7%": "Sales of diesel cars"}),
    # a level verb with its particle; a capitalised word in a name is no participle
    ("Shares in Manchester United closed up 4.75% on Monday.", {"4.75%": "Shares in Manchester United"}),
    ("It estimated the EC rapeseed crop at 5.9 mln tonnes.", {"5.9 mln tonnes": "EC rapeseed crop"}),
    # what totals or is worth the amount; a participle after a possessive describes the noun
    ("It has liabilities totalling $648m.", {"$648m": "liabilities"}),
    ("Its sales came in at $43.7bn.", {"$43.7bn": "sales"}),
    ("The value of its stake had gone from $17.8bn to nothing.", {"$17.8bn": "value of its stake"}),
    ("The group, which is worth $17bn, said so.", {"$17bn": "group"}),
    ("This week's estimated arrivals total 487,000 tonnes.", {"487,000 tonnes": "week's estimated arrivals"}),
    # past an aside set off by commas, kept when it says which
    (
        "Net purchases of foreign bonds, excluding bills, dropped to 9.41 billion dlrs.",
        {"9.41 billion dlrs": "Net purchases of foreign bonds, excluding bills"},
    ),
    ("Exports, the ministry said, fell 5%.", {"5%": "Exports"}),
    # a longer aside, one between dashes; a name with an ampersand; past "something like"
    (
        "Shares in Solidere, the firm founded by the late prime minister Rafik Hariri, fell 15%.",
        {"15%": "Shares in Solidere"},
    ),
    ("Sales outside western Europe - its core market - rose 16.5%.", {"16.5%": "Sales outside western Europe"}),
    ("Shares in B&B were down more than 4%.", {"more than 4%": "Shares in B&B"}),
    ("Growth is something like 6%.", {"6%": "Growth"}),
    # the thing right before an amount that says how far it moved, not a day
    ("VW reported revenues 5.8pc higher.", {"5.8pc": "revenues"}),
    ("GE shares fell, ending Friday 0.24% down.", {"0.24%": None}),
    # what was sold or bought for the amount
    (
        "The group is selling off its glove business to its managers for £173m.",
        {"£173m": "its glove business to its managers"},
    ),
    # what a change verb moved, and the old and new values of one change
    ("GM cut its holding to 10% from 20%.", {"10%": "its holding", "20%": "its holding"}),
    (
        "It will raise the limit for foreign investment in telecoms firms to 74%.",
        {"74%": "limit for foreign investment in telecoms firms"},
    ),
    # with what says which period it is of, past a short form in brackets
    (
        "Currency in circulation in February fell to 7.43 billion ringgit.",
        {"7.43 billion ringgit": "Currency in circulation in February"},
    ),
    ("Total revenue for the year was 10bn euros.", {"10bn euros": "Total revenue for the year"}),
    # and with what says which: 'to', 'from', 'at' after a noun, not after a verb in -ing or a unit
    ("Lending to consumers fell by 6.0 pct.", {"6.0 pct": "Lending to consumers"}),
    ("The loss from operations was five mln dlrs.", {"five mln dlrs": "loss from operations"}),
    ("Speaking at the launch, he said costs rose 5%.", {"5%": "costs"}),
    # a period after the noun says which one, up to the period's noun
    ("Orders in February last year were 202.7 mln dlrs.", {"202.7 mln dlrs": "Orders in February last year"}),
    # a period with where it ends
    ("Sales in the year to March were $5bn.", {"$5bn": "Sales in the year to March"}),
    (
        "Operating profit in the three months to 31 December was 9.5bn kronor.",
        {"9.5bn kronor": "Operating profit in the three months to 31 December"},
    ),
    ("It forecast a 15% rise in net profits for the year.", {"15%": "net profits for the year"}),
    ("A 9% rise in arrears in the first half of this year", {"9%": "arrears in the first half of this year"}),
    ("It posted a 5% rise in sales in the first 10 weeks.", {"5%": "sales"}),
    ("Gross domestic product (GDP) rose by 1.7% last year.", {"1.7%": "Gross domestic product"}),
    # a level verb, an adverb between; a fronted whole; a percent before the noun it modifies
    ("The stock had traded over 54 dlrs last week.", {"over 54 dlrs": "stock"}),
    ("Of the companies surveyed, 30% saw orders rise.", {"30%": "the companies surveyed saw orders rise"}),
    ("The bank will issue 6.75 pct capital bonds.", {"6.75 pct": "capital bonds"}),
    # a results table's label, shared with the restated value after "vs"
    ("Net 146.4 mln dlrs vs 110.3 mln dlrs", {"146.4 mln dlrs": "Net", "110.3 mln dlrs": "Net"}),
    # an adverb between a modal and its verb; "added" with the amount as its object is no speech
    (
        "CINDASA will also ship 6,000 tonnes of Spanish corn.",
        {"6,000 tonnes": "Spanish corn CINDASA will also ship"},
    ),
    (
        "Fly-half Stephen Jones added four conversions.",
        {"four conversions": "conversions Fly-half Stephen Jones added"},
    ),
    # a statistic's qualifier between "to" and the amount ('a provisional', 'a record preliminary')
    ("The trade surplus widened to a provisional 10.4 billion marks.", {"10.4 billion marks": "trade surplus"}),
    # a comparative after a percent is no noun it modifies
    ("Its reserves were 20% smaller than previously thought.", {"20%": "reserves"}),
    # an age written before its noun is that one's
    ("The 62-year-old coach was hurt.", {"62-year": "coach"}),
    # the thing an amount is of, with who did what with it; a pronoun says nothing of what is measured
    ("Solidere posted profits of $12.5m in the first half.", {"$12.5m": "profits Solidere posted"}),
    ("He posted profits of $12.5m.", {"$12.5m": "profits"}),
    # a time after the amount is no thing measured
    ("He retired two years later.", {"two years": None}),
    # a participle the tagger took for a past tense, which the parser hangs on the noun, still says which
    (
        "She was working on a film about the last two men pulled from the rubble of the Twin Towers.",
        {"two men": "men pulled from the rubble of the Twin Towers"},
    ),
    # how much likelier the subject is to do something, to the end of its clause; in a list, what is likelier
    (
        "Heavy users are 56% more likely to say they are unhappy, 27% more likely to be depressed and 35% more "
        "likely to have a risk factor for suicide.",
        {
            "56%": "Heavy users more likely to say they are unhappy",
            "27%": "more likely to be depressed",
            "35%": "more likely to have a risk factor for suicide",
        },
    ),
    (
        "Roma Czechs were 400 times more likely to be stopped at Prague airport than other passengers.",
        {"400 times": "Roma Czechs more likely to be stopped at Prague airport"},
    ),
    (
        "Women were 30% more likely to have two or more children.",
        {"30%": "Women more likely to have two or more children"},
    ),
    # a share's whole with the ages or the relative clause that say which
    (
        "Figures suggest 29% of people aged between 18 and 24 were not on the roll.",
        {"29% of people": "people aged between 18 and 24"},
    ),
    ("Some 20% of people aged 65 and over live alone.", {"Some 20% of people": "people aged 65 and over"}),
    # "up" after a noun is the change's verb; after a verb or an amount it is not
    ("Wine sales are growing, with wine sales in 2003 up 25% at 61.1bn yuan.", {"25%": "wine sales in 2003"}),
    ("Sales up 5% in March.", {"5%": "Sales"}),
    ("Stocks closed Tuesday up 4%.", {"4%": None}),
    ("The debts, built up over 20 or 30 years, are unpayable.", {"over 20 or 30 years": None}),
    # what a change verb moved by, its words in quotes or not, with a "per" that says which
    ('He hopes to increase productivity "by nearly 30%".', {"nearly 30%": "productivity"}),
    ("The law will boost big-bank earnings per share by 13 percent.", {"13 percent": "big-bank earnings per share"}),
    # a results line's figure after "vs" and a profit or a loss: the line's label with that side
    (
        "Shr loss three cts vs loss 39 cts\nOper net loss 77,000 vs profit 285,000",
        {"39 cts": "Shr loss", "77,000": "Oper net loss", "285,000": "Oper net profit"},
    ),
    ("It swung to a profit of 2 mln dlrs vs loss 3 mln dlrs.", {"3 mln dlrs": None}),
    # which way a level went before "at", a total something comes to, a verb that moves with "up"
    ("Gross reserves were slightly lower at 1.857 billion dlrs.", {"1.857 billion dlrs": "Gross reserves"}),
    ("Argentina's financing needs come to 3.53 billion dlrs.", {"3.53 billion dlrs": "Argentina's financing needs"}),
    ("The growth rate is expected to edge up to 2.75 pct next year.", {"2.75 pct": "growth rate"}),
    # what says when between a change verb and its amount
    ("Auto credit rose in February by 717 mln dlrs.", {"717 mln dlrs": "Auto credit"}),
    ("Exports rose last month by 5%.", {"5%": "Exports"}),
    ("Profits fell in the third quarter by 10% to $5m.", {"10%": "Profits", "$5m": "Profits"}),
    # money for a thing is what the thing costs or needs, not money for a period or a share
    ("The Red Cross said it was seeking $6.5m for emergency aid.", {"$6.5m": "emergency aid"}),
    ("It offered $5 for each share.", {"$5": None}),
    ("He was fined $500 for speeding.", {"$500": None}),
    # a level a verb states is no share held ('reached'), nor is a clause after "and" the level's change
    ("Debt reached 90% of GDP last year.", {"90% of GDP": "GDP"}),
    # a share a verb's object: the whole with who holds it
    ("The Lagardere group owns 30% of EADS.", {"30% of EADS": "EADS Lagardere group owns"}),
    ("NEC owns 15 pct of the company.", {"15 pct of the company": "the company NEC owns"}),
    # people before "aged" are whose age it is; a place is not
    ("Dame Alicia Markova, who has died in Bath aged 94, was a ballerina.", {"94": "age"}),
    ("Only 15% of Britons aged 65 or over have been online.", {"65": "age of Britons"}),
    # a participle after a preposition describes the noun the amount is of
    (
        "Net includes loss from discontinued operations of 78,000 dlrs.",
        {"78,000 dlrs": "loss from discontinued operations"},
    ),
    # a whole measured by the number of things in it, not an event that happens to them
    ("American Express stock fell on volume of 1.9 mln shares.", {"1.9 mln shares": "volume"}),
    ("The organisation had a staff of about 60 people.", {"about 60 people": "staff"}),
    ("The deal led to the release of three American hostages.", {"three American hostages": "American hostages"}),
    # the subject of a verb a change verb is raised to is the subject of the change
    ("Borrowing costs are tipped to rise by 2%.", {"2%": "Borrowing costs"}),
    ("Profits were forecast to fall 5%.", {"5%": "Profits"}),
    # what a speech verb's object was told is not which of them
    ("The company told 20% of its staff that they would lose their jobs.", {"20% of its staff": "its staff"}),
    (
        "This compares to 14% of those aged 30-39, 15% of Britons aged 65 or over and 9% of those who have dial-up "
        "access.",
        {
            "14% of those": "those aged 30-39",
            "15% of Britons": "Britons aged 65 or over",
            "9% of those": "those who have dial-up access",
        },
    ),
]


@pytest.mark.parametrize("sentence, expected", SENTENCES)
def test_what_each_claim_measures(nlp, claims_nlp, sentence, expected):
    for pipeline in (nlp, claims_nlp):
        measured = {claim.surface: claim.of_what for claim in extract_claims(pipeline(sentence))}
        assert {surface: measured.get(surface, "missing") for surface in expected} == expected


# With tags, any verb in a tense says who did what with the things counted; without, only the verbs a word list
# or a participle's ending tells (the tokenizer keeps the noun alone).
@pytest.mark.parametrize(
    "sentence, tagged, untagged",
    [
        ("Wal-Mart is also fighting two lawsuits.", "lawsuits Wal-Mart is also fighting", "lawsuits"),
        (
            "Oracle is cutting 5,000 jobs at its Texas plants.",
            "jobs at its Texas plants Oracle is cutting",
            "jobs at its Texas plants",
        ),
        ("The band broke 3 records.", "records band broke", "records"),
    ],
)
def test_a_tensed_verb_tagged_as_one_says_who_did_what_with_things_counted(nlp, claims_nlp, sentence, tagged, untagged):
    assert [c.of_what for c in extract_claims(nlp(sentence))] == [tagged]
    assert [c.of_what for c in extract_claims(claims_nlp(sentence))] == [untagged]


def test_a_participle_tagged_as_describing_the_noun_after_it_does_not_end_the_phrase(nlp, claims_nlp):
    sentence = "Some 5,000 laptops left in licensed cabs were never claimed."
    assert [c.of_what for c in extract_claims(nlp(sentence))] == ["laptops left in licensed cabs"]
    assert [c.of_what for c in extract_claims(claims_nlp(sentence))] == ["laptops left"]  # no tags: a verb
