"""Attribution: who states each figure, and how.

Every sentence here is written for these tests; none is taken from the test
articles or the seeds. Each construction is checked for the source's name and
class, how it was said (quote, reported, according_to, author), the cue verb
and its stance, with negative cases beside it.
"""

import pytest
from workcount import assert_linear

from kzcheck import attribution as attr
from kzcheck.extract import extract_text
from kzcheck.vocab import default_vocabulary


def figures(text, **meta):
    return [c for c in extract_text(text, "t", meta) if c.kind == "figure"]


def fig(text, needle, **meta):
    """The figure claim whose text contains ``needle``."""
    found = [c for c in figures(text, **meta) if needle in c.text]
    assert found, f"no figure with {needle!r} in {[c.text for c in figures(text, **meta)]}"
    return found[0]


def check(claim, name=None, cls=None, how=None, verb=None, stance=None, role=None, organisation=None):
    s = claim.source
    if name is not None:
        assert name.lower() in s.name.lower(), (s.name, s)
    if cls is not None:
        assert s.cls == cls, s
    if how is not None:
        assert s.how == how, s
    if verb is not None:
        assert s.verb == verb, s
    if stance is not None:
        assert s.stance == stance, s
    if role is not None:
        assert s.role and role.lower() in s.role.lower(), s
    if organisation is not None:
        assert s.organisation and organisation.lower() in s.organisation.lower(), s


def is_author(claim):
    assert claim.source.cls == "media_author" and claim.source.how == "author", claim.source


# ---------------------------------------------------------------- cues in the sentence

def test_according_to_before_the_figure():
    c = fig("According to the emergencies ministry, 12 people were killed in the blast in Karaganda.", "12")
    check(c, "emergencies ministry", "official", "according_to", "according to", "neutral")


def test_according_to_after_the_figure():
    c = fig("Eight miners were killed underground, according to the regional akimat.", "Eight")
    check(c, "regional akimat", "official", "according_to", "according to", "neutral")


def test_according_to_with_participle_after_the_speaker():
    c = fig("Around 60 people were treated for burns, according to nurses interviewed by our reporter.", "60")
    check(c, "nurses", "residents_witnesses", "according_to")
    assert "reporter" not in c.source.name


def test_group_says_before_the_figure():
    c = fig("Rights groups say 500 people were detained in Shymkent last week.", "500")
    check(c, "Rights groups", "ngo", "reported", "say", "neutral")


def test_residents_insist_with_aside():
    c = fig("The authorities said nine died. Residents, however, insist that at least 40 people were killed.", "40")
    check(c, "Residents", "residents_witnesses", "reported", "insist", "asserting")


def test_trailing_cue_covers_the_sentence():
    c = fig("Some 1,200 people have been detained since Monday, the interior ministry said on Thursday.", "1,200")
    check(c, "interior ministry", "official", "reported", "said", "neutral")


def test_parenthetical_cue_in_the_middle():
    c = fig("Four of the dead, the ministry said, were police officers.", "Four")
    check(c, "ministry", "official", "reported", "said")


def test_claimed_is_distancing():
    c = fig("President Serik Omarov claimed on television that 15,000 armed attackers had crossed the border.", "15,000")
    check(c, "Serik Omarov", "official", "reported", "claimed", "distancing", role="President")


def test_admitted_is_conceding():
    c = fig("The regional governor admitted that six detainees had died in custody.", "six")
    check(c, "governor", "official", "reported", "admitted", "conceding")


def test_put_the_toll_at_is_estimating():
    c = fig("Opposition activists put the toll at more than 80.", "80")
    check(c, "Opposition activists", "opposition_activists", "reported", "put the toll at", "estimating")


def test_participle_cue_takes_the_clause_subject():
    c = fig("Exiled dissidents rejected the official figure, putting the toll at over 100.", "100")
    check(c, "Exiled dissidents", "opposition_activists", "reported", "putting the toll at", "estimating")


def test_participle_saying_continues_the_speaker_of_the_clause():
    text = "Colonel Bauyrzhan Sadykov, the police chief, spoke briefly to reporters, saying 14 officers had been wounded."
    c = fig(text, "14")
    check(c, "Sadykov", "official", "reported", "saying", "neutral")


def test_revision_verb_with_the_number():
    c = fig("The health ministry on Monday raised the official number of dead from 41 to 47.", "47")
    check(c, "health ministry", "official", "reported", stance="estimating")
    assert c.source.verb.startswith("raised")


def test_second_verb_of_the_same_speaker():
    text = ("The Almaty Bureau for Human Rights said it could not check the new count and believed at least "
            "nine people had died in custody.")
    c = fig(text, "nine")
    check(c, "Almaty Bureau for Human Rights", "ngo", "reported", "believed", "estimating")


def test_possessive_estimate_belongs_to_its_owner():
    text = "The minister dismissed the opposition's estimate that 300 people were killed, calling it invented."
    c = fig(text, "300")
    check(c, "opposition", "opposition_activists", "reported", "estimate", "estimating")


def test_by_their_count_is_according_to():
    c = fig("By the union's count, 4,000 oil workers joined the strike.", "4,000")
    check(c, "union", how="according_to", verb="by count", stance="neutral")


def test_officially_without_a_speaker():
    c = fig("Officially, 31 people died in the floods.", "31")
    check(c, "officials", "official", "according_to")


def test_no_cue_is_the_outlet():
    c = fig("Police fired on the crowd, killing seven people.", "seven", outlet="The Irtysh Times")
    is_author(c)
    assert c.source.name == "The Irtysh Times"


# ---------------------------------------------------------------- negative cases

@pytest.mark.parametrize("text,needle", [
    ("Reports of 50 arrests in Taraz could not be verified.", "50"),
    ("The claims of 300 deaths were dismissed as propaganda.", "300"),
    ("The state detained 12 journalists during the protests.", "12"),
    ("An estimated 2,000 people marched through the city centre.", "2,000"),
    ("Rescuers recorded by a drone pulled 11 bodies from the river.", "11"),
])
def test_nouns_and_participles_are_no_cues(text, needle):
    is_author(fig(text, needle))


def test_object_of_told_is_never_the_speaker():
    text = "A local farmer told the Ural Gazette that seven people were killed when the dam broke."
    c = fig(text, "seven")
    check(c, "farmer", "residents_witnesses", "reported", "told", "neutral")
    assert "Gazette" not in c.source.name


def test_told_this_newspaper_keeps_the_named_speaker():
    text = "Aliya Sultanova, a retired engineer, told this newspaper that she had seen 25 wounded men on the bridge."
    c = fig(text, "25")
    check(c, "Aliya Sultanova", "residents_witnesses", "reported", "told")


def test_inverted_said_after_a_quote_but_never_told():
    c = fig('"At least 25 people were injured," said the health ministry.', "25")
    check(c, "health ministry", "official", "quote", "said")
    c = fig("Fourteen were arrested, told the mayor his aides.", "Fourteen")
    assert "mayor" not in c.source.name.lower()


def test_described_as_is_not_a_speaker():
    c = fig("Nine inmates died last year in a colony described as a torture camp.", "Nine")
    is_author(c)


# ---------------------------------------------------------------- people, titles, surnames, pronouns

def test_title_before_the_name_registers_the_role():
    text = ("Interior Minister Yerlan Dzhaksybekov told parliament that 3,000 people were detained. "
            "The minister said 40 of them were foreign nationals.")
    first = fig(text, "3,000")
    check(first, "Yerlan Dzhaksybekov", "official", "reported", role="Interior Minister")
    later = fig(text, "40")
    check(later, "Yerlan Dzhaksybekov", "official", "reported", "said")


def test_hyphenated_title_and_surname_later():
    text = ("Kazakh Attorney-General Nurlan Abishev gave a briefing on Monday. "
            "Abishev said 18 police officers had been charged and 11 convicted.")
    c = fig(text, "11")
    assert c.source.name == "Nurlan Abishev"
    assert c.source.cls == "official"


def test_apposition_gives_role_and_organisation():
    text = ("Madina Zhunusova, Freedom House's Central Asia director, said at least 70 people were tortured "
            "in detention. Zhunusova added that 12 of them had died.")
    c = fig(text, "12")
    check(c, "Madina Zhunusova", "ngo", "reported", "added", role="Central Asia director",
          organisation="Freedom House")


def test_role_apposition_before_the_name():
    text = "The deputy foreign minister, Timur Saparov, said 200 foreigners had been detained."
    check(fig(text, "200"), "Timur Saparov", "official", "reported", "said")


def test_apposition_chain_with_age():
    text = "Kanat Bekov, 47, a former welder at the plant, said 16 of his colleagues were wounded."
    check(fig(text, "16"), "Kanat Bekov", "residents_witnesses", "reported", "said")


def test_unnamed_person_with_an_aside_in_dashes():
    text = "A surgeon at the regional hospital - she asked not to be named - told us 90 wounded arrived overnight."
    check(fig(text, "90"), "surgeon", "residents_witnesses", "reported", "told")


def test_relative_who_said():
    text = ("The figures were confirmed by Asel Nurova, a spokeswoman for the city police department, "
            "who said 12 people had been detained.")
    check(fig(text, "12"), "Asel Nurova", "official", "reported", "said")


def test_pronoun_gender_from_titles():
    text = ("Ms Zhanna Ibrayeva, a lawyer for the families, and Mr Bolat Kenzhebayev, a police colonel, spoke after the "
            "hearing. She said 20 people were still detained. He said three officers were injured.")
    check(fig(text, "20"), "Zhanna Ibrayeva")
    check(fig(text, "three"), "Bolat Kenzhebayev", "official")


def test_pronoun_gender_from_earlier_pronoun_use():
    text = ("Gulmira Sarsenova, an activist, and Arman Tulegenov, a local MP, visited the town. "
            "Sarsenova said she had counted 30 bodies. Tulegenov said he was told 5 people were injured. "
            "She added that 15 people had been detained.")
    check(fig(text, "15"), "Gulmira Sarsenova", "opposition_activists", "reported", "added")


def test_a_speaker_reporting_another_speakers_figure():
    text = ("President Daniyar Suleimenov addressed the nation on Friday. "
            "Our correspondent asked about the clashes: the president says the city was attacked by 8,000 militants.")
    c = fig(text, "8,000")
    check(c, "Daniyar Suleimenov", "official", "reported", "says")


def test_the_article_outlet_is_never_a_person():
    text = ("The Aral Herald | AKTAU, 3 May 2023\n\nFloods hit the region.\n\n"
            "The Aral Herald reported on Monday that 12 people had been killed in the floods.\n")
    c = fig(text, "12")
    is_author(c)
    assert "Herald" in c.source.name


# ---------------------------------------------------------------- organisations

def test_the_group_resolves_to_the_named_organisation():
    text = ("Amnesty International published a new report on Tuesday. "
            "The group said 300 people had been detained without charge.")
    check(fig(text, "300"), "Amnesty International", "ngo", "reported", "said")


def test_the_bloc_resolves_to_the_alliance_named_with_its_acronym():
    text = ("Troops arrived from the Collective Security Treaty Organization (CSTO), a military bloc led by Moscow. "
            "The bloc said it had sent 3,000 troops.")
    c = fig(text, "3,000")
    check(c, "CSTO", "international_body", "reported", "said")


def test_the_ministry_resolves_to_the_ministry_named_before():
    text = ("Kazakhstan's emergencies ministry said on Monday that rescuers were searching the rubble. "
            "Later the ministry said 17 people had been killed.")
    check(fig(text, "17"), "emergencies ministry", "official", "reported", "said")


def test_the_company_skips_a_name_inside_a_description():
    text = ("Workers at Zhezkazgan Copper, a Kazakhmys subsidiary, walked out in March. "
            "The company put the number of strikers at 600.")
    c = fig(text, "600")
    check(c, "Zhezkazgan Copper", "company", "reported", stance="estimating")


def test_it_and_the_report_resolve_to_the_issuer():
    text = ("Human Rights Watch said on Wednesday that soldiers fired on unarmed crowds. "
            "In a 40-page report, the New York-based group documented the deaths of at least 21 people. "
            "Nine were killed at a single checkpoint, the report says. "
            "The marches, which it says drew thousands of people, were peaceful.")
    check(fig(text, "21"), "Human Rights Watch", "ngo", "reported", "documented")
    check(fig(text, "Nine"), "Human Rights Watch", "ngo", "reported", "says")


# ---------------------------------------------------------------- quotes

def test_direct_quote_with_inverted_cue_and_role():
    text = '"We counted 30 bodies in the yard," said Aizhan Temirova, a nurse at the regional hospital.'
    check(fig(text, "30"), "Aizhan Temirova", "residents_witnesses", "quote", "said")


def test_second_quote_in_the_paragraph_keeps_the_speaker():
    text = ('"This was a massacre," said Yerbol Dauletov, an opposition activist. '
            '"We know of 58 people who were killed."')
    check(fig(text, "58"), "Yerbol Dauletov", "opposition_activists", "quote")


def test_quote_continuing_over_paragraphs():
    text = ('"Nobody has been punished," the lawyer Saule Akhmetova said after the verdict.\n\n'
            '"Twenty-two families are still waiting for answers, and nine of their sons are dead."\n')
    check(fig(text, "nine"), "Saule Akhmetova", how="quote")


def test_quote_introduced_by_a_colon():
    text = ("Police spokesman Arman Dauletov spoke to the regional channel Atameken by phone:\n\n"
            '"Eleven officers were wounded and four attackers have been detained."\n')
    c = fig(text, "Eleven")
    check(c, "Arman Dauletov", "official", "quote")
    assert "Atameken" not in c.source.name


def test_quote_with_pronoun_cue():
    text = ("Opposition blogger Ruslan Ismailov disputed the toll. "
            '"Over 60 bodies were taken to the morgue," he wrote on Telegram.')
    check(fig(text, "60"), "Ruslan Ismailov", "opposition_activists", "quote", "wrote")


def test_scare_quotes_do_not_make_a_quote():
    text = 'The governor said that "3,000 bandits" had attacked the city.'
    check(fig(text, "3,000"), "governor", "official", "reported", "said")


# ---------------------------------------------------------------- the text around a sentence

def test_subgroup_continues_the_previous_source():
    text = "Nine people were killed in the stampede, the ministry said. Among them, three children died in hospital."
    check(fig(text, "three"), "ministry", "official", "reported", "said")


def test_subgroup_in_a_new_paragraph_does_not_inherit():
    text = "Nine people were killed in the stampede, the ministry said.\n\nAmong them, three children died in hospital.\n"
    is_author(fig(text, "three"))


def test_announcement_then_figures():
    text = ("Update: Police spokesman Daniyar Akhmetov has released new figures at an evening briefing. "
            "The toll: 9 dead, 4 of them police officers.")
    check(fig(text, "9 dead"), "Daniyar Akhmetov", "official", "reported", stance="neutral")


def test_live_blog_update_names_the_official_who_spoke_before():
    text = ("14:10\nRegional police chief Marat Zhanuzakov said the gunmen had fled.\n\n"
            "15:20\nUpdate: Zhanuzakov at the scene. Seven suspects have been detained.\n")
    check(fig(text, "Seven"), "Marat Zhanuzakov", "official")


def test_press_release_voice_is_the_issuing_organisation():
    text = ("FOR IMMEDIATE RELEASE\n\nSteppe Legal Aid Network\n\nASTANA - 2 March 2023\n\n"
            "Steppe Legal Aid Network (SLAN), an independent human rights organisation, today published its annual review.\n\n"
            "At least 140 people were detained for taking part in peaceful rallies in 2022.\n\n"
            "By SLAN's count, 35 of them were held for more than a month.\n\n"
            "MEDIA CONTACT\nPress office, press@example.org\n\n###\n")
    c = fig(text, "140")
    check(c, "Steppe Legal Aid Network", "ngo", "author")
    check(fig(text, "35"), "Steppe Legal Aid Network", "ngo", "according_to")


def test_transcript_labels():
    text = ("HOST (Ainur Kassen): Welcome back. Joining me is Dinara Kassymova, director of the Almaty Human Rights Bureau.\n\n"
            "HOST: What do you know about the arrests?\n\n"
            "KASSYMOVA: We have documented the cases of 220 detained people so far.\n\n"
            "Some of them were beaten, and at least three have died in custody.\n\n"
            "HOST: The police say only 80 were detained.\n\n"
            "KASSYMOVA: That is not what the families tell us.\n")
    check(fig(text, "220"), "Dinara Kassymova", "ngo", "quote")
    check(fig(text, "three"), "Dinara Kassymova", "ngo", "quote")
    check(fig(text, "80"), "police", "official", "reported", "say")


def test_transcript_labels_after_a_time_stamp_and_with_a_role():
    text = ("[00:00:10] HOST (Saule Bekturova): Good evening. With me is Yerlan Mukanov, and a caller from Aktau.\n\n"
            "[00:01:02] LAWYER (Yerlan Mukanov): We can document at least 12 deaths in custody.\n\n"
            "[00:02:40] BEKTUROVA: Tens of thousands of protesters came out that day.\n\n"
            "(00:03:15) CALLER (Aidos Temirov): My neighbours saw 30 people detained outside the akimat.\n\n"
            "[00:04:01] MUKANOV: And not one police officer has been convicted.\n")
    check(fig(text, "12"), "Yerlan Mukanov", how="quote", role="lawyer")
    check(fig(text, "police officer"), "Yerlan Mukanov", how="quote")
    is_author(fig(text, "Tens of thousands"))  # the host named in a label is still the programme's voice
    check(fig(text, "30"), "Aidos Temirov", "residents_witnesses", "quote")


def test_transcript_presenter_is_the_outlet():
    text = ("PRESENTER: Good evening. Tonight, tens of thousands of protesters filled the square in Almaty.\n\n"
            "CORRESPONDENT: I counted at least 40 police vans on the way in.\n\n"
            "PRESENTER: Thank you.\n")
    is_author(fig(text, "tens of thousands"))


def test_question_and_answer_with_the_interviewee_in_the_intro():
    text = ("We spoke to Marat Ospanov, a former miner at the Bogatyr pit, about the accident.\n\n"
            "Q: What did you see?\n\n"
            "A: I saw nine bodies carried out of the shaft.\n\n"
            "Q: And the injured?\n\n"
            "A: About 30 were taken to hospital.\n")
    check(fig(text, "nine"), "Marat Ospanov", "residents_witnesses", "quote")


def test_question_and_answer_without_an_interviewee_is_the_outlet():
    text = ("EXPLAINER\n\nQ: What happened in Taraz?\n\nA: In 2011 a gunman killed seven people in the city.\n\n"
            "Q: Why does it matter?\n\nA: It was the first attack of its kind.\n")
    is_author(fig(text, "seven"))


def test_interview_section_headed_by_the_interviewee():
    text = ("Bereaved families speak out\n\n"
            "We met two witnesses in Zhanatas last week.\n\n"
            "Nurlan Sadykov, former bus driver\n\n"
            "What did you see that night?\n\n"
            "I saw the soldiers shoot. Eleven people were killed near me, and we carried them to the clinic.\n\n"
            "The clinic was closed by the next morning.\n")
    check(fig(text, "Eleven"), "Nurlan Sadykov", "residents_witnesses", "quote")


def test_dateline_is_not_a_speaker_label():
    text = "ATYRAU: Police detained 40 people on Sunday.\n\nATYRAU: Twelve people were killed in the fighting.\n"
    is_author(fig(text, "Twelve"))


def test_announcement_reaches_only_the_next_sentences():
    text = ("Police spokesman Timur Abenov has released new figures. The toll: 9 dead. 4 of them were officers. "
            "Separately, 20 people were killed in a bus crash in Shymkent.")
    check(fig(text, "9 dead"), "Timur Abenov")
    is_author(fig(text, "20"))


def test_according_to_figures_released_by_an_office():
    text = "According to figures released by the regional health department, 310 people were injured."
    check(fig(text, "310"), "regional health department", "official", "according_to", "according to")


def test_relative_clause_names_the_organisation_led():
    text = "Bolat Zhumabayev, who leads the Democratic Choice movement, said 60 supporters were arrested."
    check(fig(text, "60"), "Bolat Zhumabayev", "opposition_activists", "reported", "said")


def test_statements_name_their_speaker():
    text = ('Dinara Abenova, a researcher at Amnesty International, said: "Prisons here are places of fear '
            'for everyone who is sent there."')
    stmts = [c for c in extract_text(text, "t", {}) if c.kind == "statement"]
    assert any("places of fear" in c.text and c.source.name == "Dinara Abenova" and c.source.cls == "ngo"
               and c.source.how == "quote" for c in stmts), [(c.text, c.source) for c in stmts]


# ---------------------------------------------------------------- units

def test_split_role():
    assert attr.split_role("Freedom House's Central Asia director") == ("Central Asia director", "Freedom House")
    assert attr.split_role("spokesman for the Karaganda regional police") == ("spokesman", "Karaganda regional police")
    assert attr.split_role("a retired teacher") == ("a retired teacher", None)


def test_classify_needs_capitals_for_short_acronyms():
    v = default_vocabulary()
    assert attr.classify("a woman who lives nearby", v) == "residents_witnesses"
    assert attr.classify("the WHO", v) == "international_body"
    assert attr.classify("Human Rights Watch", v) == "ngo"


def _attribute_all(text):
    from kzcheck.segment import paragraphs, split_sentences
    ctx = attr.ArticleContext(text, split_sentences(text), paragraphs(text), default_vocabulary(), attr.author_source({}))
    attr.find_people(ctx)
    attr.find_quotes(ctx)
    attr.attribute_quotes(ctx)
    for s in ctx.sentences:
        attr.source_for(ctx, s, s.start)


def test_long_article_is_linear():
    """Guards against quadratic work in attribution (people, quotes, sources) over many paragraphs:
    work counted at 50 and 200 paragraphs; the old size, 1,600 paragraphs, runs under a hang guard."""
    para = ("Officials said 12 people were detained in Aktau, and Marat Ivanov, a police spokesman, told reporters "
            "that the group had planned the attack. \"We arrested four more,\" he said. The ministry said 9 died.\n\n")
    assert_linear(_attribute_all, lambda k: para * k, 50, "paragraphs", large=1600)


def test_long_sentence_is_linear():
    """Guards against quadratic work in attribution within one long sentence of clauses:
    work counted at 50 and 200 clauses; the old size, 1,600 clauses, runs under a hang guard."""
    clause = "the ministry said 12 people were detained, and Ivanov's estimate that 40 died was rejected, putting it at 9; "
    assert_linear(_attribute_all, lambda k: "Officials said " + clause * k + "end.", 50, "clauses", large=1600)


# ---------------------------------------------------------------- vocabularies changed after use

def test_a_source_named_after_first_use_is_classified_anew():
    from kzcheck.pipeline import vocabulary_for

    vocab = vocabulary_for({}, [])
    assert attr.classify("Steppe Monitor", vocab, default="") == ""
    vocab = vocabulary_for({}, [{"name": "Steppe Monitor", "class": "ngo"}])
    assert attr.classify("Steppe Monitor", vocab, default="") == "ngo"
    vocab.named_sources["qaragandy watch"] = "ngo"
    assert attr.classify("Qaragandy Watch", vocab, default="") == "ngo"


def test_a_cue_verb_added_after_first_use_is_read():
    from kzcheck.pipeline import vocabulary_for

    vocab = vocabulary_for({}, [])  # a vocabulary of its own: the default one is shared
    text = "The regional governor intimated that 40 workers were detained."
    before = [c for c in extract_text(text, "t", {}, vocab=vocab) if c.kind == "figure"]
    assert before and before[0].source.how == "author"
    vocab.stances.add("intimated", "neutral")
    after = [c for c in extract_text(text, "t", {}, vocab=vocab) if c.kind == "figure"]
    assert after and after[0].source.how == "reported" and after[0].source.verb == "intimated", after[0].source


# ---------------------------------------------------------------- translated officialese

def test_trailing_informs_and_specified_are_speech_cues():
    c = fig("Title\n\n670 persons remain in medical organizations, the Ministry of Healthcare informs.", "670")
    check(c, "Ministry of Healthcare", "official", "reported", "informs")
    c = fig("Title\n\n8 persons were convicted, the court specified.", "8")
    check(c, "court", "official", "reported", "specified")


def test_an_undefined_acronym_points_to_the_organisation_with_those_initials():
    text = ("Title\n\nAccording to the Ministry of Internal Affairs, 120 people were detained. "
            "Another 26 armed men were liquidated, the MIA reported.")
    check(fig(text, "26"), "Ministry of Internal Affairs", "official", "reported")


def test_an_acronym_with_no_such_organisation_before_is_no_speaker():
    # initials of nothing named before it: the acronym is not taken for a speaker
    text = "Title\n\nThe Ministry of Health said 4 people died. 6 persons have been convicted, the GPO specified."
    is_author(fig(text, "6 persons"))
    # the organisation must come first
    text = "Title\n\n6 persons have been convicted, the MIA specified. The Ministry of Internal Affairs said 4 died."
    is_author(fig(text, "6 persons"))


def test_a_possessive_inside_an_organisation_name_keeps_the_name_whole():
    text = ("Title\n\nOn 15 January the Prosecutor General's Office said 225 people had died. "
            "In August the office raised the toll to 238.")
    check(fig(text, "238"), "Prosecutor General's Office", "official")
    check(fig("Title\n\nThe General Prosecutor's Office of RK said 4 died. Later 6 persons were convicted, the GPO said.",
              "6 persons"), "General Prosecutor's Office", "official")


# ---------------------------------------------------------------- British style

def test_inverted_speaker_after_a_reported_clause():
    text = "Title\n\nA further 86 people were taken to hospital, said Dr Gulmira Sarsenova, the chief doctor of the town hospital."
    check(fig(text, "86"), "Gulmira Sarsenova", "residents_witnesses", "reported", "said")
    check(fig("Title\n\nPolice detained 80 people, said the ministry on Monday.", "80"), "ministry", "official", "reported")


def test_a_clause_before_said_is_no_apposition_but_a_relative_clause_is():
    # "said to be" names no speaker; "The strikers, who were sacked, said" keeps its subject
    is_author(fig("Title\n\nEighty people were injured, said to be a record.", "Eighty"))
    check(fig("Title\n\nThe strikers, who were sacked, said 80 people were injured.", "80"), "strikers", "opposition_activists")
    check(fig("Title\n\nMarat Seitkali, the detained driver, said 5 died.", "5"), "Marat Seitkali", "residents_witnesses")


def test_single_quoted_quotation_runs_on_to_its_closing_mark():
    text = ("Title\n\n'Nobody told us to go home,' said Serik Abdrakhmanov, a welder who had been on strike. "
            "'They just started shooting. I saw at least a dozen people shot dead.'")
    check(fig(text, "dozen"), "Abdrakhmanov", how="quote")


def test_apostrophes_and_scare_quotes_are_no_quotation():
    text = "Title\n\nThe strikers' leaders called them 'hooligans'. Police said 30 people were detained."
    check(fig(text, "30"), "Police", "official", "reported")


def test_present_tense_revision_names_its_reviser():
    text = "Title\n\n15 January - The Prosecutor General's Office raises the death toll from 164 to 225, including 19 police officers."
    for needle in ("164", "225", "19"):
        check(fig(text, needle), "Prosecutor General's Office", "official", "reported", stance="estimating")
    # a revision verb with no speaker before it is the article's own voice
    is_author(fig("Title\n\nThe toll rises to 225 as more bodies are found.", "225"))


# ---------------------------------------------------------------- feature style

def test_a_person_introduced_by_name_is_he_later():
    text = ("Title\n\nBolat Nurpeisov has fished the Ural river for thirty years, and he knows every bend of it. "
            "He says he saw nine bodies on the bank that morning.")
    check(fig(text, "nine"), "Bolat Nurpeisov", "residents_witnesses", "reported")
    # a capitalised phrase with no pronoun after it stays no one
    text = "Title\n\nGreen Valley has grown for thirty years. He says nine people died."
    is_author(fig(text, "nine"))


def test_appearing_somewhere_to_say_that_is_speech():
    text = ("Title\n\nOn Monday, Serik Akhmetov, the regional governor, went on local radio to say that 14 people had died.")
    check(fig(text, "14"), "Serik Akhmetov", "official", "reported", "say")
    # an infinitive after "declined", "too early" or "expected" says nothing
    is_author(fig("Title\n\nThe governor declined to say that 14 people had died, and 9 were hurt.", "9"))
    is_author(fig("Title\n\nThe governor is expected to announce that 14 people had died.", "14"))


def test_a_possessive_figure_with_an_aside_keeps_its_owner():
    text = "Title\n\nThe Health Ministry's own count, released on Friday, was 312 injured."
    check(fig(text, "312"), "Health Ministry", "official")


def test_a_relative_clause_is_no_part_of_a_role():
    text = ("Title\n\nDaniyar Ospanov, an economist in Astana who is often interviewed by state television, says "
            "that 40 people were detained.")
    c = fig(text, "40")
    check(c, "Daniyar Ospanov", role="economist")
    assert c.source.cls != "media_author", c.source


def test_a_trade_after_the_name_gives_the_class():
    text = ("Title\n\n\"The water came up to the windows,\" said Asel Nurova, a cleaner who lives by the river. "
            "\"I saw four people shot dead.\"")
    check(fig(text, "four"), "Asel Nurova", "residents_witnesses", "quote")
    # an apposition the vocabulary gives no class tells nothing
    text = ("Title\n\n\"The water came up to the windows,\" said Asel Nurova, a Kazakh. \"I saw four people shot dead.\"")
    assert fig(text, "four").source.cls == "other"


# ---------------------------------------------------------------- translated from Russian

def test_an_initialled_surname_with_its_title_before_it():
    text = ("Title\n\nOn 12.03.2019 the Minister of Energy A.Satkaliyev stated that 40 workers were injured. "
            "Later the Minister of Energy informed that 3 of them had died.")
    check(fig(text, "40"), "Satkaliyev", "official", "reported", "stated")
    check(fig(text, "3 of them"), "Satkaliyev", "official", "reported", "informed")
    # a title of several words with no one given it before stays the title
    text = "Title\n\nThe Minister of Energy informed that 3 workers had died."
    check(fig(text, "3"), "Minister of Energy", "official")


def test_the_occasion_after_a_speaker_is_no_part_of_the_subject():
    text = ("Title\n\nOn Friday the deputy governor Nurlan Abenov at a meeting of the regional Security Council said "
            "that 40 people had been detained.")
    check(fig(text, "40"), "Nurlan Abenov", "official", "reported")
    # an organisation that is the subject itself stays the subject
    text = "Title\n\nThe Security Council of the region said that 40 people had been detained."
    check(fig(text, "40"), "Security Council", "official")


def test_a_leading_date_is_no_part_of_the_subject():
    check(fig("Title\n\nOn Monday Prime Minister Askar Mamin said that 12 people died.", "12"), "Askar Mamin", "official")
    check(fig("Title\n\nIn March 2016 the akimat said that 12 people died.", "12"), "akimat", "official")


# ---------------------------------------------------------------- factsheets

def test_a_source_credited_after_a_dash():
    text = "Title\n\nAT A GLANCE\n\u2022 Detained: 1,200 \u2014 Ministry of Internal Affairs\n\u2022 Killed: 16 \u2014 Human Rights Watch\n"
    check(fig(text, "1,200"), "Ministry of Internal Affairs", "official", "according_to")
    check(fig(text, "16"), "Human Rights Watch", "ngo", "according_to")
    # a dash before lower-case words, or with no figure before it, credits no one
    is_author(fig("Title\n\nPolice detained 1,200 people \u2014 most of them students.", "1,200"))


def test_journalists_estimate_as_a_group():
    c = fig("Title\n\nLocal journalists estimate that about 3,000 people took part in the march.", "3,000")
    check(c, "Local journalists", "media_author", "reported", "estimate")


# ---------------------------------------------------------------- wire updates

def test_a_place_before_the_subject_of_a_trailing_cue_is_no_organisation():
    text = ("Title\n\nThe regional akimat raised the toll to nine on Monday.\n\n"
            "Eight people died in Aktau and one in the village of Kuryk, the akimat said in a statement.")
    for needle in ("Eight", "one"):
        check(fig(text, needle), "akimat", "official", "reported")
    # "Name, the <organisation>," with no verb after it still describes the name
    text = "Title\n\nKazakhmys, the copper company, said 12 miners were injured."
    check(fig(text, "12"), "Kazakhmys", "company")


def test_a_figure_repeated_under_a_shorter_name_counts_once():
    text = ("Title\n\nKazakhstan's emergencies ministry said 9 people died in the floods.\n\n"
            "TIMELINE\n\nApril 3 - Emergencies ministry says 9 people died.")
    assert [c.figure.low for c in figures(text) if c.measure == "deaths"] == [9]
    # another source's same figure stays a claim of its own
    text = "Title\n\nThe emergencies ministry said 9 people died.\n\nVolunteers said 9 people died."
    assert [c.figure.low for c in figures(text) if c.measure == "deaths"] == [9, 9]


def test_a_date_stamp_is_no_person():
    text = "Title\n\nMon Jan 10, 2022 9:15am GMT\n\nHe said 40 people were detained."
    # nobody is named: "He" is no one, not "Mon Jan"
    is_author(fig(text, "40"))


# ---------------------------------------------------------------- state media

def test_a_long_official_title_before_a_name():
    text = ("Title\n\nThe meeting was attended by Minister of Emergency Situations Yuri Ilyin and "
            "Akim of Mangystau Region Nurlan Nogayev.\n\n"
            "The Minister of Emergency Situations informed that 12 people had been injured.")
    c = fig(text, "12")
    check(c, "Yuri Ilyin", "official", "reported", "informed")
    # the organisation in a title is no person
    text = "Title\n\nThe Minister of Foreign Affairs said 12 citizens had been detained abroad."
    assert "Foreign Affairs" != fig(text, "12").source.name
    # "of the Republic of Kazakhstan" and the like belong to the title before the name
    text = ("Title\n\nChairman of the Supreme Court of the Republic of Kazakhstan Aslambek Mergaliyev spoke. "
            "As Aslambek Mergaliyev reported, 30 people were convicted.")
    check(fig(text, "30"), "Mergaliyev", "official", "reported")


@pytest.mark.parametrize("before, name", [
    ("President of the Republic of Kazakhstan Kassym-Jomart Tokayev held a meeting. ", "Tokayev"),
    ("", "Head of State"),  # with no president named before, the title stands for itself
])
def test_the_head_of_state_is_the_president(before, name):
    c = fig("Title\n\n" + before + "According to the Head of State, 300 militants were detained.", "300")
    check(c, name, "official", "according_to")


# ---------------------------------------------------------------- a speaker and a colon opening a line (channel posts)

def test_a_speaker_and_a_colon_opening_a_line_speak_for_the_line():
    text = ("Feed for Tuesday\n\n09:40\nEmergencies ministry (via Kazinform): 52+ people treated for burns in Karaganda, "
            "12 of them firefighters.\n\n10:15\nRegional akim Bekov: nine miners still trapped, four dead.\n")
    check(fig(text, "52+"), "emergencies ministry", "official")
    check(fig(text, "12 of them"), "emergencies ministry", "official")
    check(fig(text, "four dead"), "Bekov", "official")


def test_a_label_or_a_time_before_a_colon_is_no_speaker():
    text = ("Feed for Tuesday\n\n09:40\nBREAKING: 14 people killed in a blast in Karaganda.\n\n"
            "Correction to 08:30 post: 14 dead, not 12.\n\nSummary of the day: 14 dead.\n")
    assert all(c.source.cls == "media_author" for c in figures(text))


def test_a_singular_person_before_claims_is_its_subject_and_a_broadcaster_is_no_part_of_it():
    c = fig('The police chief on Khabar claims "dozens of attackers were killed" in the night.', "dozens")
    check(c, "police chief", "official", stance="distancing")
    c = fig("The regional prosecutor claims 30 people died in the fire.", "30")
    check(c, "prosecutor", "official")
    # plural or possessive: "claims" is a noun
    c = fig("The residents' claims of 30 dead were never checked by anyone.", "30")
    assert c.source.name != "The residents'"


def test_a_rights_centre_is_an_ngo_and_a_reader_a_member_of_the_public():
    c = fig("Dana Omarova of the Steppe rights centre said at least 300 people remained in custody.", "300")
    check(c, "Omarova", "ngo")
    c = fig("A reader in Aktau writes that she counted 40 armed men near the akimat.", "40")
    check(c, "reader", "residents_witnesses")
    c = fig("The city trade centre said 40 people were hurt in the fire.", "40")  # a centre, but no rights centre
    assert c.source.cls != "ngo", c.source


def test_spoke_of_is_a_speech_cue():
    check(fig("Tokayev spoke of 20,000 bandits in the city.", "20,000"), "Tokayev", "official")
    is_author(fig("Officials spoke to reporters after 20 people died in the city.", "20"))


def test_a_clause_or_a_toll_before_a_colon_is_no_speaker_of_the_line():
    text = ("Brief\n\nAccording to officials, seven people were killed: three civilians and four servicemen.\n\n"
            "Ministry toll: 12 dead in Karaganda.\n")
    check(fig(text, "three civilians"), "officials", "official")
    is_author(fig(text, "12 dead"))


def test_a_passive_with_an_adverb_has_no_speaker_before_it():
    is_author(fig("The deployment is better documented: 2,030 servicemen arrived in Almaty.", "2,030"))
    is_author(fig("The shooting was widely reported, and 14 people died in the square.", "14"))
    # an adverb before an active verb keeps its subject
    check(fig("The ministry quickly reported that 14 people died in the square.", "14"), "ministry", "official")


def test_officially_covers_a_list_of_figures_after_it_until_another_voice():
    text = "Summary of the day: officially 18 security officers killed, 748 people injured in all, 2,298 detained."
    check(fig(text, "2,298"), "officials", "official")
    text = "Officially 14 people died on the square that day in the town, but we were told that 70 were killed."
    is_author(fig(text, "70"))


def test_circulated_estimates_and_an_employee_as_speakers():
    c = fig("Local activists, by contrast, circulated estimates of upwards of 70 deaths in the town.", "70")
    check(c, "activists", "opposition_activists")
    check(fig("A hospital employee put the toll at 40 in the first two days.", "40"), "employee", "residents_witnesses")
    # a rumour that circulates is no speaker
    is_author(fig("Rumours circulated that 100 people had died in the town.", "100"))


@pytest.mark.parametrize("text, figure, source", [
    # a place that opens a line with a colon is a dateline, not a speaker
    ("Almaty: police detained 200 protesters overnight.\n", "200 protesters", "the article's author"),
    # capitalised words after a final dash are a credit only when they name a source of a known class
    ("Police detained 130 people in two towns - Aktau and Zhanaozen.\n", "130 people", "the article's author"),
    ("Killed: 238 - Prosecutor General's Office\n", "238", "Prosecutor General's Office"),
    # "officially" far back covers a list of figures only when the list begins right after it
    ("The state of emergency officially ended on 19 January, after 238 people had died and 9,900 were detained.\n",
     "9,900", "the article's author"),
    ("By the evening the count stood officially 18 security officers killed, 748 injured (all sides), 2,298 "
     "detained.\n", "2,298 detained", "officials"),
])
def test_a_colon_a_dash_or_officially_credit_only_a_source(text, figure, source):
    found = {c.text: c.source.name for c in figures(text)}
    assert found[figure] == source, found


@pytest.mark.parametrize("text, figure, source", [
    ("This article has been updated: an earlier version of this story gave the toll as 11, but the "
     "prosecutor's office has since raised it to 15.\n", "15", "the prosecutor's office"),
    ("The toll stood at 200 on Monday. The ministry later raised it to 225.\n", "225", "The ministry"),
    # "it" is the toll only when a figure follows at once
    ("She raised it to the committee on Monday, when 40 people were detained.\n", "40 people", "the article's author"),
])
def test_a_toll_raised_as_it_is_credited_to_who_raised_it(text, figure, source):
    found = {c.text: c.source.name for c in figures(text)}
    assert found[figure] == source, found


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Deaths: 16-17 (official)[1][2]; 64+ (opposition)[3]\n", "64+", "opposition", "opposition_activists"),
    ("Deaths: 16-17 (official)[1][2]; 64+ (opposition)[3]\n", "16", "official", "official"),
    ("Arrested: 130 (Interior Ministry)[5]\n", "130", "Interior Ministry", "official"),
    ("The toll stood at 238 (Prosecutor General's Office), up from 225.\n", "238", "Prosecutor General's Office",
     "official"),
])
def test_a_source_in_brackets_after_a_figure(text, figure, source, cls):
    check(fig(text, figure), source, cls, "according_to")


@pytest.mark.parametrize("text", [
    "Police detained 130 people (most of them students) on Friday.\n",
    "About 40 people (official) figures show were hurt.\n",
])
def test_brackets_that_are_no_credit(text):
    assert all(c.source.how != "according_to" for c in figures(text))


def test_a_footnote_marker_is_no_part_of_the_next_source():
    c = fig("The police counted seventeen dead.[1][2] Officials said more than 100 people were hurt.[5]\n", "100")
    check(c, "Officials", "official")
    assert "[" not in c.source.name


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Interfax quoted the Interior Ministry as saying that 238 people lost their lives.\n", "238",
     "Interior Ministry", "official"),
    ("On 9 January state media, citing the Health Ministry, reported 164 deaths.\n", "164", "Health Ministry",
     "official"),
    ("Tengrinews reported, citing the Prosecutor General's Office, that 225 people had died.\n", "225",
     "Prosecutor General's Office", "official"),
    ("Reuters quoted a witness as saying 40 people were killed.\n", "40", "a witness", "residents_witnesses"),
    ("Kazinform, quoting the akimat, said 12 people were injured.\n", "12", "akimat", "official"),
])
def test_an_agency_that_passes_on_what_another_said_is_not_the_source(text, figure, source, cls):
    check(fig(text, figure), source, cls, "reported", "said")


def test_quoting_people_is_no_relay():
    check(fig("The newspaper quoted 40 people who were detained.\n", "40"), "newspaper", "media_author")


def test_a_crosshead_that_names_a_source_holds_for_its_section():
    text = ("Fact check\n\nWHAT THE PROSECUTOR GENERAL'S OFFICE SAYS\n\nThe final figure is 238 dead.\n\n"
            "NOTES\n\nA reader told us 500 people died.\n")
    check(fig(text, "238"), "Prosecutor General's Office", "official")
    assert fig(text, "500").source.name != "Prosecutor General's Office"


def test_an_outlet_over_the_items_of_a_round_up():
    text = ("Press round-up\n\nTENGRINEWS [3]\n\n- Tengrinews reported on the verdicts in Almaty.\n\n"
            "- Courts have convicted 1,100 people over the events.\n\nNOTES\n\n- 40 people were detained in Aktau.\n")
    check(fig(text, "1,100"), "Tengrinews", "media_author")
    assert fig(text, "40").source.name != "Tengrinews"


def test_according_to_which_credits_what_it_refers_to():
    c = fig("Rights groups published a list of names, according to which 232 people died.\n", "232")
    assert c.source.cls == "ngo" and "232" not in c.source.name, c.source


@pytest.mark.parametrize("text, figure, source", [
    ("On data of the ministry of healthcare, about 4,5 thous. persons received injuries.\n", "4,5", "ministry of healthcare"),
    ("By information of the police department, 45 persons were detained.\n", "45", "police department"),
    ("In numbers:\n238 - people killed in January (Prosecutor General's Office)\n", "238", "Prosecutor General's Office"),
])
def test_translated_and_fact_box_credits(text, figure, source):
    check(fig(text, figure), source, "official")


def test_an_open_letter_speaks_in_its_signatories_voice_and_you_is_the_addressee():
    text = ("OPEN LETTER\n\nTo the President of the Republic of Kazakhstan\nMr Kassym-Jomart Tokayev\n\n"
            "Joint appeal of the Steppe Monitoring Group\n\nMr President,\n\n"
            "On 7 January you told the nation that 20,000 bandits had attacked Almaty. "
            "We have documented at least 14 deaths in custody.\n\nRespectfully,\n\nSteppe Monitoring Group (Almaty)\n")
    check(fig(text, "20,000"), "Tokayev", "official")
    check(fig(text, "14"), "Steppe Monitoring Group", "ngo")


def test_by_its_account_credits_the_organisation_before():
    text = ("The Prosecutor General's Office raised the toll to 238. By its account, 19 of the dead were police "
            "officers.\n")
    check(fig(text, "19"), "Prosecutor General's Office", "official", "according_to")


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Mr Gareth Pryce (Wrexford) (Lab): I beg to move.\n\nSarah Lindqvist (Aldbury) (SNP): Will he give way?\n\n"
     "Mr Pryce: Police killed 16 oil workers that day.\n\nThe courts later convicted 34 of the strikers.\n",
     "34", "Gareth Pryce", "other"),
    ("Michelle Bachelet, the UN High Commissioner, was warning that dozens of people had been killed.\n", "dozens",
     "Bachelet", "international_body"),
    ("Nobody died inside the akimat, the court established.\n", "Nobody", "court", "official"),
])
def test_debate_speakers_progressive_and_established(text, figure, source, cls):
    check(fig(text, figure), source, cls)


def test_established_with_an_object_is_no_speech():
    is_author(fig("The court established the facts after 40 people were detained.\n", "40"))


def test_a_relative_clause_between_the_speaker_and_the_verb():
    check(fig("A surgeon who worked at the town hospital told us 70 people died.\n", "70"), "surgeon",
          "residents_witnesses")


@pytest.mark.parametrize("text, figure, source, cls", [
    # a past perfect in the main clause goes on with the account of the speaker just before
    ("Timur Bekov, a police colonel, briefed reporters on Friday. The gang had numbered about 30 men, he said. "
     "Eleven of them had been shot dead during the night.\n", "Eleven", "Bekov", "official"),
    ("Four miners died, the emergencies ministry said on Monday. Its first statement had put the toll at two.\n",
     "two", "emergencies ministry", "official"),
    ("The regional akimat confirmed the figures on Monday. Seventeen of the detainees were later released "
     "and six of the 40 detainees had died.\n", "six", "akimat", "official"),
])
def test_a_backshifted_or_partitive_sentence_goes_on_with_the_speaker(text, figure, source, cls):
    check(fig(text, figure), source, cls)


@pytest.mark.parametrize("text, figure", [
    # a past perfect in a relative or time clause is the article's narrative
    ("Officials said 14 people were killed. Next day police fired on a crowd that had blocked the railway, "
     "killing three men.\n", "three"),
    ("Officials said 14 people were killed. After the crowd had dispersed, police detained 40 people.\n", "40"),
    # a paragraph break ends the account
    ("The gang had numbered about 30 men, Colonel Bekov said.\n\nEleven of them had been shot dead.\n", "Eleven"),
])
def test_narrative_past_perfect_stays_with_the_author(text, figure):
    is_author(fig(text, figure))


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Over 3,000 detained after Atyrau rallies - rights monitors\n\nThe rallies began on Friday.\n", "3,000",
     "rights monitors", "ngo"),
    ("Toll in Karaganda mine blast climbs to 32 - emergencies ministry\n\nRescuers worked overnight.\n", "32",
     "emergencies ministry", "official"),
    ("Mine blast: 32 dead, says emergencies ministry\n\nRescuers worked overnight.\n", "32",
     "emergencies ministry", "official"),
])
def test_a_headline_credits_its_source_after_a_dash_or_says(text, figure, source, cls):
    check(fig(text, figure), source, cls)


def test_a_headline_dash_before_a_clause_credits_nobody():
    is_author(fig("Police detain 40 people - and release them hours later\n\nThe rally was small.\n", "40"))


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Court records show that 52 people have been convicted.\n", "52", "Court records", "official"),
    ("Intake logs seen by this newspaper show 140 people were treated for gunshot wounds.\n", "140", "Intake logs",
     "official"),
    ("The regional morgue register lists 61 bodies brought in over three days.\n", "61", "morgue register", "official"),
    ("Papers from the Interior Ministry show that 8,100 people were detained.\n", "8,100", "Interior Ministry",
     "official"),
    ("Files kept by Human Rights Watch show that 30 detainees were tortured and 9 died.\n", "9", "Files", "ngo"),
])
def test_a_record_speaks_for_its_keeper(text, figure, source, cls):
    check(fig(text, figure), source, cls, how="according_to")


@pytest.mark.parametrize("text, figure", [
    ("The figures show 238 people were killed.\n", "238"),  # whose figures, the sentences before would say
    ("Our records show 40 people were detained.\n", "40"),  # the article's own
    ("A video shows police beating 12 protesters.\n", "12"),
])
def test_no_record_or_an_unowned_one_credits_nobody(text, figure):
    is_author(fig(text, figure))


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Key figures\n\n* Health Ministry: 4,100 people injured.\n* OSCE: 300 observers.\n", "4,100", "Health Ministry",
     "official"),
    ("Key figures\n\n- Interior Ministry (January): 9,100 people detained nationwide.\n", "9,100", "Interior Ministry",
     "official"),
    ("The regional prosecutor attributed 41 deaths to the fighting in Taraz.\n", "41", "prosecutor", "official"),
])
def test_bulleted_source_labels_and_attributed(text, figure, source, cls):
    check(fig(text, figure), source, cls)


@pytest.mark.parametrize("text, figure, source, cls", [
    ("Police shot dead 12 people, by the government's own admission.\n", "12", "government", "official"),
    ("Key figures\n\n* 8,800: people detained in January, by the Interior Ministry's count\n", "8,800",
     "Interior Ministry", "official"),
    ("The KNB gave a briefing at noon:\n\n- Officers killed: 9\n- Officers injured: 310\n- People detained: 2,900\n",
     "2,900", "KNB", "official"),
])
def test_a_trailing_possessive_account_and_a_list_after_a_lead_in(text, figure, source, cls):
    check(fig(text, figure), source, cls)


def test_a_lead_in_colon_ends_with_its_list():
    text = ("The KNB gave a briefing at noon:\n\n- Officers killed: 9\n\nIn Taraz, 40 people were detained.\n")
    is_author(fig(text, "40"))


# The common ways a news sentence says who gave a figure: each must credit the named source.
COMMON_ATTRIBUTIONS = [
    ('Twelve people were killed, police said.', 'police'),
    ('Twelve people were killed, police said on Monday.', 'police'),
    ('Twelve people were killed, according to the Health Ministry.', 'Health Ministry'),
    ('According to the Health Ministry, twelve people were killed.', 'Health Ministry'),
    ('Police said twelve people were killed.', 'Police'),
    ('Police said on Monday that twelve people were killed.', 'Police'),
    ('The Health Ministry said in a statement that twelve people were killed.', 'Health Ministry'),
    ('"Twelve people were killed," said Marat Bekov, a police spokesman.', 'Bekov'),
    ('"Twelve people were killed," Marat Bekov, a police spokesman, said.', 'Bekov'),
    ('"Twelve people were killed," Bekov told reporters.', 'Bekov'),
    ('Marat Bekov, a police spokesman, told reporters that twelve people were killed.', 'Bekov'),
    ('Twelve people were killed, Marat Bekov, a police spokesman, told reporters.', 'Bekov'),
    ('Twelve people were killed, a police spokesman told Reuters.', 'spokesman'),
    ('Twelve people were killed, Reuters reported, citing a police spokesman.', 'spokesman'),
    ('Human Rights Watch said at least 40 people had been detained.', 'Human Rights Watch'),
    ('At least 40 people had been detained, Human Rights Watch said in a report.', 'Human Rights Watch'),
    ('At least 40 people had been detained, rights groups say.', 'rights groups'),
    ('Rights groups say at least 40 people were detained.', 'Rights groups'),
    ('Officials put the death toll at 12.', 'Officials'),
    ('The ministry put the number of detainees at 40.', 'ministry'),
    ('Witnesses said they saw at least 12 bodies.', 'Witnesses'),
    ('Residents told the BBC that 12 people had died.', 'Residents'),
    ('Twelve people died, residents told the BBC.', 'residents'),
    ('The Interior Ministry reported 40 arrests on Tuesday.', 'Interior Ministry'),
    ('In a statement, the Interior Ministry said 40 people were arrested.', 'Interior Ministry'),
    ('Tokayev claimed that 20,000 bandits had attacked Almaty.', 'Tokayev'),
    ('In a televised address, Tokayev claimed that 20,000 bandits had attacked Almaty.', 'Tokayev'),
    ('President Kassym-Jomart Tokayev said 20,000 terrorists attacked Almaty.', 'Tokayev'),
    ('The president said 20,000 terrorists attacked Almaty.', 'president'),
    ('At least 12 people died, the emergencies ministry said, adding that 40 were injured.', 'emergencies ministry'),
    ("The prosecutor general's office said 238 people had died, including 19 police officers.", 'prosecutor'),
    ('A spokeswoman for the Interior Ministry said 40 people were detained.', 'Interior Ministry'),
    ('Aigerim Nurlanova, whose son was detained, said 40 men were held in the same cell.', 'Nurlanova'),
    ('Some 40 people were detained, said Aigerim Nurlanova, a lawyer.', 'Nurlanova'),
    ('Some 40 people were detained, says Aigerim Nurlanova, a lawyer.', 'Nurlanova'),
    ('Some 40 people were detained, Ms Nurlanova, a lawyer, said on Tuesday.', 'Nurlanova'),
    ('Police say as many as 40 people were detained.', 'Police'),
    ('The UN human rights office said it had received reports of 40 deaths.', 'UN'),
    ('An Amnesty International report found that 40 detainees had been tortured.', 'Amnesty'),
    ('Forty people were detained, the agency quoted police as saying.', 'police'),
]


@pytest.mark.parametrize("text, source", COMMON_ATTRIBUTIONS)
def test_common_attributions(text, source):
    claims = figures(text + "\n")
    assert claims, text
    assert source.lower() in claims[0].source.name.lower(), (text, claims[0].source)


def test_its_account_is_the_organisation_just_named():
    text = ("The Interior Ministry gave its figures.\n\n* Just over 2,000: foreign troops the CSTO alliance flew in, "
            "by its own account\n")
    check(fig(text, "2,000"), "CSTO", "international_body")


@pytest.mark.parametrize("text, source, cls", [
    ("Human rights activist Vadim Kuramshin said 40 people were detained.\n", "Kuramshin", "ngo"),
    ("Human rights ombudsman Elvira Azimova said 40 people were detained.\n", "Azimova", "official"),
    ("Opposition activist Marat Bekov said 40 people were detained.\n", "Bekov", "opposition_activists"),
    ("My uncle said 40 people were detained.\n", "uncle", "residents_witnesses"),
    ("Her cousin told us 40 people were detained.\n", "cousin", "residents_witnesses"),
])
def test_roles_at_the_start_of_a_sentence_and_relatives(text, source, cls):
    check(fig(text, "40"), source, cls)


def test_a_press_release_under_a_letterhead_speaks_for_the_body():
    text = ("MINISTRY OF INTERNAL AFFAIRS OF THE REPUBLIC OF KAZAKHSTAN\nPress Office\n\nPRESS RELEASE No. 41\n\n"
            "Investigations continue in all regions.\n\n1. In total, 2,900 persons were detained.\n")
    check(fig(text, "2,900"), "Ministry of Internal Affairs", "official", how="author")


def test_a_letterhead_of_no_known_body_keeps_the_outlet():
    text = "STEPPE DAILY\n\nPRESS RELEASE WATCH\n\nIn total, 2,900 persons were detained.\n"
    assert fig(text, "2,900").source.cls == "media_author"


@pytest.mark.parametrize("text, figure, source", [
    ("My uncle was on the square that morning. He always tells us at least 40 died.\n", "40", "uncle"),
    ("Her mother works at the town hospital. She said over a hundred wounded came in.\n", "hundred", "mother"),
])
def test_a_relative_named_by_a_possessive_is_who_he_or_she_is(text, figure, source):
    check(fig(text, figure), source, "residents_witnesses")


def test_a_relative_is_not_the_nearest_he_after_a_named_man():
    text = "My uncle was there. Marat Bekov, a police officer, said 40 died. He added that 12 were detained.\n"
    check(fig(text, "12"), "Bekov")


@pytest.mark.parametrize("text, source", [
    ("In mid-January prosecutors spoke of 225 dead.\n", "prosecutors"),
    ("In Almaty police said 40 people were detained.\n", "police"),
    ("The Interior Ministry's first bulletin that evening spoke of six dead.\n", "Interior Ministry"),
    ("On 15 January the Prosecutor General's Office said 225 people had died.\n", "Prosecutor General's Office"),
])
def test_a_time_or_place_beside_the_subject_is_no_part_of_it(text, source):
    claims = figures(text)
    assert source.lower() in claims[0].source.name.lower(), claims[0].source


@pytest.mark.parametrize("text, figure, source", [
    ("The arrest of 22 people in Zhanaozen was reported by the regional police.\n", "22", "regional police"),
    ("Marat Bekov, a police colonel, spoke on Monday. He was quoted by Tengrinews as saying that 27 people had "
     "died.\n", "27", "Bekov"),
    ("The figure of 40 dead was given by officials on Monday.\n", "40", "officials"),
])
def test_a_passive_with_its_agent(text, figure, source):
    check(fig(text, figure), source)


def test_killed_by_is_no_speech():
    is_author(fig("40 people were killed by police on Monday.\n", "40"))


def test_quoted_as_saying_after_an_apposition():
    text = ("Bolat Abishev, the chief doctor of the regional hospital, was quoted by Tengrinews as saying that 27 "
            "people had been admitted with gunshot wounds.\n")
    check(fig(text, "27"), "Abishev")


def test_a_box_label_with_its_source_in_brackets():
    check(fig("In numbers\n\nInjured (Health Ministry): more than 100\n", "100"), "Health Ministry", "official")


def test_a_broadcast_scripts_sound_bite_is_its_speakers():
    text = ("NEWS AT SIX\n\nVO:\nResidents gathered on the square.\n\n"
            "SOT: Bolat Zhaksylykov, activist, one of the rally organisers\n"
            "\"There were more than fifteen hundred people here this morning.\"\n"
            "SUPER: Bolat Zhaksylykov, rally organiser\n\nVO:\nBy evening about 300 people had been detained.\n")
    check(fig(text, "fifteen hundred"), "Zhaksylykov", "opposition_activists")
    is_author(fig(text, "300"))
